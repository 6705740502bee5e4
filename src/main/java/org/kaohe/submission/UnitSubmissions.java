package org.kaohe.submission;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.identity.Groups;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/** The one place that starts a unit's submission for a round. */
@Component
public class UnitSubmissions {

  private final RuntimeService runtimeService;

  UnitSubmissions(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /**
   * Starts the unit's own instance; its data lives there and in its records, never in the round's instance.
   *
   * @return the process instance id
   */
  public String start(String roundId, String unitCode, String unitName, String unitKind, OffsetDateTime dueDate,
      OffsetDateTime firstReminder, OffsetDateTime lastReminder, TypedValue notice) {
    Map<String, Object> variables = Variables.createVariables()
        .putValue(UnitSubmissionProcess.ROUND_ID, roundId)
        .putValue(UnitSubmissionProcess.UNIT_CODE, unitCode)
        .putValue(UnitSubmissionProcess.UNIT_NAME, unitName)
        .putValue(UnitSubmissionProcess.UNIT_KIND, unitKind)
        .putValue(UnitSubmissionProcess.UNIT_GROUP, Groups.unit(unitCode))
        .putValue(UnitSubmissionProcess.LEADERS_GROUP, Groups.leaders(unitCode))
        .putValue(UnitSubmissionProcess.DUE_DATE, Date.from(dueDate.toInstant()))
        .putValue(UnitSubmissionProcess.FIRST_REMINDER_DATE, Date.from(firstReminder.toInstant()))
        .putValue(UnitSubmissionProcess.LAST_REMINDER_DATE, Date.from(lastReminder.toInstant()))
        .putValue(UnitSubmissionProcess.LATE, false)
        .putValueTyped(UnitSubmissionProcess.NOTICE, notice);
    return runtimeService.startProcessInstanceByKey(UnitSubmissionProcess.KEY,
        UnitSubmissionProcess.businessKey(roundId, unitCode), variables).getId();
  }
}
