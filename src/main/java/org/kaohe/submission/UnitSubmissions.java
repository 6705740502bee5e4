package org.kaohe.submission;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.identity.Groups;
import org.kaohe.identity.IdentitySetup;
import org.kaohe.organisation.Organisation;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/** The one place that starts a unit's submission for a round. */
@Component
public class UnitSubmissions {

  private final RuntimeService runtimeService;
  private final AuthorizationService authorizationService;
  private final Notifier notifier;
  private final Submissions submissions;
  private final Organisation organisation;

  UnitSubmissions(RuntimeService runtimeService, AuthorizationService authorizationService, Notifier notifier, Submissions submissions,
      Organisation organisation) {
    this.runtimeService = runtimeService;
    this.authorizationService = authorizationService;
    this.notifier = notifier;
    this.submissions = submissions;
    this.organisation = organisation;
  }

  /**
   * Starts the unit's own instance; its data lives there and in its records, never in the round's instance.
   *
   * @param roundName the round as people name it, shown in Tasklist ("2026年度考核")
   * @param assessed whether the unit's kind is assessed (scored, may apply for bonus points)
   * @param bonusApplicationDueDate the end of the bonus application, the round's {@code bonusApplicationDeadlineAt}
   * @return the process instance id
   */
  public String start(String roundId, String roundName, String unitCode, String unitName, String unitKind, OffsetDateTime dueDate,
      OffsetDateTime firstReminder, OffsetDateTime lastReminder, TypedValue notice, boolean assessed,
      Date bonusApplicationDueDate) {
    Map<String, Object> variables = Variables.createVariables()
        .putValue(UnitSubmissionProcess.ROUND_ID, roundId)
        .putValue(UnitSubmissionProcess.ROUND_NAME, roundName)
        .putValue(UnitSubmissionProcess.UNIT_CODE, unitCode)
        .putValue(UnitSubmissionProcess.UNIT_NAME, unitName)
        .putValue(UnitSubmissionProcess.UNIT_KIND, unitKind)
        .putValue(UnitSubmissionProcess.UNIT_GROUP, Groups.unit(unitCode))
        .putValue(UnitSubmissionProcess.LEADERS_GROUP, Groups.leaders(unitCode))
        .putValue(UnitSubmissionProcess.DUE_DATE, Date.from(dueDate.toInstant()))
        .putValue(UnitSubmissionProcess.FIRST_REMINDER_DATE, Date.from(firstReminder.toInstant()))
        .putValue(UnitSubmissionProcess.LAST_REMINDER_DATE, Date.from(lastReminder.toInstant()))
        .putValue(UnitSubmissionProcess.LATE, false)
        .putValue(UnitSubmissionProcess.ASSESSED, assessed)
        .putValue(UnitSubmissionProcess.BONUS_APPLICATION_DUE_DATE, bonusApplicationDueDate)
        .putValue(UnitSubmissionProcess.BONUS_MIN_POINTS, organisation.bonus().minPoints())
        .putValue(UnitSubmissionProcess.BONUS_MAX_POINTS, organisation.bonus().maxPoints())
        .putValueTyped(UnitSubmissionProcess.NOTICE, notice);
    String instance = runtimeService.startProcessInstanceByKey(UnitSubmissionProcess.KEY,
        UnitSubmissionProcess.businessKey(roundId, unitCode), variables).getId();
    IdentitySetup.letUnitRead(authorizationService, instance, unitCode);
    return instance;
  }

  /**
   * Urges (催办) the unit of the round: the model's boundary event on the preparation catches {@code kaohe.urge},
   * comments on the open tasks and e-mails the unit (ServiceTask_SendUrge).
   *
   * @return false when nothing waits for urging: the unit submitted meanwhile, or its instance ended
   */
  public boolean urge(String roundId, String unitCode, String message) {
    return urge(runtimeService.createMessageCorrelation(UnitSubmissionProcess.URGE_MESSAGE)
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)), message);
  }

  /** {@link #urge(String, String, String)} for the unit instance a task belongs to. */
  public boolean urgeInstance(String processInstanceId, String message) {
    return urge(runtimeService.createMessageCorrelation(UnitSubmissionProcess.URGE_MESSAGE)
        .processInstanceId(processInstanceId), message);
  }

  // correlateAll, unlike correlate, answers an empty list instead of throwing when nothing waits.
  private static boolean urge(MessageCorrelationBuilder correlation, String message) {
    return !correlation.setVariable(UnitSubmissionProcess.URGE_COMMENT, message).correlateAllWithResult().isEmpty();
  }

  /**
   * Returns an accepted package for completion (退回补充) on behalf of a lead department: the unit's instance,
   * waiting at {@code Event_ReviewReturn}, marks its latest version returned with the comment (bean
   * {@code recordReturn}) and opens its submission task again, where the form shows the comment. The unit is
   * told on the reopened task and by e-mail, as for the office's own return.
   *
   * @throws BadUserRequestException if the unit's package is not (or no longer) accepted and waiting
   */
  public void returnForCompletion(String roundId, String unitCode, String unitName, String noticeTitle,
      String receiptComment) {
    MessageCorrelationResult result;
    try {
      result = runtimeService.createMessageCorrelation(UnitSubmissionProcess.REVIEW_RETURN_MESSAGE)
          .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode))
          .setVariable(UnitSubmissionProcess.PACKAGE_ACCEPTED, false)
          .setVariable(UnitSubmissionProcess.RECEIPT_COMMENT, receiptComment)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException notWaiting) {
      throw new BadUserRequestException(unitName + "的材料目前不在可退回状态（尚未收讫、已退回或考核已结束），不能退回补充");
    }
    // recordReturn in the unit's instance does the same; doing it here too keeps the record right at once even
    // if the model makes that step asynchronous, so the lead department can never score a returned package.
    submissions.markReturned(roundId, unitCode, receiptComment);
    notifier.notifyReopened(result.getExecution().getProcessInstanceId(), UnitSubmissionProcess.SUBMIT_PACKAGE,
        Groups.unit(unitCode), receiptComment,
        "【退回补充】《" + noticeTitle + "》材料需补充后重新报送",
        unitName + "：\n\n贵单位报送的《" + noticeTitle + "》材料被退回补充：\n\n" + receiptComment
            + "\n\n请在系统中补充后，经主要负责同志审定重新报送。");
  }
}
