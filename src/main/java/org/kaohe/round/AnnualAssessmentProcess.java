package org.kaohe.round;

/** The round model {@code processes/annual-assessment.bpmn}: its key, element IDs and variable names. */
public final class AnnualAssessmentProcess {

  public static final String KEY = "annual-assessment";

  public static final String START = "StartEvent_RoundRequested";
  public static final String PREPARE_NOTICE = "ServiceTask_PrepareNotice";
  public static final String DRAFT_NOTICE = "UserTask_DraftNotice";
  public static final String APPROVE_NOTICE = "UserTask_ApproveNotice";
  public static final String PUBLISH_ROUND = "ServiceTask_PublishRound";
  public static final String SUBMISSION_DEADLINE = "Timer_SubmissionDeadline";
  public static final String LIST_LATE_UNITS = "ServiceTask_ListLateUnits";
  public static final String FOLLOW_UP_LATE_UNITS = "UserTask_FollowUpLateUnits";
  public static final String URGE_UNITS = "ServiceTask_UrgeUnits";
  public static final String SUBMISSION_CLOSED = "EndEvent_SubmissionClosed";

  /** Variables. */
  public static final String YEAR = "year";
  public static final String TITLE = "title";
  public static final String NOTICE = "notice";
  public static final String OFFICE_LEADERS_GROUP = "officeLeadersGroup";
  public static final String NOTICE_APPROVED = "noticeApproved";
  public static final String NOTICE_COMMENT = "noticeComment";
  public static final String SUBMISSION_DEADLINE_AT = "submissionDeadlineAt";
  public static final String LATE_UNITS = "lateUnits";
  public static final String LATE_UNIT_COUNT = "lateUnitCount";
  public static final String FOLLOW_UP_ACTION = "followUpAction";
  public static final String URGE_UNITS_VARIABLE = "urgeUnits";
  public static final String URGE_MESSAGE = "urgeMessage";

  private AnnualAssessmentProcess() {}
}
