package org.kaohe.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.kaohe.document.Documents;
import org.kaohe.document.YouthSurveyWorkbook;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.Notice;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The component branches of the round (seed 004 三(二)-(四)): the party committees' evaluation, the youth survey
 * and the oral-report scores, each prepared, checked when its task completes and recorded; and the end of
 * submission. Beans named as {@code annual-assessment.bpmn} references them.
 *
 * <p>The document beans are looked up when used, not at start, so that the application starts (and every other
 * step runs) even where no document implementation is present.
 */
@Configuration(proxyBeanMethods = false)
class ComponentDelegates {

  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String PARTY_EVALUATION_REQUEST_PREFIX = "partyEvaluationRequest_";
  /** The message that ends every unit's instance of the round (unit-submission, SubProcess_RoundClosed). */
  static final String ASSESSMENT_CLOSED_MESSAGE = "kaohe.assessmentClosed";
  static final String RECORD_PARTY_EVALUATIONS_TASK = "UserTask_RecordPartyEvaluations";
  static final String RECORD_YOUTH_SURVEY_TASK = "UserTask_RecordYouthSurvey";
  static final String RECORD_ORAL_REPORTS_TASK = "UserTask_RecordOralReports";
  static final String IMPORT = "import";
  static final String FINISH = "finish";

  private final RoundContext round;
  private final Organisation organisation;
  private final JsonVariables json;
  private final Actors actors;

  ComponentDelegates(RoundContext round, Organisation organisation, JsonVariables json, Actors actors) {
    this.round = round;
    this.organisation = organisation;
    this.json = json;
    this.actors = actors;
  }

  // ---- party evaluation (党委评价) ----

