package org.kaohe.bonus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Innovation and award projects (创新和表彰项目加分): each assessed unit applies in its own {@code unit-submission}
 * instance ({@code UserTask_ApplyForBonus}); after the deadline the office decides in the round
 * ({@code UserTask_DecideBonuses}). Beans named as the models reference them.
 */
@Configuration(proxyBeanMethods = false)
class BonusDelegates {

  /** Unit instance. */
  static final String BONUS_APPLICATION = "bonusApplication";
  static final String APPLY_FOR_BONUS = "UserTask_ApplyForBonus";
  static final String ROUND_ID = "roundId";
  static final String UNIT_CODE = "unitCode";
  /** Round instance: the copy of an application's evidence is {@code bonusEvidence_<applicationId>}. */
  static final String EVIDENCE_PREFIX = "bonusEvidence_";
  static final String DECIDE_BONUSES = "UserTask_DecideBonuses";

  private final BonusApplications applications;
  private final Organisation organisation;
  private final JsonVariables json;
  private final Actors actors;
  private final ZoneId zone;

  BonusDelegates(BonusApplications applications, Organisation organisation, JsonVariables json, Actors actors,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.applications = applications;
    this.organisation = organisation;
    this.json = json;
    this.actors = actors;
    this.zone = zone;
  }

  /** Complete listener of {@code UserTask_ApplyForBonus}. */
  @Bean
  TaskListener bonusApplicationValidator() {
    return task -> {
      List<String> problems = BonusRules.application(json.tree(task, BONUS_APPLICATION),
          name -> task.getVariableTyped(name) instanceof FileValue);
      if (!problems.isEmpty()) {
        throw new BadUserRequestException("加分项目申报未通过检查：" + String.join("；", problems));
      }
    };
  }

  /** {@code ServiceTask_RecordBonusApplication}: one record per project, marked when it repeats an earlier one. */
  @Bean
  JavaDelegate recordBonusApplication() {
    return execution -> {
      String roundId = (String) execution.getVariable(ROUND_ID);
      String unitCode = (String) execution.getVariable(UNIT_CODE);
      String appliedBy = actors.of(execution, APPLY_FOR_BONUS);
      OffsetDateTime now = Now.in(zone);
      for (BonusRules.Project project : BonusRules.projects(json.tree(execution, BONUS_APPLICATION))) {
        String key = BonusRules.key(project.name());
        String evidenceName = null;
        if (project.evidence() != null
            && execution.getVariableTyped(project.evidence()) instanceof FileValue file) {
          evidenceName = file.getFilename();
        }
        applications.insert(new BonusApplications.Application(UUID.randomUUID().toString(), roundId, unitCode,
            project.kind(), project.name(), key, project.description(), project.evidence(), evidenceName,
            execution.getProcessInstanceId(), appliedBy, now,
            applications.duplicateOf(roundId, unitCode, key).orElse(null), null, null, null));
      }
    };
  }

