package org.kaohe.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.bonus.BonusApplications;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.Notice;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Aggregation, the office's entries for missing components and its adjustments before the secretaries' meeting
 * (seed 004 三(六)). The records ({@code kaohe_result}) are the truth; {@code results} is their view for the forms.
 */
@Configuration(proxyBeanMethods = false)
class ResultDelegates {

  static final String RESOLVE_MISSING_COMPONENTS_TASK = "UserTask_ResolveMissingComponents";
  static final String SUBMIT_RESULTS_TASK = "UserTask_SubmitResults";
  static final String TOTAL = "total";
  static final String GRADE = "grade";

  private final RoundContext round;
  private final Organisation organisation;
  private final JsonVariables json;
  private final Actors actors;
  private final GradeTable grades;
  private final Results results;

  ResultDelegates(RoundContext round, Organisation organisation, JsonVariables json, Actors actors, GradeTable grades,
      Results results) {
    this.round = round;
    this.organisation = organisation;
    this.json = json;
    this.actors = actors;
    this.grades = grades;
    this.results = results;
  }

  /**
   * {@code ServiceTask_AggregateResults}: every assessed unit's result from the records; units with a blocked
   * component get none and are listed in {@code missingComponents} for the office to complete.
   */
  @Bean
  JavaDelegate aggregateResults(AssessmentSources sources, PartyEvaluations partyEvaluations,
      YouthSurveys youthSurveys, OralReports oralReports, ComponentEntries entries, BonusApplications bonuses) {
    return execution -> {
      String roundId = execution.getProcessInstanceId();
      Notice notice = round.notice(execution);
      var areaScores = sources.areaScores(roundId);
      var party = partyEvaluations.ofRound(roundId);
      var surveys = youthSurveys.ofRound(roundId);
      var oral = oralReports.ofRound(roundId);
      var entered = entries.ofRound(roundId);
      var late = sources.firstSubmissionLate(roundId);
      Map<String, List<Aggregation.Bonus>> granted = bonuses.grantedOfRound(roundId).stream()
          .collect(Collectors.groupingBy(BonusApplications.Application::unitCode,
              Collectors.mapping(a -> new Aggregation.Bonus(a.projectName(), a.points()), Collectors.toList())));
      List<Aggregation.UnitInput> inputs = new ArrayList<>();
      for (Organisation.Unit unit : round.assessedUnits(roundId)) {
        String code = unit.code();
        PartyEvaluations.Row p = party.get(code);
        YouthSurveys.Row y = surveys.get(code);
        OralReports.Row o = oral.get(code);
        Boolean firstLate = late.get(code);
        inputs.add(new Aggregation.UnitInput(code, unit.name(), unit.kind().code(), areaScores.get(code),
            p == null ? null : new Aggregation.PartyEvaluation(p.grade(), p.score()),
            y == null ? null : new Aggregation.YouthSurvey(y.sampleSize(), y.awareness(), y.satisfaction()),
            o == null ? null : o.score(), granted.get(code),
            firstLate == null ? Aggregation.Submission.NONE
                : firstLate ? Aggregation.Submission.LATE : Aggregation.Submission.ON_TIME,
            entered.get(code)));
      }
      Aggregation.Outcome outcome = new Aggregation(Aggregation.Rules.of(organisation), grades::grade)
          .aggregate(round.areaCodes(notice), inputs);

      results.replace(roundId, outcome.results().stream().map(this::record).toList(), round.now());
      execution.setVariable(AnnualAssessmentProcess.RESULTS,
          json.value(new ResultRow.Table(outcome.results().stream().map(this::row).toList())));
      List<Map<String, Object>> missing = new ArrayList<>();
      List<Map<String, Object>> toEnter = new ArrayList<>();
      for (Aggregation.Missing m : outcome.missing()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unitCode", m.unitCode());
        row.put("unitName", m.unitName());
        row.put("component", m.component().code());
        row.put("componentName", m.component().label());
        row.put("detail", m.detail());
        missing.add(row);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("unitCode", m.unitCode());
        entry.put("component", m.component().code());
        entry.put("score", null);
        entry.put("reason", "");
        toEnter.add(entry);
      }
      execution.setVariable(AnnualAssessmentProcess.MISSING_COMPONENTS, json.value(missing));
      execution.setVariable(AnnualAssessmentProcess.MISSING_COMPONENT_COUNT, missing.size());
      execution.setVariable(AnnualAssessmentProcess.COMPONENT_ENTRIES, json.value(toEnter));
      execution.setVariable(AnnualAssessmentProcess.RESULT_ADJUSTMENTS, json.value(List.of()));
    };
  }

