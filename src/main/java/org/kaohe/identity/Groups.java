package org.kaohe.identity;

/**
 * Camunda group IDs. Models name candidate groups with these, so they are part of the contract between
 * configuration and processes: {@code unit-guangzhou} is the staff of 广州市团委, {@code unit-guangzhou-leaders}
 * its principal leaders.
 */
public final class Groups {

  /** The secretariat (办公室) as a role: publishes rounds, follows every unit's progress. */
  public static final String OFFICE = "office";
  /** Supervisors watch deadlines and progress in Cockpit; they change nothing. */
  public static final String SUPERVISORS = "supervisors";
  /** The secretaries' meeting (书记会): approves the results before feedback. */
  public static final String SECRETARIES = "secretaries";
  /** Camunda's own administrators group: Admin, deployments, the REST API. */
  public static final String ADMINISTRATORS = "camunda-admin";

  static final String TYPE_ROLE = "role";
  static final String TYPE_LEADERS = "leaders";

  private Groups() {}

  public static String unit(String unitCode) {
    return "unit-" + unitCode;
  }

  public static String leaders(String unitCode) {
    return "unit-" + unitCode + "-leaders";
  }
}
