package org.kaohe.operation;

import java.util.List;
import java.util.Optional;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.submission.UnitSubmissionProcess;

/**
 * An approval task whose model has a way back: completing it with {@code decision} false and the comment in
 * {@code comment} makes the model's own gateway take the return flow. The forms write exactly these variables, so
 * a return through the operations API and one through the form are the same completion.
 */
record ReturnPath(String processKey, String taskKey, String decision, String comment, String label) {

  /** Every approval task in processes/ with a return flow. */
  static final List<ReturnPath> ALL = List.of(
      new ReturnPath(UnitSubmissionProcess.KEY, UnitSubmissionProcess.APPROVE_PACKAGE,
          UnitSubmissionProcess.PACKAGE_APPROVED, UnitSubmissionProcess.APPROVAL_COMMENT, "退回修改"),
      new ReturnPath(UnitSubmissionProcess.KEY, UnitSubmissionProcess.RECEIVE_PACKAGE,
          UnitSubmissionProcess.PACKAGE_ACCEPTED, UnitSubmissionProcess.RECEIPT_COMMENT, "退回补充"),
      new ReturnPath(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.APPROVE_NOTICE,
          AnnualAssessmentProcess.NOTICE_APPROVED, AnnualAssessmentProcess.NOTICE_COMMENT, "退回修改"),
      new ReturnPath(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.APPROVE_RESULTS,
          AnnualAssessmentProcess.RESULTS_APPROVED, AnnualAssessmentProcess.RESULTS_COMMENT, "退回修改"));

  static Optional<ReturnPath> of(String processKey, String taskKey) {
    return ALL.stream().filter(p -> p.processKey.equals(processKey) && p.taskKey.equals(taskKey)).findFirst();
  }

  /** The history comment of a return, the same whichever way the task was returned. */
  String historyComment(String text) {
    return label + "：" + text;
  }
}
