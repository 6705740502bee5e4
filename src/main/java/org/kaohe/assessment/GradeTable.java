package org.kaohe.assessment;

import java.math.BigDecimal;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The grade of a total, from the DMN table {@code assessment-grade} ({@code processes/assessment-grade.dmn}). The
 * latest deployed version is evaluated every time, so a table the office redeploys applies at once. Called from
 * delegates, where Camunda does not check the current user's authorizations (custom code).
 */
@Component
class GradeTable {

  static final String DECISION = "assessment-grade";

  private final DecisionService decisionService;

  GradeTable(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  String grade(BigDecimal total) {
    DmnDecisionRuleResult result = decisionService.evaluateDecisionTableByKey(DECISION,
        Variables.putValue("total", total.doubleValue())).getSingleResult();
    Object grade = result == null ? null : result.getEntry("grade");
    if (grade == null) {
      throw new IllegalStateException("等次规则 " + DECISION + " 没有适用于总分 " + total.toPlainString() + " 的等次");
    }
    return grade.toString();
  }
}
