package org.kaohe.review;

/** The model {@code processes/area-review.bpmn}: the indicator evaluation of one catalogue area in one round. */
public final class AreaReviewProcess {

  public static final String KEY = "area-review";

  public static final String START = "StartEvent_AreaReviewOpened";
  public static final String PREPARE_AREA_REVIEW = "ServiceTask_PrepareAreaReview";
  public static final String REVIEW_FORK = "Gateway_ReviewFork";
  public static final String GIVE_OPINIONS = "UserTask_GiveOpinions";
  public static final String OPINIONS_GIVEN = "EndEvent_OpinionsGiven";
  public static final String REVIEW_JOIN = "Gateway_ReviewJoin";
  public static final String REVIEW_AREA = "UserTask_ReviewArea";
  public static final String REVIEW_ACTION_GATEWAY = "Gateway_ReviewAction";
  public static final String RETURN_PACKAGES = "ServiceTask_ReturnPackages";
  public static final String RECORD_AREA_REVIEW = "ServiceTask_RecordAreaReview";
  public static final String AREA_REVIEWED = "EndEvent_AreaReviewed";

  /** Variables. */
  public static final String ROUND_ID = "roundId";
  public static final String AREA_CODE = "areaCode";
  public static final String REVIEW_DUE_DATE = "reviewDueDate";
  public static final String YEAR = "year";
  public static final String AREA_NAME = "areaName";
  public static final String LEAD_DEPARTMENT = "leadDepartment";
  public static final String LEAD_DEPARTMENT_NAME = "leadDepartmentName";
  public static final String LEAD_DEPARTMENT_GROUP = "leadDepartmentGroup";
  /** The element variable of {@link #GIVE_OPINIONS}: {@code unit-<department>}. */
  public static final String COOPERATING_GROUP = "cooperatingGroup";
  public static final String AREA_REVIEW = "areaReview";
  /** Local to each opinion task's execution. */
  public static final String AREA_OPINIONS = "areaOpinions";
  public static final String OPINIONS = "opinions";
  public static final String REVIEW_UNITS = "reviewUnits";
  public static final String REVIEW_ACTION = "reviewAction";
  public static final String REVIEW_RETURNS = "reviewReturns";

  /** Values of {@link #REVIEW_ACTION}. */
  public static final String FINISH = "finish";
  public static final String RETURN = "return";
  public static final String REFRESH = "refresh";

  private AreaReviewProcess() {}

  /** The business key the round's call activity gives an area review. */
  public static String businessKey(String roundId, String areaCode) {
    return roundId + ":" + areaCode;
  }
}
