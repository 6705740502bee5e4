package org.kaohe.round;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.catalogue.CatalogueRules;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.JsonVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listeners and service tasks of {@code annual-assessment} around publication. */
@Configuration(proxyBeanMethods = false)
class RoundDelegates {

  /**
   * Complete listener of {@code UserTask_DraftNotice}: the notice is checked as publication will check it, so a
   * wrong deadline, unit or catalogue is refused to the office that typed it, not found later as a failed publishing
   * job. The catalogue's item descriptions are stored as plain text (CatalogueRules.cleanDescription): the JSON is
   * cleaned in place, so every other field stays as the form wrote it, and written back only when something changed.
   */
  @Bean
  TaskListener noticeValidator(PublishRound publishRound, JsonVariables json) {
    return task -> {
      JsonNode tree = json.tree(task, AnnualAssessmentProcess.NOTICE);
      boolean cleaned = tree != null && CatalogueRules.cleanDescriptions(tree);
      Notice notice = tree == null ? null : json.read(tree.toString(), Notice.class, "考核通知");
      publishRound.check(publishRound.withAssessmentDeadlines(notice));
      if (cleaned) {
        task.setVariable(AnnualAssessmentProcess.NOTICE, json.value(tree));
      }
    };
  }

  /** {@code ServiceTask_ListLateUnits}: units without a standing package at the deadline. */
  @Bean
  JavaDelegate listLateUnits(Rounds rounds, JsonVariables json) {
    return execution -> {
      List<Map<String, String>> late = rounds.unitsWithoutPackage(execution.getProcessInstanceId()).stream()
          .map(unit -> Map.of("code", unit.code(), "name", unit.name(), "status", unit.statusLabel()))
          .toList();
      execution.setVariable(AnnualAssessmentProcess.LATE_UNITS, json.value(late));
      execution.setVariable(AnnualAssessmentProcess.LATE_UNIT_COUNT, late.size());
    };
  }

  /**
   * {@code ServiceTask_UrgeUnits}: the office urges the chosen units; each unit's own instance records it. Not
   * named {@code urgeUnits}: Camunda resolves a variable before a bean, and that is the chosen units' variable.
   * A unit that submitted meanwhile no longer waits for urging and is skipped.
   */
  @Bean
  JavaDelegate urgeLateUnits(UnitSubmissions unitSubmissions, JsonVariables json) {
    return execution -> {
      JsonNode chosen = json.tree(execution, AnnualAssessmentProcess.URGE_UNITS_VARIABLE);
      if (chosen == null || !chosen.isArray() || chosen.isEmpty()) {
        throw new BadUserRequestException("请至少选择一个要催办的单位");
      }
      Set<String> codes = new LinkedHashSet<>();
      chosen.forEach(code -> codes.add(code.asText()));
      String message = (String) execution.getVariable(AnnualAssessmentProcess.URGE_MESSAGE);
      for (String code : codes) {
        // A unit that submitted meanwhile no longer waits for urging: nothing happens for it.
        unitSubmissions.urge(execution.getProcessInstanceId(), code, message);
      }
    };
  }
}
