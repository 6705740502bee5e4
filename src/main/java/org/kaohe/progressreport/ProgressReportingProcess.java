package org.kaohe.progressreport;

/** IDs and variable names of {@code processes/progress-reporting.bpmn}: the year's key work and its monthly reports. */
public final class ProgressReportingProcess {

  public static final String KEY = "progress-reporting";

  public static final String START_FORM = "StartEvent_Year";
  public static final String DRAFT_KEY_WORK = "UserTask_DraftKeyWork";
  public static final String APPROVE_KEY_WORK = "UserTask_ApproveKeyWork";
  public static final String STORE_KEY_WORK = "ServiceTask_StoreKeyWork";
  public static final String MONTH = "SubProcess_Month";
  public static final String COMPUTE_MONTH = "ServiceTask_ComputeMonthDates";
  public static final String MONTH_OPENS = "Timer_MonthOpens";
  public static final String OPEN_MONTH = "ServiceTask_OpenMonth";
  public static final String COLLECT_REPORTS = "SubProcess_CollectReports";
  public static final String REPORT_PROGRESS = "CallActivity_ReportProgress";
  public static final String REPORTS_DUE = "Timer_ReportsDue";
  public static final String REMIND_MISSING = "ServiceTask_RemindMissingReports";
  public static final String FOLLOW_UP = "UserTask_FollowUpMissingReports";
  public static final String FOLLOW_UP_AGAIN = "Timer_FollowUpAgain";
  public static final String COMPILE = "ServiceTask_CompileMonthReport";
  public static final String APPROVE_MONTH = "UserTask_ApproveMonthReport";
  public static final String RECORD_MONTH_APPROVED = "ServiceTask_RecordMonthApproved";
  public static final String YEAR_DONE = "EndEvent_YearDone";

  // Variables of the instance.
  public static final String YEAR = "reportYear";
  /** The draft catalogue (JSON): {"title", "lines": [{number, section, title, description, department}]}. */
  public static final String KEY_WORK = "keyWork";
  public static final String KEY_WORK_APPROVED = "keyWorkApproved";
  public static final String KEY_WORK_COMMENT = "keyWorkComment";
  /** The departments and affiliated units a line may be given to (JSON array of {code, name, kind}). */
  public static final String DEPARTMENT_CHOICES = "departmentChoices";
  public static final String OFFICE_LEADERS_GROUP = "officeLeadersGroup";
  public static final String FIRST_MONTH = "firstMonth";
  public static final String MONTH_COUNT = "monthCount";
  public static final String FOLLOW_UP_DELAY = "followUpDelay";
  public static final String ROUND_NAME = "roundName";
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  public static final String SUBMISSION_STATUS = "submissionStatus";

  // Local variables of one month (SubProcess_Month).
  public static final String MONTH_NUMBER = "reportMonth";
  public static final String MONTH_KEY = "monthKey";
  public static final String OPENS_AT = "opensAt";
  public static final String DUE_DATE = "dueDate";
  public static final String REMINDER_DATE = "reminderDate";
  /** The month's responsible departments, comma-separated: the call activity's loop picks one by loopCounter. */
  public static final String DEPARTMENTS = "departments";
  public static final String DEPARTMENT_COUNT = "departmentCount";
  public static final String KEEP_WAITING = "keepWaiting";
  public static final String MISSING = "missingDepartments";
  public static final String MONTH_DOCX = "monthReportDocx";
  public static final String MONTH_XLSX = "monthReportXlsx";
  public static final String MONTH_TABLE = "monthReportTable";
  public static final String MONTH_APPROVED = "monthReportApproved";

  private ProgressReportingProcess() {}

  public static String businessKey(int year) {
    return KEY + ":" + year;
  }
}
