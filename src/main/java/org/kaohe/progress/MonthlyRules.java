package org.kaohe.progress;

/**
 * The monthly cycles' rules as the dashboard states them, kept pure so that the boundaries are unit-tested
 * (docs/progress-dashboard.md has them in words). Status values are those of V3/V4's {@code status} columns.
 */
final class MonthlyRules {

  private MonthlyRules() {}

  /** A code for the page's colours and a Chinese label. */
  record Label(String code, String label) {}

  /** {@code kaohe_progress_month.status}: open | compiled | approved. */
  static Label monthStatus(String status) {
    return switch (status == null ? "" : status) {
      case "open" -> new Label("open", "填报中");
      case "compiled" -> new Label("compiled", "已汇编");
      case "approved" -> new Label("approved", "已审定");
      default -> new Label(status, status);
    };
  }

  /**
   * A department's report on the month ({@code kaohe_progress_department}: open | submitted | missing), or one
   * stationing report or filing (open | submitted | received). Submitted after the due time counts as 逾期报送;
   * still open after it as 已逾期; compiled without it as 未报送（已汇编）.
   */
  static Label reportStatus(String status, boolean late, boolean deadlinePassed) {
    return switch (status == null ? "" : status) {
      case "submitted" -> late ? new Label("submittedLate", "逾期报送") : new Label("submitted", "已报送");
      case "received" -> late ? new Label("receivedLate", "已接收（逾期报送）") : new Label("received", "已接收");
      case "missing" -> new Label("missing", "未报送（已汇编）");
      case "open" -> deadlinePassed ? new Label("overdue", "未报送（已逾期）") : new Label("open", "未报送");
      default -> new Label(status, status);
    };
  }

  /**
   * Days against a minimum. Met: 达标. Below it while the period runs: 尚差 N 天 (not yet a shortfall: days may
   * still come). Below it after the period: 未达标（差 N 天）, a shortfall.
   */
  static Label daysAgainstMinimum(int days, int minimum, boolean periodEnded) {
    if (days >= minimum) {
      return new Label("met", "达标");
    }
    int missing = minimum - days;
    return periodEnded ? new Label("short", "未达标（差 " + missing + " 天）")
        : new Label("pending", "尚差 " + missing + " 天");
  }

  static String shortfallKind(String kind) {
    return switch (kind == null ? "" : kind) {
      case "department-month" -> "部门当月驻点天数不足";
      case "cadre-year" -> "干部全年驻点天数不足";
      default -> kind;
    };
  }
}
