package org.kaohe.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the unit instance's {@code submissionStatus}: one Chinese phrase that Tasklist's ready filters show as the
 * 状态 column, so staff and the office read where a package stands without opening it. Set when a package task is
 * created or the office receives it, and when the deadline passes; it is a label for people, never a condition the
 * model or a report decides on (those read the records and the variables they come from). Not named after the variable: Camunda
 * resolves a variable before a bean of the same name.
 */
@Component("submissionStatusListener")
class SubmissionStatus implements TaskListener {

  static final String FILLING = "填报中";
  static final String RETURNED_BY_LEADER = "审定退回修改";
  static final String RETURNED_FOR_COMPLETION = "退回补充";
  static final String AWAITING_APPROVAL = "待主要负责同志审定";
  static final String AWAITING_RECEIPT = "已报送，待办公室查收";
  static final String ACCEPTED = "已收讫";
  static final String LATE_SUFFIX = "（已逾期）";
  static final String SUBMITTED_LATE_SUFFIX = "（逾期报送）";

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    String label = label(task.getTaskDefinitionKey(), task.getEventName(), execution);
    if (label != null) {
      execution.setVariable(UnitSubmissionProcess.SUBMISSION_STATUS, label);
    }
  }

  /** {@code ServiceTask_MarkLate}: the deadline passed while the package is still being prepared. */
  static void markLate(DelegateExecution execution) {
    Object current = execution.getVariable(UnitSubmissionProcess.SUBMISSION_STATUS);
    String label = current instanceof String text && !text.isBlank() ? text : FILLING;
    if (!label.endsWith(LATE_SUFFIX)) {
      execution.setVariable(UnitSubmissionProcess.SUBMISSION_STATUS, label + LATE_SUFFIX);
    }
  }

  static String label(String taskKey, String event, DelegateExecution execution) {
    boolean late = Boolean.TRUE.equals(execution.getVariable(UnitSubmissionProcess.LATE));
    if (TaskListener.EVENTNAME_COMPLETE.equals(event)) {
      // Only the office's receipt changes the status on completion; a return is labelled when the task reopens.
      return UnitSubmissionProcess.RECEIVE_PACKAGE.equals(taskKey)
          && Boolean.TRUE.equals(execution.getVariable(UnitSubmissionProcess.PACKAGE_ACCEPTED))
          ? ACCEPTED + (late ? SUBMITTED_LATE_SUFFIX : "") : null;
    }
    return switch (taskKey) {
      case UnitSubmissionProcess.SUBMIT_PACKAGE -> preparing(execution) + (late ? LATE_SUFFIX : "");
      case UnitSubmissionProcess.APPROVE_PACKAGE -> AWAITING_APPROVAL + (late ? LATE_SUFFIX : "");
      case UnitSubmissionProcess.RECEIVE_PACKAGE -> AWAITING_RECEIPT + (late ? SUBMITTED_LATE_SUFFIX : "");
      default -> null;
    };
  }

  /** The leader's return is the latest when {@code packageApproved} is false; it is true again after approval. */
  private static String preparing(DelegateExecution execution) {
    if (Boolean.FALSE.equals(execution.getVariable(UnitSubmissionProcess.PACKAGE_APPROVED))) {
      return RETURNED_BY_LEADER;
    }
    if (Boolean.FALSE.equals(execution.getVariable(UnitSubmissionProcess.PACKAGE_ACCEPTED))) {
      return RETURNED_FOR_COMPLETION;
    }
    return FILLING;
  }
}
