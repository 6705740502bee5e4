package org.kaohe.progress;

/**
 * Where a unit's package of a round stands, as the progress dashboard counts it. Every unit is in exactly one
 * status; {@link #of} is the one place that decides which (docs/progress-dashboard.md has the same rules in
 * words, 督查看板说明.md in Chinese).
 */
enum UnitStatus {
  NOT_STARTED("notStarted", "未开始"),
  DRAFTING("drafting", "填报中"),
  AWAITING_LEADER("awaitingLeader", "待审定"),
  SUBMITTED("submitted", "已报送"),
  LATE("late", "已逾期"),
  RETURNED("returned", "已退回");

  /** The values of {@code kaohe_submission.status} (org.kaohe.submission.Submissions). */
  static final String RECORD_SUBMITTED = "submitted";
  static final String RECORD_RETURNED = "returned";

  private final String code;
  private final String label;

  UnitStatus(String code, String label) {
    this.code = code;
    this.label = label;
  }

  String code() {
    return code;
  }

  String label() {
    return label;
  }

  /**
   * What is known of one unit: the status of its latest package record (null: none yet), the open tasks of its
   * {@code unit-submission} instance and whether anything was saved in it.
   *
   * @param submitTaskOpen {@code UserTask_SubmitPackage} is open
   * @param submitTaskClaimed that task has an assignee
   * @param draftSaved the instance holds a {@code submissionPackage} or {@code summaryDocument} variable: a draft
   *     saved by 保存草稿, a summary uploaded, or a package the principal leader sent back
   * @param approvalOpen {@code UserTask_ApprovePackage} is open
   */
  record Facts(String latestRecord, boolean submitTaskOpen, boolean submitTaskClaimed, boolean draftSaved,
      boolean approvalOpen) {}

  /**
   * The unit's status. A standing package (latest record submitted) is 已报送, whenever it came; without one, a
   * unit past the deadline is 已逾期 whatever it is doing; before the deadline the stage decides.
   */
  static UnitStatus of(Facts facts, boolean deadlinePassed) {
    if (RECORD_SUBMITTED.equals(facts.latestRecord())) {
      return SUBMITTED;
    }
    return deadlinePassed ? LATE : stage(facts);
  }

  /**
   * Where a unit without a standing package is in its work, also shown for a late unit: with its principal
   * leader (待审定) before anything else, since a returned package sent to the leader again is no longer waiting
   * for the unit's staff; returned by the office or a lead department and back with the staff (已退回); touched by
   * the staff (填报中: the task claimed or something saved); otherwise 未开始.
   */
  static UnitStatus stage(Facts facts) {
    if (RECORD_SUBMITTED.equals(facts.latestRecord())) {
      return SUBMITTED;
    }
    if (facts.approvalOpen()) {
      return AWAITING_LEADER;
    }
    if (RECORD_RETURNED.equals(facts.latestRecord())) {
      return RETURNED;
    }
    if (facts.submitTaskOpen() && (facts.submitTaskClaimed() || facts.draftSaved())) {
      return DRAFTING;
    }
    if (!facts.submitTaskOpen() && facts.draftSaved()) {
      // between tasks (a service task running): the staff has done work
      return DRAFTING;
    }
    return NOT_STARTED;
  }
}
