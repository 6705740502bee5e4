package org.kaohe.stationing;

/**
 * The model {@code processes/stationing-filing.bpmn}: one of the once-a-year filings of the stationing plan (a city's
 * local plan, a department's project report, its party-course materials), filed and received.
 */
public final class StationingFilingProcess {

  public static final String KEY = "stationing-filing";

  public static final String KIND_GATEWAY = "Gateway_FilingKind";
  public static final String FILE_CITY_PLAN = "UserTask_FileCityPlan";
  public static final String FILE_PROJECT_REPORT = "UserTask_FileProjectReport";
  public static final String APPROVE_PROJECT_REPORT = "UserTask_ApproveProjectReport";
  public static final String FILE_PARTY_COURSES = "UserTask_FilePartyCourses";
  public static final String RECORD_FILING = "ServiceTask_RecordStationingFiling";
  public static final String RECEIVE_FILING = "UserTask_ReceiveStationingFiling";
  public static final String RECORD_RECEIPT = "ServiceTask_RecordStationingFilingReceipt";
  public static final String FILING_RECEIVED = "EndEvent_StationingFilingReceived";

  /** Kinds (kaohe_stationing_filing.kind). */
  public static final String CITY_PLAN = "city-plan";
  public static final String PROJECT_REPORT = "project-report";
  public static final String PARTY_COURSES = "party-courses";

  /** Variables. */
  public static final String YEAR = "year";
  public static final String KIND = "filingKind";
  public static final String UNIT_CODE = "unitCode";
  public static final String UNIT_NAME = "unitName";
  public static final String UNIT_GROUP = "unitGroup";
  public static final String LEADERS_GROUP = "leadersGroup";
  public static final String RECEIVING_DEPARTMENT = "receivingDepartment";
  public static final String RECEIVING_DEPARTMENT_NAME = "receivingDepartmentName";
  public static final String RECEIVING_GROUP = "receivingGroup";
  public static final String ROUND_NAME = "roundName";
  public static final String SUBMISSION_STATUS = "submissionStatus";
  public static final String DUE_DATE = "dueDate";
  /** The filing (JSON): {"text": ..., "rows": [...]} depending on the kind. */
  public static final String FILING = "stationingFiling";
  public static final String APPROVED = "filingApproved";
  public static final String APPROVAL_COMMENT = "approvalComment";
  public static final String ACCEPTED = "filingAccepted";
  public static final String RECEIPT_COMMENT = "receiptComment";

  private StationingFilingProcess() {}

  public static String businessKey(int year, String kind, String unitCode) {
    return "stationing-filing:" + year + ":" + kind + ":" + unitCode;
  }

  /** The filing's Chinese name, as the forms, the Tasklist column and the Cockpit dashboard show it. */
  public static String kindName(String kind) {
    return switch (kind == null ? "" : kind) {
      case CITY_PLAN -> "驻点工作实施方案";
      case PROJECT_REPORT -> "联系服务青年工作项目报告";
      case PARTY_COURSES -> "党团课材料";
      default -> kind;
    };
  }
}
