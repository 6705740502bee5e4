package org.kaohe.progressreport;

/** IDs and variable names of {@code processes/progress-report.bpmn}: one department's report on one month. */
public final class ProgressReportProcess {

  public static final String KEY = "progress-report";

  public static final String REPORT_PROGRESS = "UserTask_ReportProgress";
  public static final String REPORT_REMINDER = "Timer_ReportReminder";
  public static final String SEND_REMINDER = "ServiceTask_SendReportReminder";
  public static final String RECORD_REPORT = "ServiceTask_RecordProgressReport";

  public static final String YEAR = ProgressReportingProcess.YEAR;
  public static final String MONTH = ProgressReportingProcess.MONTH_NUMBER;
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  public static final String UNIT_GROUP = "unitGroup";
  public static final String ROUND_NAME = "roundName";
  public static final String SUBMISSION_STATUS = "submissionStatus";
  public static final String DUE_DATE = "dueDate";
  public static final String REMINDER_DATE = "reminderDate";
  public static final String LATE = "late";
  /** This department's lines (JSON array of {number, section, title, description}). */
  public static final String LINES = "lines";
  /** Its lines' entries of earlier months of the year (JSON array of {month, number, progress, nextPlan}). */
  public static final String PREVIOUS_ENTRIES = "previousEntries";
  /** The report (JSON array of {number, progress, nextPlan}), saved as a draft or submitted. */
  public static final String REPORT = "progressReport";
  public static final String MAX_CHARACTERS = "entryMaxCharacters";

  static final String FILLING = "填报中";
  static final String SUBMITTED = "已报送";
  static final String OVERDUE = "已逾期";
  static final String MISSING = "未报送";

  private ProgressReportProcess() {}

  public static String businessKey(int year, int month, String department) {
    return "progress:" + ProgressCalendar.monthKey(year, month) + ":" + department;
  }
}
