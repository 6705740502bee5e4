package org.kaohe.review;

/**
 * The model {@code processes/area-review.bpmn}: one catalogue area of one round, scored by its lead department
 * with the cooperating departments' opinions. Started by the round's {@code CallActivity_ReviewAreas}.
 */
public final class AreaReviewProcess {

  public static final String KEY = "area-review";

  public static final String START = "StartEvent_AreaReviewOpened";
  public static final String PREPARE_AREA_REVIEW = "ServiceTask_PrepareAreaReview";
  public static final String REVIEW_FORK = "Gateway_ReviewFork";
  public static final String GIVE_OPINIONS = "UserTask_GiveOpinions";
  public static final String OPINIONS_GIVEN = "EndEvent_OpinionsGiven";
  public static final String REVIEW_AREA = "UserTask_ReviewArea";
  public static final String REVIEW_ACTION_GATEWAY = "Gateway_ReviewAction";
  public static final String REVIEW_FINISHED = "Flow_ReviewFinished";
  public static final String PACKAGES_RETURNED = "Flow_PackagesReturned";
  public static final String REFRESHED = "Flow_Refreshed";
  public static final String RETURN_PACKAGES = "ServiceTask_ReturnPackages";
  public static final String REVIEW_JOIN = "Gateway_ReviewJoin";
  public static final String RECORD_AREA_REVIEW = "ServiceTask_RecordAreaReview";
  public static final String AREA_REVIEWED = "EndEvent_AreaReviewed";

  /** Variables passed in by the round. */
  public static final String ROUND_ID = "roundId";
  public static final String AREA_CODE = "areaCode";
  public static final String REVIEW_DUE_DATE = "reviewDueDate";
  public static final String YEAR = "year";

  /** Variables set by {@code prepareAreaReview}. */
  public static final String AREA_NAME = "areaName";
  public static final String LEAD_DEPARTMENT = "leadDepartment";
  public static final String LEAD_DEPARTMENT_NAME = "leadDepartmentName";
  public static final String LEAD_DEPARTMENT_GROUP = "leadDepartmentGroup";
  /** JSON list {@code {code, name}} of the organisation's grades, for the form. */
  public static final String GRADES = "grades";
  /** Integer, {@code limits.reviewCommentMaxCharacters} of the round's notice, for the form. */
  public static final String REVIEW_COMMENT_MAX_CHARACTERS = "reviewCommentMaxCharacters";

  /** JSON {@code {"units": [{unitCode, unitName, grade, score, comment}]}}: the lead department's scores. */
  public static final String AREA_REVIEW = "areaReview";
  /** JSON list of the assessed units' package state, set whenever {@link #REVIEW_AREA} is (re)opened. */
  public static final String REVIEW_UNITS = "reviewUnits";
  /** {@link #FINISH}, {@link #RETURN} or {@link #REFRESH}. */
  public static final String REVIEW_ACTION = "reviewAction";
  /** JSON list {@code [{unitCode, comment}]}: packages to return for completion. */
  public static final String REVIEW_RETURNS = "reviewReturns";
  /** JSON {@code {"<department>": {departmentName, givenBy, units: {"<unit>": "…"}}}}: every opinion given. */
  public static final String OPINIONS = "opinions";
  /** Element variable of {@link #GIVE_OPINIONS}: {@code unit-<cooperating department>}. */
  public static final String COOPERATING_GROUP = "cooperatingGroup";
  /** JSON, local to each opinion task's execution: {@code {"units": [{unitCode, unitName, opinion}]}}. */
  public static final String AREA_OPINIONS = "areaOpinions";

  public static final String FINISH = "finish";
  public static final String RETURN = "return";
  public static final String REFRESH = "refresh";

  /** Status of a unit in {@link #REVIEW_UNITS}. */
  public static final String SUBMITTED = "submitted";
  public static final String RECEIVING = "receiving";
  public static final String RETURNED = "returned";
  public static final String MISSING = "missing";

  private AreaReviewProcess() {}

  public static String businessKey(String roundId, String areaCode) {
    return roundId + ":" + areaCode;
  }
}
