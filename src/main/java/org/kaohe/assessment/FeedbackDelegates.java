package org.kaohe.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.document.Documents;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.Notice;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feedback (反馈, seed 004 三(六)): once the secretaries approved, a letter per assessed unit to its party leader in
 * charge and the results workbook; the office then confirms how each letter reached its addressee.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackDelegates {

  static final String FEEDBACK_LETTER_PREFIX = "feedbackLetter_";
  static final String CONFIRM_DISPATCH_TASK = "UserTask_ConfirmDispatch";

  private final RoundContext round;
  private final Organisation organisation;
  private final JsonVariables json;
  private final AssessmentDocuments documents;

  FeedbackDelegates(RoundContext round, Organisation organisation, JsonVariables json, AssessmentDocuments documents) {
    this.round = round;
    this.organisation = organisation;
    this.json = json;
    this.documents = documents;
  }

  /**
   * {@code ServiceTask_GenerateFeedback} (async): letters and workbook as File variables of the round, their records,
   * the e-mails after commit, and the {@code dispatch} table for the office.
   */
  @Bean
  JavaDelegate generateFeedback(ObjectProvider<Documents> generator, Results results, AssessmentSources sources,
      FeedbackMailer mailer) {
    return execution -> {
      String roundId = execution.getProcessInstanceId();
      Notice notice = round.notice(execution);
      Documents docs = generator.getObject();
      var now = round.now();
      ResultRow.Table table = json.read(execution, AnnualAssessmentProcess.RESULTS, ResultRow.Table.class);
      Map<String, ResultRow> shown = new LinkedHashMap<>();
      if (table != null) {
        table.rows().forEach(r -> shown.put(r.unitCode(), r));
      }
      List<Results.Row> rows = results.ofRound(roundId);
      Map<String, Long> perKind = new LinkedHashMap<>();
      rows.forEach(r -> perKind.merge(r.unitKind(), 1L, Long::sum));
      List<org.kaohe.review.Reviews.Review> reviews = sources.reviews(roundId);
      Map<String, Results.Row> byUnit = new LinkedHashMap<>();
      rows.forEach(r -> byUnit.put(r.unitCode(), r));

      List<Map<String, Object>> dispatch = new ArrayList<>();
      for (Organisation.Unit unit : round.assessedUnits(roundId)) {
        Results.Row r = byUnit.get(unit.code());
        if (r == null) {
          continue;
        }
        byte[] letter = docs.feedbackLetter(new Documents.FeedbackLetter(notice.organisationName(), notice.year(),
            notice.title(), unit.partyCommitteeName(), unit.name(), components(r), r.bonusPoints(), r.lateDeduction(),
            r.total(), round.gradeName(r.grade()), r.rank(), perKind.get(r.unitKind()).intValue(),
            areaComments(notice, reviews, unit.code()), round.today()));
        String variable = FEEDBACK_LETTER_PREFIX + unit.code();
        String fileName = unit.name() + notice.year() + "年度考核结果反馈函.docx";
        execution.setVariable(variable, Variables.fileValue(fileName).file(letter).mimeType(ComponentDelegates.DOCX)
            .create());
        documents.generated(roundId, AssessmentDocuments.FEEDBACK_LETTER, unit.code(), fileName, variable,
            ComponentDelegates.sha256(letter), now);
        String mailTo = "";
        if (mailer.enabled() && unit.partyLeaderEmail() != null && !unit.partyLeaderEmail().isBlank()) {
          mailTo = unit.partyLeaderEmail().strip();
          mailer.mailAfterCommit(roundId, unit.code(), mailTo, notice.organisationName() + "关于" + unit.name()
                  + notice.year() + "年度工作考核结果的反馈",
              unit.partyCommitteeName() + "：\n\n现将" + unit.name() + notice.year() + "年度工作考核结果反馈如下，详见附件。\n\n"
                  + notice.organisationName(), fileName, letter);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unitCode", unit.code());
        row.put("unitName", unit.name());
        row.put("letterVariable", variable);
        row.put("mailedTo", mailTo);
        row.put("dispatched", false);
        row.put("method", mailTo.isEmpty() ? "" : "mail");
        row.put("remarks", "");
        dispatch.add(row);
      }

      List<Documents.ResultRow> workbookRows = new ArrayList<>();
      for (Results.Row r : rows) {
        ResultRow s = shown.get(r.unitCode());
        workbookRows.add(new Documents.ResultRow(r.unitCode(), round.unitName(r.unitCode()), kindName(r.unitKind()),
            r.indicator(), r.party(), r.youth(), r.oral(), r.bonusPoints(), r.lateDeduction(), r.total(),
            round.gradeName(r.grade()), r.rank(), s == null || s.notes() == null ? "" : s.notes()));
      }
      byte[] workbook = docs.resultsWorkbook(new Documents.ResultsTable(notice.year() + "年度考核结果",
          organisation.grades().stream().map(Organisation.Grade::name).toList(), workbookRows));
      String workbookName = notice.year() + "年度考核结果.xlsx";
      execution.setVariable(AnnualAssessmentProcess.RESULTS_WORKBOOK, Variables.fileValue(workbookName).file(workbook)
          .mimeType(ComponentDelegates.XLSX).create());
      documents.generated(roundId, AssessmentDocuments.RESULTS_WORKBOOK, AssessmentDocuments.ROUND_WIDE, workbookName,
          AnnualAssessmentProcess.RESULTS_WORKBOOK, ComponentDelegates.sha256(workbook), now);
      execution.setVariable(AnnualAssessmentProcess.DISPATCH, json.value(Map.of("units", dispatch)));
    };
  }

  /** Complete listener of {@code UserTask_ConfirmDispatch}: every letter confirmed, with its method. */
  @Bean
  TaskListener dispatchValidator() {
    return task -> {
      Map<String, String> letters = new LinkedHashMap<>();
      documents.ofRound(task.getProcessInstanceId(), AssessmentDocuments.FEEDBACK_LETTER)
          .forEach(d -> letters.put(d.unitCode(), round.unitName(d.unitCode())));
      ComponentDelegates.refuse("反馈送达情况",
          ComponentRules.dispatch(json.tree(task, AnnualAssessmentProcess.DISPATCH), letters));
    };
  }

  /** {@code ServiceTask_RecordDispatch}: how each letter went, on its document record. */
  @Bean
  JavaDelegate recordDispatch(Actors actors) {
    return execution -> {
      JsonNode dispatch = json.tree(execution, AnnualAssessmentProcess.DISPATCH);
      String who = actors.of(execution, CONFIRM_DISPATCH_TASK);
      var now = round.now();
      for (JsonNode row : dispatch == null ? List.<JsonNode>of() : toList(dispatch.path("units"))) {
        if (row.path("dispatched").asBoolean(false)) {
          documents.dispatched(execution.getProcessInstanceId(), AssessmentDocuments.FEEDBACK_LETTER,
              ComponentRules.text(row, "unitCode"), who, now, ComponentRules.text(row, "method"),
              ComponentRules.text(row, "remarks").strip());
        }
      }
    };
  }

  /** The four weighted components, each with the note of a rule or entry that applied (from the trace). */
  private List<Documents.ComponentLine> components(Results.Row r) {
    JsonNode trace = json.read(r.traceJson(), JsonNode.class, "trace_json").path("components");
    var weights = organisation.weights();
    List<Documents.ComponentLine> lines = new ArrayList<>();
    BigDecimal[] scores = {r.indicator(), r.party(), r.youth(), r.oral()};
    ComponentKind[] kinds = ComponentKind.values();
    for (int i = 0; i < kinds.length; i++) {
      JsonNode note = trace.path(kinds[i].code()).path("note");
      lines.add(new Documents.ComponentLine(kinds[i].label(), kinds[i].weight(weights), scores[i],
          note.isTextual() ? note.asText() : null));
    }
    return lines;
  }

  private List<Documents.AreaComment> areaComments(Notice notice, List<org.kaohe.review.Reviews.Review> reviews,
      String unitCode) {
    List<Documents.AreaComment> comments = new ArrayList<>();
    if (notice.catalogue() == null) {
      return comments;
    }
    for (Organisation.Area area : notice.catalogue().areas()) {
      reviews.stream().filter(v -> v.areaCode().equals(area.code()) && v.unitCode().equals(unitCode)).findFirst()
          .ifPresent(v -> comments.add(new Documents.AreaComment(area.name(), round.unitName(v.department()),
              round.gradeName(v.grade()), v.score(), v.comment())));
    }
    return comments;
  }

  private static String kindName(String code) {
    for (UnitKind kind : UnitKind.values()) {
      if (kind.code().equals(code)) {
        return kind.label();
      }
    }
    return code;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
