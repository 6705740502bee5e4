package org.kaohe.stationing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stationing tables of {@code V4__stationing.sql}: the contract with the Cockpit dashboard. Reports and filings get
 * their row when they open (status open), so the dashboard sees what is missing; filing them updates the row.
 */
@Component
public class StationingRecords {

  static final String OPEN = "open";
  static final String SUBMITTED = "submitted";
  static final String RECEIVED = "received";
  static final String DEPARTMENT_MONTH = "department-month";
  static final String CADRE_YEAR = "cadre-year";

  private final JdbcTemplate jdbc;

  public StationingRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Report(String organisation, int year, int month, String department, String city, String status,
      OffsetDateTime dueAt, String reportJson, String submittedBy, OffsetDateTime submittedAt, boolean late,
      String processInstanceId) {}

  public record Shortfall(int month, String kind, String department, String cadre, int days, int requiredDays) {}

  public record Filing(String kind, String unitCode, String receivingDepartment, String status, OffsetDateTime dueAt,
      String filingJson, String submittedBy, OffsetDateTime submittedAt, boolean late, String processInstanceId) {}

  // --- reports -----------------------------------------------------------------------------------------------------

  /** The report's row when it opens; a second opening (a retried job) keeps the first. */
  void openReport(String organisation, int year, int month, String department, String city, OffsetDateTime dueAt,
      String processInstanceId) {
    int updated = jdbc.update("UPDATE kaohe_stationing_report SET process_instance_id = ? WHERE organisation = ?"
        + " AND report_year = ? AND report_month = ? AND department = ? AND city = ? AND status = 'open'",
        processInstanceId, organisation, year, month, department, city);
    if (updated == 0 && report(organisation, year, month, department, city).isEmpty()) {
      jdbc.update("INSERT INTO kaohe_stationing_report (organisation, report_year, report_month, department, city, status,"
          + " due_at, late, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
          organisation, year, month, department, city, OPEN, dueAt, processInstanceId);
    }
  }

  /** The filed report and its days, replacing the days of an earlier filing of the same report. */
  void submitReport(String organisation, int year, int month, String department, String city, String reportJson,
      String submittedBy, OffsetDateTime submittedAt, boolean late, List<StationingDays.Visit> visits) {
    jdbc.update("UPDATE kaohe_stationing_report SET status = ?, report_json = ?, submitted_by = ?, submitted_at = ?,"
        + " late = ? WHERE organisation = ? AND report_year = ? AND report_month = ? AND department = ? AND city = ?",
        SUBMITTED, reportJson, submittedBy, submittedAt, late, organisation, year, month, department, city);
    jdbc.update("DELETE FROM kaohe_stationing_day WHERE organisation = ? AND report_year = ? AND report_month = ?"
        + " AND department = ? AND city = ?", organisation, year, month, department, city);
    for (StationingDays.Visit visit : visits) {
      jdbc.update("INSERT INTO kaohe_stationing_day (organisation, report_year, report_month, department, city,"
          + " stationed_on, cadre) VALUES (?, ?, ?, ?, ?, ?, ?)", organisation, year, month, department, city,
          visit.date(), visit.cadre());
    }
  }

  public Optional<Report> report(String organisation, int year, int month, String department, String city) {
    return jdbc.query("SELECT * FROM kaohe_stationing_report WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ? AND department = ? AND city = ?", StationingRecords::report,
        organisation, year, month, department, city).stream().findFirst();
  }

  public List<Report> reports(String organisation, int year, int month) {
    return jdbc.query("SELECT * FROM kaohe_stationing_report WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ? ORDER BY department, city", StationingRecords::report, organisation, year, month);
  }

  /** The days of the year's filed reports, or of one month when {@code month} is not null. */
  public List<StationingDays.Visit> visits(String organisation, int year, Integer month) {
    return jdbc.query("SELECT department, city, stationed_on, cadre FROM kaohe_stationing_day WHERE organisation = ?"
        + " AND report_year = ?" + (month == null ? "" : " AND report_month = " + month.intValue())
        + " ORDER BY department, stationed_on, city, cadre",
        (rs, i) -> new StationingDays.Visit(rs.getString("department"), rs.getString("city"),
            rs.getObject("stationed_on", LocalDate.class), rs.getString("cadre")), organisation, year);
  }

  // --- shortfalls --------------------------------------------------------------------------------------------------