  /** Complete listener of {@code UserTask_ResolveMissingComponents}. */
  @Bean
  TaskListener componentEntryValidator() {
    return task -> ComponentDelegates.refuse("补录分项", ComponentRules.componentEntries(
        json.tree(task, AnnualAssessmentProcess.COMPONENT_ENTRIES),
        json.tree(task, AnnualAssessmentProcess.MISSING_COMPONENTS)));
  }

  /** {@code ServiceTask_RecordComponentEntries}: the entries into {@code kaohe_component_entry}, before aggregating again. */
  @Bean
  JavaDelegate recordComponentEntries(ComponentEntries entries) {
    return execution -> {
      List<ComponentEntries.Row> rows = new ArrayList<>();
      JsonNode value = json.tree(execution, AnnualAssessmentProcess.COMPONENT_ENTRIES);
      if (value != null) {
        for (JsonNode e : value) {
          ComponentKind.of(ComponentRules.text(e, "component")).ifPresent(kind -> rows.add(new ComponentEntries.Row(
              ComponentRules.text(e, "unitCode"), kind, ComponentRules.Num.of(e, "score").value(),
              ComponentRules.text(e, "reason").strip())));
        }
      }
      entries.replace(execution.getProcessInstanceId(), rows, actors.of(execution, RESOLVE_MISSING_COMPONENTS_TASK),
          round.now());
    };
  }

  /** Complete listener of {@code UserTask_SubmitResults}. */
  @Bean
  TaskListener resultAdjustmentValidator() {
    return task -> {
      Map<String, String> units = new LinkedHashMap<>();
      for (Results.Row row : results.ofRound(task.getProcessInstanceId())) {
        units.put(row.unitCode(), round.unitName(row.unitCode()));
      }
      ComponentDelegates.refuse("结果调整", ComponentRules.resultAdjustments(
          json.tree(task, AnnualAssessmentProcess.RESULT_ADJUSTMENTS), units, gradeCodes()));
    };
  }

  /**
   * {@code ServiceTask_ApplyResultAdjustments}: each adjustment recorded with who, why, old and new value; a new total
   * is graded again by the table unless the grade itself is adjusted too; the units of each kind are ranked again.
   */
  @Bean
  JavaDelegate applyResultAdjustments() {
    return execution -> {
      String roundId = execution.getProcessInstanceId();
      JsonNode adjustments = json.tree(execution, AnnualAssessmentProcess.RESULT_ADJUSTMENTS);
      if (adjustments == null || !adjustments.isArray() || adjustments.isEmpty()) {
        return;
      }
      String who = actors.of(execution, SUBMIT_RESULTS_TASK);
      var now = round.now();
      Map<String, Results.Row> rows = new LinkedHashMap<>();
      results.ofRound(roundId).forEach(r -> rows.put(r.unitCode(), r));
      Map<String, List<String>> notes = new HashMap<>();
      Set<String> gradeAdjusted = new HashSet<>();
      for (JsonNode a : adjustments) {
        if (GRADE.equals(ComponentRules.text(a, "field"))) {
          gradeAdjusted.add(ComponentRules.text(a, "unitCode"));
        }
      }
      // Totals first, so that a grade adjusted in the same submission is the last word.
      for (String field : List.of(TOTAL, GRADE)) {
        for (JsonNode a : adjustments) {
          if (!field.equals(ComponentRules.text(a, "field"))) {
            continue;
          }
          String unitCode = ComponentRules.text(a, "unitCode");
          String reason = ComponentRules.text(a, "reason").strip();
          Results.Row row = rows.get(unitCode);
          if (TOTAL.equals(field)) {
            BigDecimal total = ComponentRules.Num.of(a, "value").value().setScale(2, RoundingMode.HALF_UP);
            record(roundId, unitCode, TOTAL, row.total().toPlainString(), total.toPlainString(), reason, who, now);
            note(notes, unitCode, "总分由 " + row.total().toPlainString() + " 调整为 " + total.toPlainString() + "（" + reason + "）");
            String grade = row.grade();
            if (!gradeAdjusted.contains(unitCode)) {
              grade = grades.grade(total);
              if (!grade.equals(row.grade())) {
                record(roundId, unitCode, GRADE, row.grade(), grade, "总分调整后按等次规则重新评定：" + reason, who, now);
                note(notes, unitCode, "等次随总分调整为" + round.gradeName(grade));
              }
            }
            row = with(row, total, grade);
          } else {
            String grade = ComponentRules.text(a, "value");
            record(roundId, unitCode, GRADE, row.grade(), grade, reason, who, now);
            note(notes, unitCode, "等次由" + round.gradeName(row.grade()) + "调整为" + round.gradeName(grade) + "（" + reason + "）");
            row = with(row, row.total(), grade);
          }
          rows.put(unitCode, row);
        }
      }
      Map<String, Integer> ranks = new HashMap<>();
      rows.values().stream().collect(Collectors.groupingBy(Results.Row::unitKind)).values().forEach(kind -> {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        kind.forEach(r -> totals.put(r.unitCode(), r.total()));
        ranks.putAll(Aggregation.ranks(totals));
      });
      rows.values().forEach(r -> results.update(roundId, r.unitCode(), r.total(), r.grade(), ranks.get(r.unitCode())));

      ResultRow.Table table = json.read(execution, AnnualAssessmentProcess.RESULTS, ResultRow.Table.class);
      List<ResultRow> updated = new ArrayList<>();
      for (ResultRow old : table == null ? List.<ResultRow>of() : table.rows()) {
        Results.Row r = rows.get(old.unitCode());
        if (r == null) {
          updated.add(old);
          continue;
        }
        List<String> added = notes.getOrDefault(old.unitCode(), List.of());
        String allNotes = added.isEmpty() ? old.notes()
            : (old.notes() == null || old.notes().isBlank() ? "" : old.notes() + "；") + String.join("；", added);
        updated.add(new ResultRow(old.unitCode(), old.unitName(), old.unitKind(), old.indicatorEvaluation(),
            old.partyEvaluation(), old.youthSurvey(), old.oralReport(), old.bonusPoints(), old.lateDeduction(),
            r.total(), r.grade(), round.gradeName(r.grade()), ranks.get(old.unitCode()), allNotes));
      }
      List<String> kinds = updated.stream().map(ResultRow::unitKind).distinct().toList();
      updated.sort(java.util.Comparator.comparingInt((ResultRow r) -> kinds.indexOf(r.unitKind()))
          .thenComparingInt(ResultRow::rank));
      execution.setVariable(AnnualAssessmentProcess.RESULTS, json.value(new ResultRow.Table(updated)));
      execution.setVariable(AnnualAssessmentProcess.RESULT_ADJUSTMENTS, json.value(List.of()));
    };
  }

