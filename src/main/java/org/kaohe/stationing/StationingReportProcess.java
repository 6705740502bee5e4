package org.kaohe.stationing;

/** The model {@code processes/stationing-report.bpmn}: one department's report on one paired city for one month. */
public final class StationingReportProcess {

  public static final String KEY = "stationing-report";

  public static final String FILE_REPORT = "UserTask_FileStationingReport";
  public static final String REMINDER = "Timer_StationingReportReminder";
  public static final String SEND_REMINDER = "ServiceTask_SendStationingReportReminder";
  public static final String DEADLINE = "Timer_StationingReportDeadline";
  public static final String MARK_LATE = "ServiceTask_MarkStationingReportLate";
  public static final String RECORD_REPORT = "ServiceTask_RecordStationingReport";
  public static final String REPORT_FILED = "EndEvent_StationingReportFiled";

  /** Variables. */
  public static final String YEAR = "year";
  public static final String MONTH = "month";
  public static final String CITY = "city";
  public static final String CITY_NAME = "cityName";
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  public static final String UNIT_GROUP = "unitGroup";
  public static final String ROUND_NAME = "roundName";
  public static final String SUBMISSION_STATUS = "submissionStatus";
  public static final String DUE_DATE = "dueDate";
  public static final String REMINDER_DATE = "reminderDate";
  public static final String LATE = "late";
  /** The report (JSON, see {@link StationingReportRules}); the form saves drafts in it too. */
  public static final String REPORT = "stationingReport";

  private StationingReportProcess() {}

  public static String businessKey(int year, int month, String department, String city) {
    return "stationing:" + year + "-" + String.format("%02d", month) + ":" + department + ":" + city;
  }

  /** "2026年5月驻点月报（广州市）". */
  public static String roundName(int year, int month, String cityShortName) {
    return StationingCalendar.monthName(year, month) + "驻点月报（" + cityShortName + "）";
  }
}
