package org.kaohe.round;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/** {@code ServiceTask_PrepareNotice}: the default notice of the requested year, for the office to edit. */
@Component("prepareNotice")
class PrepareNotice implements JavaDelegate {

  private final Organisation organisation;
  private final JsonVariables json;

  PrepareNotice(Organisation organisation, JsonVariables json) {
    this.organisation = organisation;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object requestedYear = execution.getVariable(AnnualAssessmentProcess.YEAR);
    int year = requestedYear instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(requestedYear).trim());
    String title = (String) execution.getVariable(AnnualAssessmentProcess.TITLE);
    if (title == null || title.isBlank()) {
      title = "关于开展" + year + "年度工作总结和考核的通知";
    }
    execution.setVariable(AnnualAssessmentProcess.NOTICE, json.value(NoticeTemplate.of(organisation, year, title.strip())));
    execution.setVariable(AnnualAssessmentProcess.OFFICE_LEADERS_GROUP, Groups.leaders(organisation.officeUnit()));
  }
}