  /**
   * Create listener of {@code UserTask_DecideBonuses}: the round's applications as {@code bonusApplications}, each
   * evidence copied from the unit's instance to the round so that the office's form can open it, and the decisions
   * to fill ({@code bonusDecisions}) unless a draft exists. A repeated project is proposed as refused.
   */
  @Bean
  TaskListener prepareBonusDecisions(RuntimeService runtimeService, HistoryService historyService) {
    return task -> {
      String roundId = task.getProcessInstanceId();
      VariableScope round = task.getExecution().getProcessInstance();
      List<BonusApplications.Application> all = applications.ofRound(roundId);
      List<Map<String, Object>> listed = new ArrayList<>();
      List<Map<String, Object>> decisions = new ArrayList<>();
      for (BonusApplications.Application a : all) {
        String evidenceVariable = null;
        if (a.evidenceVariable() != null) {
          TypedValue evidence = evidence(runtimeService, historyService, a);
          if (evidence != null) {
            evidenceVariable = EVIDENCE_PREFIX + a.applicationId();
            round.setVariable(evidenceVariable, evidence);
          }
        }
        String duplicate = a.duplicateOf() == null ? null : describe(a.duplicateOf());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("applicationId", a.applicationId());
        row.put("unitCode", a.unitCode());
        row.put("unitName", unitName(a.unitCode()));
        row.put("kind", a.kind());
        row.put("name", a.projectName());
        row.put("description", a.description());
        row.put("evidenceName", a.evidenceName());
        row.put("evidenceVariable", evidenceVariable);
        row.put("duplicateOf", duplicate);
        listed.add(row);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("applicationId", a.applicationId());
        decision.put("decision", duplicate == null ? "" : BonusApplications.REFUSED);
        decision.put("points", null);
        decision.put("reason", duplicate == null ? "" : "同一项目不重复加分（" + duplicate + "）");
        decisions.add(decision);
      }
      round.setVariable(AnnualAssessmentProcess.BONUS_APPLICATIONS, json.value(listed));
      if (round.getVariable(AnnualAssessmentProcess.BONUS_DECISIONS) == null) {
        round.setVariable(AnnualAssessmentProcess.BONUS_DECISIONS, json.value(Map.of("decisions", decisions)));
      }
    };
  }

  /** Complete listener of {@code UserTask_DecideBonuses}. */
  @Bean
  TaskListener bonusDecisionValidator() {
    return task -> {
      List<String> problems = BonusRules.decisions(json.tree(task, AnnualAssessmentProcess.BONUS_DECISIONS),
          applications.ofRound(task.getProcessInstanceId()), organisation.bonus().minPoints(),
          organisation.bonus().maxPoints(), unitNames());
      if (!problems.isEmpty()) {
        throw new BadUserRequestException("加分审核结果未通过检查：" + String.join("；", problems));
      }
    };
  }

  /** {@code ServiceTask_RecordBonusDecisions}: the decisions onto the application records. */
  @Bean
  JavaDelegate recordBonusDecisions() {
    return execution -> {
      JsonNode decisions = json.tree(execution, AnnualAssessmentProcess.BONUS_DECISIONS);
      String decidedBy = actors.of(execution, DECIDE_BONUSES);
      OffsetDateTime now = Now.in(zone);
      if (decisions == null) {
        return;
      }
      for (JsonNode row : decisions.path("decisions")) {
        String decision = BonusRules.text(row, "decision");
        Integer points = BonusApplications.GRANTED.equals(decision) ? Integer.valueOf(BonusRules.text(row, "points").strip())
            : null;
        applications.decide(BonusRules.text(row, "applicationId"), decision, points,
            BonusRules.text(row, "reason").strip(), decidedBy, now);
      }
    };
  }

  /** The evidence file in the unit's instance, running or (history level full) ended. */
  private static TypedValue evidence(RuntimeService runtimeService, HistoryService historyService,
      BonusApplications.Application a) {
    if (runtimeService.createProcessInstanceQuery().processInstanceId(a.processInstanceId()).count() > 0) {
      TypedValue value = runtimeService.getVariableTyped(a.processInstanceId(), a.evidenceVariable());
      if (value != null) {
        return value;
      }
    }
    HistoricVariableInstance historic = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(a.processInstanceId()).variableName(a.evidenceVariable()).singleResult();
    return historic == null ? null : historic.getTypedValue();
  }

  /** "<unit> <year> <project>" of the earlier application. */
  private String describe(String applicationId) {
    return applications.byId(applicationId)
        .map(earlier -> unitName(earlier.unitCode()) + " " + applications.roundYear(earlier.roundId()).map(String::valueOf)
            .orElse("") + " " + earlier.projectName())
        .orElse(applicationId);
  }

  private String unitName(String unitCode) {
    return organisation.unit(unitCode).map(Organisation.Unit::name).orElse(unitCode);
  }

  private Map<String, String> unitNames() {
    Map<String, String> names = new HashMap<>();
    organisation.units().forEach(u -> names.put(u.code(), u.name()));
    return names;
  }
}
