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
  public static final String REVIEW_DUE_DATE = "reviewDueDate";
  public static final String PARTY_EVALUATION_DUE_DATE = "partyEvaluationDueDate";
  public static final String BONUS_APPLICATION_DEADLINE_AT = "bonusApplicationDeadlineAt";
  public static final String YOUTH_SURVEY_DUE_DATE = "youthSurveyDueDate";
  public static final String ORAL_REPORT_DUE_DATE = "oralReportDueDate";
  public static final String PARTY_EVALUATION_GROUP = "partyEvaluationGroup";
  /** The element variable of CallActivity_ReviewAreas. */
  public static final String AREA_CODE = "areaCode";
  public static final String PARTY_EVALUATIONS = "partyEvaluations";
  public static final String MISSING_PARTY_EVALUATIONS = "missingPartyEvaluations";
  public static final String MISSING_PARTY_EVALUATION_COUNT = "missingPartyEvaluationCount";
  public static final String YOUTH_SURVEY_TEMPLATE = "youthSurveyTemplate";
  public static final String YOUTH_SURVEY = "youthSurvey";
  public static final String YOUTH_SURVEY_ACTION = "youthSurveyAction";
  public static final String YOUTH_SURVEY_WORKBOOK = "youthSurveyWorkbook";
  public static final String YOUTH_SURVEY_IMPORT_ERRORS = "youthSurveyImportErrors";
  public static final String YOUTH_SURVEY_SOURCE = "youthSurveySource";
  public static final String BONUS_APPLICATIONS = "bonusApplications";
  public static final String BONUS_DECISIONS = "bonusDecisions";
  public static final String ORAL_REPORTS = "oralReports";
  public static final String RESULTS = "results";
  public static final String MISSING_COMPONENTS = "missingComponents";
  public static final String MISSING_COMPONENT_COUNT = "missingComponentCount";
  public static final String COMPONENT_ENTRIES = "componentEntries";
  public static final String RESULT_ADJUSTMENTS = "resultAdjustments";
  public static final String RESULTS_APPROVED = "resultsApproved";
  public static final String RESULTS_COMMENT = "resultsComment";
  public static final String RESULTS_WORKBOOK = "resultsWorkbook";
  public static final String DISPATCH = "dispatch";

  private AnnualAssessmentProcess() {}
}