  private void record(String roundId, String unitCode, String field, String oldValue, String newValue, String reason,
      String who, java.time.OffsetDateTime now) {
    results.adjusted(roundId, new Results.Adjustment(unitCode, field, oldValue, newValue, reason, who, now));
  }

  private static void note(Map<String, List<String>> notes, String unitCode, String note) {
    notes.computeIfAbsent(unitCode, u -> new ArrayList<>()).add(note);
  }

  private static Results.Row with(Results.Row r, BigDecimal total, String grade) {
    return new Results.Row(r.unitCode(), r.unitKind(), r.indicator(), r.party(), r.youth(), r.oral(), r.bonusPoints(),
        r.lateDeduction(), total, grade, r.rank(), r.traceJson());
  }

  private Set<String> gradeCodes() {
    return organisation.grades().stream().map(Organisation.Grade::code).collect(Collectors.toSet());
  }

  private Results.Row record(Aggregation.UnitResult r) {
    return new Results.Row(r.unitCode(), r.unitKind(), shown(r, ComponentKind.INDICATOR_EVALUATION),
        shown(r, ComponentKind.PARTY_EVALUATION), shown(r, ComponentKind.YOUTH_SURVEY), shown(r, ComponentKind.ORAL_REPORT),
        r.bonusPoints(), r.lateDeduction(), r.total(), r.grade(), r.rank(), json.write(r.trace()));
  }

  private ResultRow row(Aggregation.UnitResult r) {
    return new ResultRow(r.unitCode(), r.unitName(), r.unitKind(), shown(r, ComponentKind.INDICATOR_EVALUATION),
        shown(r, ComponentKind.PARTY_EVALUATION), shown(r, ComponentKind.YOUTH_SURVEY), shown(r, ComponentKind.ORAL_REPORT),
        r.bonusPoints(), r.lateDeduction(), r.total(), r.grade(), round.gradeName(r.grade()), r.rank(),
        String.join("；", r.notes()));
  }

  private static BigDecimal shown(Aggregation.UnitResult r, ComponentKind kind) {
    return r.component(kind).display();
  }
}
