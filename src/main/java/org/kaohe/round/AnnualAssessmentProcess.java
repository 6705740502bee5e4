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
  public static final String SUBMISSION_CLOSED_JOIN = "Gateway_SubmissionClosedJoin";

  /** Assessment phase (docs/assessment-phase.md). */
  public static final String ASSESSMENT_FORK = "Gateway_AssessmentFork";
  public static final String ASSESSMENT_JOIN = "Gateway_AssessmentJoin";
  public static final String REVIEW_AREAS = "CallActivity_ReviewAreas";
  public static final String PREPARE_PARTY_EVALUATIONS = "ServiceTask_PreparePartyEvaluations";
  public static final String RECORD_PARTY_EVALUATIONS_TASK = "UserTask_RecordPartyEvaluations";
  public static final String PARTY_EVALUATION_DEADLINE = "Timer_PartyEvaluationDeadline";
  public static final String LIST_MISSING_PARTY_EVALUATIONS = "ServiceTask_ListMissingPartyEvaluations";
  public static final String FOLLOW_UP_PARTY_EVALUATIONS = "UserTask_FollowUpPartyEvaluations";
  public static final String PARTY_EVALUATIONS_FOLLOWED_UP = "EndEvent_PartyEvaluationsFollowedUp";
  public static final String RECORD_PARTY_EVALUATIONS = "ServiceTask_RecordPartyEvaluations";
  public static final String PREPARE_YOUTH_SURVEY = "ServiceTask_PrepareYouthSurvey";
  public static final String RECORD_YOUTH_SURVEY_TASK = "UserTask_RecordYouthSurvey";
  public static final String YOUTH_SURVEY_ACTION_GATEWAY = "Gateway_YouthSurveyAction";
  public static final String IMPORT_YOUTH_SURVEY = "ServiceTask_ImportYouthSurvey";
  public static final String RECORD_YOUTH_SURVEY = "ServiceTask_RecordYouthSurvey";
  public static final String BONUS_APPLICATION_DEADLINE = "Timer_BonusApplicationDeadline";
  public static final String DECIDE_BONUSES = "UserTask_DecideBonuses";
  public static final String RECORD_BONUS_DECISIONS = "ServiceTask_RecordBonusDecisions";
  public static final String PREPARE_ORAL_REPORTS = "ServiceTask_PrepareOralReports";
  public static final String RECORD_ORAL_REPORTS_TASK = "UserTask_RecordOralReports";
  public static final String RECORD_ORAL_REPORTS = "ServiceTask_RecordOralReports";
  public static final String CLOSE_SUBMISSIONS = "ServiceTask_CloseSubmissions";
  public static final String AGGREGATE_RESULTS = "ServiceTask_AggregateResults";
  public static final String RESULTS_COMPLETE = "Gateway_ResultsComplete";
  public static final String RESOLVE_MISSING_COMPONENTS = "UserTask_ResolveMissingComponents";
  public static final String RECORD_COMPONENT_ENTRIES = "ServiceTask_RecordComponentEntries";
  public static final String SUBMIT_RESULTS = "UserTask_SubmitResults";
  public static final String APPLY_RESULT_ADJUSTMENTS = "ServiceTask_ApplyResultAdjustments";
  public static final String APPROVE_RESULTS = "UserTask_ApproveResults";
  public static final String RESULTS_APPROVED_GATEWAY = "Gateway_ResultsApproved";
  public static final String GENERATE_FEEDBACK = "ServiceTask_GenerateFeedback";
  public static final String CONFIRM_DISPATCH = "UserTask_ConfirmDispatch";
  public static final String RECORD_DISPATCH = "ServiceTask_RecordDispatch";
  public static final String FEEDBACK_DELIVERED = "EndEvent_FeedbackDelivered";
  /** The message ServiceTask_CloseSubmissions correlates to every unit-submission instance of the round. */
  public static final String ASSESSMENT_CLOSED_MESSAGE = "kaohe.assessmentClosed";
  /** The bean whose codes(execution) and cooperatingGroups(execution) give the multi-instance collections. */
  public static final String CATALOGUE_AREAS_BEAN = "catalogueAreas";

  /** Variables. */
  public static final String YEAR = "year";
  public static final String TITLE = "title";
  /** The round as people name it ("2026年度考核"), set at publication and shown as a column in Tasklist. */
  public static final String ROUND_NAME = "roundName";
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
  /** The organisation's grades ({code, name} list) and bonus range, for the forms' choices. */
  public static final String GRADES = "grades";
  public static final String BONUS_MIN_POINTS = "bonusMinPoints";
  public static final String BONUS_MAX_POINTS = "bonusMaxPoints";

  private AnnualAssessmentProcess() {}
}
