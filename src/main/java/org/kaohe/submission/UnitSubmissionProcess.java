package org.kaohe.submission;

/** The model {@code processes/unit-submission.bpmn}: one unit's package in one round. */
public final class UnitSubmissionProcess {

  public static final String KEY = "unit-submission";

  public static final String PREPARE_PACKAGE = "SubProcess_PreparePackage";
  public static final String SUBMIT_PACKAGE = "UserTask_SubmitPackage";
  public static final String APPROVE_PACKAGE = "UserTask_ApprovePackage";
  public static final String RECORD_SUBMISSION = "ServiceTask_RecordSubmission";
  public static final String RECEIVE_PACKAGE = "UserTask_ReceivePackage";
  public static final String FIRST_REMINDER = "Timer_FirstReminder";
  public static final String LAST_REMINDER = "Timer_LastReminder";
  public static final String SEND_FIRST_REMINDER = "ServiceTask_SendFirstReminder";
  public static final String SUBMISSION_DEADLINE = "Timer_SubmissionDeadline";
  public static final String URGE = "Message_Urge";
  /** The service task the urge boundary event leads to; its history is the record of every urge. */
  public static final String SEND_URGE = "ServiceTask_SendUrge";
  /** The message name that {@link #URGE} catches. */
  public static final String URGE_MESSAGE = "kaohe.urge";

  /** Assessment phase (docs/assessment-phase.md). */
  public static final String SUBMISSION_FORK = "Gateway_SubmissionFork";
  public static final String BONUS_APPLICABLE = "Gateway_BonusApplicable";
  public static final String NOT_ASSESSED = "EndEvent_NotAssessed";
  public static final String APPLY_FOR_BONUS = "UserTask_ApplyForBonus";
  public static final String BONUS_APPLICATION_DEADLINE = "Timer_BonusApplicationDeadline";
  public static final String BONUS_APPLICATION_CLOSED = "EndEvent_BonusApplicationClosed";
  public static final String RECORD_BONUS_APPLICATION = "ServiceTask_RecordBonusApplication";
  public static final String BONUS_APPLIED = "EndEvent_BonusApplied";
  public static final String RECORD_RETURN = "ServiceTask_RecordReturn";
  public static final String REVIEW_RETURN = "Event_ReviewReturn";
  public static final String RECORD_REVIEW_RETURN = "ServiceTask_RecordReviewReturn";
  public static final String ROUND_CLOSED = "SubProcess_RoundClosed";
  public static final String CLOSED_BY_ROUND = "EndEvent_ClosedByRound";
  /** The message name that {@link #REVIEW_RETURN} catches (a lead department returns an accepted package). */
  public static final String REVIEW_RETURN_MESSAGE = "kaohe.reviewReturn";
  /** The message name that starts {@link #ROUND_CLOSED}. */
  public static final String ASSESSMENT_CLOSED_MESSAGE = "kaohe.assessmentClosed";

  /** Variables. */
  public static final String ROUND_ID = "roundId";
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  /** The round as people name it ("2026年度考核"), shown as a column in Tasklist. */
  public static final String ROUND_NAME = "roundName";
  public static final String UNIT_KIND = "unitKind";
  public static final String UNIT_GROUP = "unitGroup";
  public static final String LEADERS_GROUP = "leadersGroup";
  public static final String DUE_DATE = "dueDate";
  public static final String FIRST_REMINDER_DATE = "firstReminderDate";
  public static final String LAST_REMINDER_DATE = "lastReminderDate";
  public static final String NOTICE = "notice";
  public static final String PACKAGE = "submissionPackage";
  /** The summary as the unit uploaded it (.docx, a file variable), kept with the package. */
  public static final String SUMMARY_DOCUMENT = "summaryDocument";
  public static final String PACKAGE_APPROVED = "packageApproved";
  public static final String APPROVAL_COMMENT = "approvalComment";
  public static final String PACKAGE_ACCEPTED = "packageAccepted";
  public static final String RECEIPT_COMMENT = "receiptComment";
  public static final String URGE_COMMENT = "urgeComment";
  public static final String LATE = "late";
  /** A Chinese label of where the package stands, kept by the bean {@code submissionStatusListener} for Tasklist. */
  public static final String SUBMISSION_STATUS = "submissionStatus";
  /** The organisation's bonus range, shown in the bonus application form. */
  public static final String BONUS_MIN_POINTS = "bonusMinPoints";
  public static final String BONUS_MAX_POINTS = "bonusMaxPoints";
  public static final String ASSESSED = "assessed";
  public static final String BONUS_APPLICATION_DUE_DATE = "bonusApplicationDueDate";
  public static final String BONUS_APPLICATION = "bonusApplication";

  private UnitSubmissionProcess() {}

  public static String businessKey(String roundId, String unitCode) {
    return roundId + ":" + unitCode;
  }
}
