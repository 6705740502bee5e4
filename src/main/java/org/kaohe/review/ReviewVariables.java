package org.kaohe.review;

/**
 * Names and values of {@code area-review} beyond the model's own ({@link AreaReviewProcess}): what
 * {@code prepareAreaReview} gives the form, and the status of a unit in {@code reviewUnits}.
 */
final class ReviewVariables {

  /** JSON list {@code {code, name}} of the organisation's grades. */
  static final String GRADES = "grades";
  /** Integer, {@code limits.reviewCommentMaxCharacters} of the round's notice. */
  static final String REVIEW_COMMENT_MAX_CHARACTERS = "reviewCommentMaxCharacters";

  /** Accepted by the office, waiting at {@code Event_ReviewReturn}: can be scored and returned. */
  static final String SUBMITTED = "submitted";
  /** Submitted, with the office for receipt: can be scored, not returned. */
  static final String RECEIVING = "receiving";
  /** Returned for completion and not yet submitted again: cannot be scored. */
  static final String RETURNED = "returned";
  /** Nothing submitted yet: may be scored from daily knowledge (seed 004 三(二)). */
  static final String MISSING = "missing";

  private ReviewVariables() {}
}