  /** Records a shortfall; a check that runs again (a retried job) updates the days it found. */
  void shortfall(String organisation, int year, int month, String kind, String department, String cadre, int days,
      int requiredDays, OffsetDateTime foundAt) {
    int updated = jdbc.update("UPDATE kaohe_stationing_shortfall SET days = ?, required_days = ?, found_at = ?"
        + " WHERE organisation = ? AND report_year = ? AND report_month = ? AND kind = ? AND department = ? AND cadre = ?",
        days, requiredDays, foundAt, organisation, year, month, kind, department, cadre);
    if (updated == 0) {
      jdbc.update("INSERT INTO kaohe_stationing_shortfall (organisation, report_year, report_month, kind, department,"
          + " cadre, days, required_days, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          organisation, year, month, kind, department, cadre, days, requiredDays, foundAt);
    }
  }

  public List<Shortfall> shortfalls(String organisation, int year) {
    return jdbc.query("SELECT * FROM kaohe_stationing_shortfall WHERE organisation = ? AND report_year = ?"
        + " ORDER BY report_month, kind, department, cadre",
        (rs, i) -> new Shortfall(rs.getInt("report_month"), rs.getString("kind"), rs.getString("department"),
            rs.getString("cadre"), rs.getInt("days"), rs.getInt("required_days")), organisation, year);
  }

  // --- filings -----------------------------------------------------------------------------------------------------

  void openFiling(String organisation, int year, String kind, String unitCode, String receivingDepartment,
      OffsetDateTime dueAt, String processInstanceId) {
    if (filing(organisation, year, kind, unitCode).isEmpty()) {
      jdbc.update("INSERT INTO kaohe_stationing_filing (organisation, filing_year, kind, unit_code, receiving_department,"
          + " status, due_at, late, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
          organisation, year, kind, unitCode, receivingDepartment, OPEN, dueAt, processInstanceId);
    }
  }

  void submitFiling(String organisation, int year, String kind, String unitCode, String filingJson, String submittedBy,
      OffsetDateTime submittedAt, boolean late) {
    jdbc.update("UPDATE kaohe_stationing_filing SET status = ?, filing_json = ?, submitted_by = ?, submitted_at = ?,"
        + " late = ? WHERE organisation = ? AND filing_year = ? AND kind = ? AND unit_code = ?",
        SUBMITTED, filingJson, submittedBy, submittedAt, late, organisation, year, kind, unitCode);
  }

  /** Received, or open again when the receiving department returned it. */
  void receiveFiling(String organisation, int year, String kind, String unitCode, boolean accepted) {
    jdbc.update("UPDATE kaohe_stationing_filing SET status = ? WHERE organisation = ? AND filing_year = ? AND kind = ?"
        + " AND unit_code = ?", accepted ? RECEIVED : OPEN, organisation, year, kind, unitCode);
  }

  public Optional<Filing> filing(String organisation, int year, String kind, String unitCode) {
    return jdbc.query("SELECT * FROM kaohe_stationing_filing WHERE organisation = ? AND filing_year = ? AND kind = ?"
        + " AND unit_code = ?", StationingRecords::filing, organisation, year, kind, unitCode).stream().findFirst();
  }

  public List<Filing> filings(String organisation, int year) {
    return jdbc.query("SELECT * FROM kaohe_stationing_filing WHERE organisation = ? AND filing_year = ?"
        + " ORDER BY kind, unit_code", StationingRecords::filing, organisation, year);
  }

  private static Report report(ResultSet rs, int row) throws SQLException {
    return new Report(rs.getString("organisation"), rs.getInt("report_year"), rs.getInt("report_month"),
        rs.getString("department"), rs.getString("city"), rs.getString("status"), at(rs, "due_at"),
        rs.getString("report_json"), rs.getString("submitted_by"), at(rs, "submitted_at"), rs.getBoolean("late"),
        rs.getString("process_instance_id"));
  }

  private static Filing filing(ResultSet rs, int row) throws SQLException {
    return new Filing(rs.getString("kind"), rs.getString("unit_code"), rs.getString("receiving_department"),
        rs.getString("status"), at(rs, "due_at"), rs.getString("filing_json"), rs.getString("submitted_by"),
        at(rs, "submitted_at"), rs.getBoolean("late"), rs.getString("process_instance_id"));
  }

  private static OffsetDateTime at(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class);
  }
}