  /**
   * {@code ServiceTask_PreparePartyEvaluations}: one request letter per assessed unit to its party committee, and
   * the empty evaluation table unless one exists (a retried job keeps what was there).
   */
  @Bean
  JavaDelegate preparePartyEvaluations(ObjectProvider<Documents> documents, AssessmentDocuments records) {
    return execution -> {
      String roundId = execution.getProcessInstanceId();
      Notice notice = round.notice(execution);
      var contacts = notice.contacts().stream()
          .map(c -> new Documents.Contact(c.name(), c.phone(), c.email())).toList();
      var dueDate = round.date(execution, AnnualAssessmentProcess.PARTY_EVALUATION_DUE_DATE);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Organisation.Unit unit : round.assessedUnits(roundId)) {
        byte[] letter = documents.getObject().partyEvaluationRequest(new Documents.PartyEvaluationRequest(
            notice.organisationName(), notice.year(), notice.title(), unit.partyCommitteeName(), unit.name(), dueDate,
            round.today(), contacts));
        String variable = PARTY_EVALUATION_REQUEST_PREFIX + unit.code();
        String fileName = "关于商请对" + unit.name() + notice.year() + "年度工作进行评价的函.docx";
        execution.setVariable(variable, Variables.fileValue(fileName).file(letter).mimeType(DOCX).create());
        records.generated(roundId, AssessmentDocuments.PARTY_EVALUATION_REQUEST, unit.code(), fileName, variable,
            sha256(letter), round.now());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unitCode", unit.code());
        row.put("unitName", unit.name());
        row.put("grade", "");
        row.put("score", null);
        row.put("text", "");
        rows.add(row);
      }
      if (execution.getVariable(AnnualAssessmentProcess.PARTY_EVALUATIONS) == null) {
        execution.setVariable(AnnualAssessmentProcess.PARTY_EVALUATIONS, json.value(Map.of("units", rows)));
      }
    };
  }

  /** Complete listener of {@code UserTask_RecordPartyEvaluations}; units not yet received may stay empty. */
  @Bean
  TaskListener partyEvaluationValidator() {
    return task -> refuse("党委评价", ComponentRules.partyEvaluations(
        json.tree(task, AnnualAssessmentProcess.PARTY_EVALUATIONS), round.unitRefs(task.getProcessInstanceId()),
        Set.copyOf(partyGradeCodes())));
  }

  /** {@code ServiceTask_RecordPartyEvaluations}: every received evaluation into {@code kaohe_party_evaluation}. */
  @Bean
  JavaDelegate recordPartyEvaluations(PartyEvaluations records) {
    return execution -> {
      List<PartyEvaluations.Row> rows = new ArrayList<>();
      for (JsonNode row : rows(execution, AnnualAssessmentProcess.PARTY_EVALUATIONS)) {
        if (ComponentRules.received(row)) {
          rows.add(new PartyEvaluations.Row(ComponentRules.text(row, "unitCode"),
              ComponentRules.text(row, "grade").strip(), ComponentRules.Num.of(row, "score").value(),
              ComponentRules.text(row, "text").strip()));
        }
      }
      records.replace(execution.getProcessInstanceId(), rows,
          actors.of(execution, RECORD_PARTY_EVALUATIONS_TASK), round.now());
    };
  }

  /**
   * {@code ServiceTask_ListMissingPartyEvaluations}: at the deadline, the units whose evaluation has not been
   * entered, for the office to follow up (the organisation department's task stays open).
   */
  @Bean
  JavaDelegate listMissingPartyEvaluations() {
    return execution -> {
      Set<String> received = new java.util.HashSet<>();
      for (JsonNode row : rows(execution, AnnualAssessmentProcess.PARTY_EVALUATIONS)) {
        if (ComponentRules.received(row)) {
          received.add(ComponentRules.text(row, "unitCode"));
        }
      }
      List<Map<String, String>> missing = round.assessedUnits(execution.getProcessInstanceId()).stream()
          .filter(u -> !received.contains(u.code()))
          .map(u -> Map.of("code", u.code(), "name", u.name()))
          .toList();
      execution.setVariable(AnnualAssessmentProcess.MISSING_PARTY_EVALUATIONS, json.value(missing));
      execution.setVariable(AnnualAssessmentProcess.MISSING_PARTY_EVALUATION_COUNT, missing.size());
    };
  }

  // ---- youth survey (青年评议) ----

  /** {@code ServiceTask_PrepareYouthSurvey}: the agency's spreadsheet template and the empty survey table. */
  @Bean
  JavaDelegate prepareYouthSurvey(ObjectProvider<YouthSurveyWorkbook> workbook) {
    return execution -> {
      Notice notice = round.notice(execution);
      var units = round.assessedUnits(execution.getProcessInstanceId());
      byte[] template = workbook.getObject().template(notice.year() + "年度青年评议",
          units.stream().map(u -> new YouthSurveyWorkbook.UnitRef(u.code(), u.name())).toList());
      execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_TEMPLATE,
          Variables.fileValue(notice.year() + "年度青年评议模板.xlsx").file(template).mimeType(XLSX).create());
      if (execution.getVariable(AnnualAssessmentProcess.YOUTH_SURVEY) == null) {
        List<Map<String, Object>> rows = units.stream().map(u -> surveyRow(u.code(), u.name(), null, null, null))
            .toList();
        execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY, json.value(Map.of("units", rows)));
      }
      if (execution.getVariable(AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS) == null) {
        execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS, json.value(List.of()));
      }
    };
  }

  /**
   * Complete listener of {@code UserTask_RecordYouthSurvey}: {@code import} needs the uploaded workbook (its cells
   * are checked by the import); {@code finish} needs every row empty or complete.
   */
  @Bean
  TaskListener youthSurveyValidator() {
    return task -> {
      Object action = task.getVariable(AnnualAssessmentProcess.YOUTH_SURVEY_ACTION);
      if (IMPORT.equals(action)) {
        if (!(task.getVariableTyped(AnnualAssessmentProcess.YOUTH_SURVEY_WORKBOOK) instanceof FileValue)) {
          throw new BadUserRequestException("青年评议未通过检查：请上传要导入的青年评议表（.xlsx）");
        }
      } else if (FINISH.equals(action)) {
        refuse("青年评议", ComponentRules.youthSurvey(json.tree(task, AnnualAssessmentProcess.YOUTH_SURVEY),
            round.unitRefs(task.getProcessInstanceId())));
      } else {
        throw new BadUserRequestException("青年评议未通过检查：请选择导入表格或完成录入");
      }
    };
  }

  /**
   * {@code ServiceTask_ImportYouthSurvey}: the uploaded workbook replaces the table only when it has no problem at
   * all; otherwise the problems go back to the office and the table stays as it was.
   */
  @Bean
  JavaDelegate importYouthSurvey(ObjectProvider<YouthSurveyWorkbook> workbook) {
    return execution -> {
      var units = round.assessedUnits(execution.getProcessInstanceId());
      FileValue file = execution.getVariableTyped(AnnualAssessmentProcess.YOUTH_SURVEY_WORKBOOK);
      YouthSurveyWorkbook.ImportResult result;
      if (file == null || file.getValue() == null) {
        result = new YouthSurveyWorkbook.ImportResult(List.of(),
            List.of(new YouthSurveyWorkbook.CellProblem("-", 0, "-", "未上传青年评议表")));
      } else {
        result = workbook.getObject().read(bytes(file),
            units.stream().map(u -> new YouthSurveyWorkbook.UnitRef(u.code(), u.name())).toList());
      }
      if (!result.ok()) {
        List<String> errors = file == null || file.getValue() == null ? List.of("未上传青年评议表")
            : result.problems().stream().map(YouthSurveyWorkbook.CellProblem::text).toList();
        execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS, json.value(errors));
        return;
      }
      Map<String, YouthSurveyWorkbook.SurveyRow> byUnit = new LinkedHashMap<>();
      result.rows().forEach(r -> byUnit.put(r.unitCode(), r));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Organisation.Unit unit : units) {
        var r = byUnit.get(unit.code());
        rows.add(r == null ? surveyRow(unit.code(), unit.name(), null, null, null)
            : surveyRow(unit.code(), unit.name(), r.sampleSize(), r.awareness(), r.satisfaction()));
      }
      execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY, json.value(Map.of("units", rows)));
      execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS, json.value(List.of()));
      execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_SOURCE, YouthSurveys.IMPORTED);
    };
  }

  /** {@code ServiceTask_RecordYouthSurvey}: every complete row into {@code kaohe_youth_survey}. */
  @Bean
  JavaDelegate recordYouthSurvey(YouthSurveys records) {
    return execution -> {
      List<YouthSurveys.Row> rows = new ArrayList<>();
      for (JsonNode row : rows(execution, AnnualAssessmentProcess.YOUTH_SURVEY)) {
        if (ComponentRules.surveyed(row)) {
          rows.add(new YouthSurveys.Row(ComponentRules.text(row, "unitCode"),
              ComponentRules.Num.of(row, "sampleSize").value().intValueExact(),
              ComponentRules.Num.of(row, "awareness").value(), ComponentRules.Num.of(row, "satisfaction").value()));
        }
      }
      String source = YouthSurveys.IMPORTED.equals(execution.getVariable(AnnualAssessmentProcess.YOUTH_SURVEY_SOURCE))
          ? YouthSurveys.IMPORTED : YouthSurveys.ENTERED;
      records.replace(execution.getProcessInstanceId(), rows, source, actors.of(execution, RECORD_YOUTH_SURVEY_TASK),
          round.now());
    };
  }

  // ---- oral report (总结述职评议) ----

  /** {@code ServiceTask_PrepareOralReports}: the empty score table unless one exists. */
  @Bean
  JavaDelegate prepareOralReports() {
    return execution -> {
      if (execution.getVariable(AnnualAssessmentProcess.ORAL_REPORTS) != null) {
        return;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Organisation.Unit unit : round.assessedUnits(execution.getProcessInstanceId())) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unitCode", unit.code());
        row.put("unitName", unit.name());
        row.put("score", null);
        row.put("remarks", "");
        rows.add(row);
      }
      execution.setVariable(AnnualAssessmentProcess.ORAL_REPORTS, json.value(Map.of("units", rows)));
    };
  }

  /** Complete listener of {@code UserTask_RecordOralReports}; a unit not heard may stay empty. */
  @Bean
  TaskListener oralReportValidator() {
    return task -> refuse("述职评议得分", ComponentRules.oralReports(
        json.tree(task, AnnualAssessmentProcess.ORAL_REPORTS), round.unitRefs(task.getProcessInstanceId())));
  }

  /** {@code ServiceTask_RecordOralReports}: every score into {@code kaohe_oral_report}. */
  @Bean
  JavaDelegate recordOralReports(OralReports records) {
    return execution -> {
      List<OralReports.Row> rows = new ArrayList<>();
      for (JsonNode row : rows(execution, AnnualAssessmentProcess.ORAL_REPORTS)) {
        BigDecimal score = ComponentRules.Num.of(row, "score").value();
        if (score != null) {
          rows.add(new OralReports.Row(ComponentRules.text(row, "unitCode"), score,
              ComponentRules.text(row, "remarks").strip()));
        }
      }
      records.replace(execution.getProcessInstanceId(), rows, actors.of(execution, RECORD_ORAL_REPORTS_TASK),
          round.now());
    };
  }

  // ---- end of submission ----

  /**
   * {@code ServiceTask_CloseSubmissions}: every unit instance of the round ends (its event sub-process), so that no
   * package or bonus application changes once the results are being computed.
   */
  @Bean
  JavaDelegate closeSubmissions(RuntimeService runtimeService) {
    return execution -> runtimeService.createMessageCorrelation(ASSESSMENT_CLOSED_MESSAGE)
        .processInstanceVariableEquals("roundId", execution.getProcessInstanceId())
        .correlateAllWithResult();
  }

  // ---- helpers ----

  private List<String> partyGradeCodes() {
    return organisation.assessment() == null ? List.of()
        : List.copyOf(organisation.assessment().partyEvaluationGradeScores().keySet());
  }

  private JsonNode rows(DelegateExecution execution, String variable) {
    JsonNode value = json.tree(execution, variable);
    return value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value.path("units");
  }

  private static Map<String, Object> surveyRow(String code, String name, Integer sampleSize, BigDecimal awareness,
      BigDecimal satisfaction) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("unitCode", code);
    row.put("unitName", name);
    row.put("sampleSize", sampleSize);
    row.put("awareness", awareness);
    row.put("satisfaction", satisfaction);
    return row;
  }

  static void refuse(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(what + "未通过检查：" + String.join("；", problems));
    }
  }

  static byte[] bytes(FileValue file) {
    try (InputStream in = file.getValue()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
