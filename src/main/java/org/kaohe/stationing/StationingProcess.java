package org.kaohe.stationing;

/** The model {@code processes/stationing.bpmn}: one organisation's stationing year (驻点工作, seed 002). */
public final class StationingProcess {

  public static final String KEY = "stationing";

  public static final String START = "StartEvent_StationingYearStarted";
  public static final String MONTH = "SubProcess_StationingMonth";
  public static final String MONTH_OPENS = "Timer_StationingMonthOpens";
  public static final String OPEN_MONTH = "ServiceTask_OpenStationingMonth";
  public static final String MONTH_ENDS = "Timer_StationingMonthEnds";
  public static final String CHECK_DAYS = "ServiceTask_CheckStationingDays";
  public static final String COMPILE_REPORTS = "UserTask_CompileStationingReports";
  public static final String OPEN_CITY_PLANS = "ServiceTask_OpenCityPlans";
  public static final String DECEMBER_OPENS = "Timer_DecemberOpens";
  public static final String OPEN_DECEMBER_FILINGS = "ServiceTask_OpenDecemberFilings";
  public static final String YEAR_ENDS = "Timer_StationingYearEnds";
  public static final String CHECK_CADRE_DAYS = "ServiceTask_CheckCadreDays";
  public static final String YEAR_DONE = "EndEvent_StationingYearDone";

  /** Variables. */
  public static final String YEAR = "year";
  /** The multi-instance element: the month of SubProcess_StationingMonth (firstMonth..lastMonth). */
  public static final String MONTH_VARIABLE = "month";
  public static final String FIRST_MONTH = "firstMonth";
  public static final String LAST_MONTH = "lastMonth";
  public static final String REMINDER_DAYS = "reminderDaysBefore";
  /** The receiving department (stationing.reportsTo) as unitCode/unitName, its staff group for the compile task. */
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  public static final String UNIT_GROUP = "unitGroup";
  public static final String ROUND_NAME = "roundName";
  public static final String SUBMISSION_STATUS = "submissionStatus";
  /** Set by the compile task's form: the month's reports were compiled (已汇总). */
  public static final String COMPILED = "compiled";
  public static final String COMPILE_COMMENT = "compileComment";

  private StationingProcess() {}

  public static String businessKey(int year) {
    return KEY + ":" + year;
  }

  public static String roundName(int year) {
    return year + "年驻点工作";
  }
}
