package org.kaohe.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the dashboard reads of the monthly cycles' tables (V3, V4): one query per table and year, whatever the
 * number of departments, cities and cadres. Entries are read without their texts: only which lines were reported.
 */
@Repository
class MonthlyRecords {

  private final JdbcTemplate jdbc;

  MonthlyRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Month(int month, OffsetDateTime openedAt, OffsetDateTime dueAt, OffsetDateTime compiledAt,
      OffsetDateTime approvedAt, String status) {}

  record DepartmentReport(int month, String department, String status, OffsetDateTime submittedAt, boolean late) {}

  record Line(int number, String section, String title, String department) {}

  record Entry(int month, int line) {}

  record StationingReport(int month, String department, String city, String status, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, boolean late) {}

  record DepartmentDays(int month, String department, int days) {}

  record CadreDays(String cadre, String department, int days, LocalDate lastDay) {}

  record Shortfall(int month, String kind, String department, String cadre, int days, int requiredDays,
      OffsetDateTime foundAt) {}

  record Filing(String kind, String unit, String receivingDepartment, String status, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, boolean late) {}

  List<Month> progressMonths(String organisation, int year) {
    return jdbc.query("SELECT report_month, opened_at, due_at, compiled_at, approved_at, status"
            + " FROM kaohe_progress_month WHERE organisation = ? AND report_year = ? ORDER BY report_month",
        (rs, i) -> new Month(rs.getInt(1), rs.getObject(2, OffsetDateTime.class),
            rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class),
            rs.getObject(5, OffsetDateTime.class), rs.getString(6)), organisation, year);
  }

  List<DepartmentReport> progressDepartments(String organisation, int year) {
    return jdbc.query("SELECT report_month, department, status, submitted_at, late FROM kaohe_progress_department"
            + " WHERE organisation = ? AND report_year = ? ORDER BY report_month, department",
        (rs, i) -> new DepartmentReport(rs.getInt(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getBoolean(5)), organisation, year);
  }

  List<Line> keyWorkLines(String organisation, int year) {
    return jdbc.query("SELECT line_number, section_title, title, department FROM kaohe_key_work_line"
            + " WHERE organisation = ? AND work_year = ? ORDER BY line_number",
        (rs, i) -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)), organisation, year);
  }

  List<Entry> progressEntries(String organisation, int year) {
    return jdbc.query("SELECT report_month, line_number FROM kaohe_progress_entry"
            + " WHERE organisation = ? AND report_year = ?",
        (rs, i) -> new Entry(rs.getInt(1), rs.getInt(2)), organisation, year);
  }

  List<StationingReport> stationingReports(String organisation, int year) {
    return jdbc.query("SELECT report_month, department, city, status, due_at, submitted_at, late"
            + " FROM kaohe_stationing_report WHERE organisation = ? AND report_year = ?",
        (rs, i) -> new StationingReport(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7)),
        organisation, year);
  }

  /** Full days per department and month: distinct dates, however many cadres and cities were visited that day. */
  List<DepartmentDays> departmentDays(String organisation, int year) {
    return jdbc.query("SELECT report_month, department, COUNT(DISTINCT stationed_on) FROM kaohe_stationing_day"
            + " WHERE organisation = ? AND report_year = ? GROUP BY report_month, department",
        (rs, i) -> new DepartmentDays(rs.getInt(1), rs.getString(2), rs.getInt(3)), organisation, year);
  }

  /** Full days per cadre in the year: distinct dates (two cities on one day are one day). */
  List<CadreDays> cadreDays(String organisation, int year) {
    return jdbc.query("SELECT cadre, MIN(department), COUNT(DISTINCT stationed_on), MAX(stationed_on)"
            + " FROM kaohe_stationing_day WHERE organisation = ? AND report_year = ? GROUP BY cadre ORDER BY cadre",
        (rs, i) -> new CadreDays(rs.getString(1), rs.getString(2), rs.getInt(3),
            rs.getObject(4, LocalDate.class)), organisation, year);
  }

  List<Shortfall> shortfalls(String organisation, int year) {
    return jdbc.query("SELECT report_month, kind, department, cadre, days, required_days, found_at"
            + " FROM kaohe_stationing_shortfall WHERE organisation = ? AND report_year = ?"
            + " ORDER BY report_month, kind, department, cadre",
        (rs, i) -> new Shortfall(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getInt(6), rs.getObject(7, OffsetDateTime.class)), organisation, year);
  }

  List<Filing> filings(String organisation, int year) {
    return jdbc.query("SELECT kind, unit_code, receiving_department, status, due_at, submitted_at, late"
            + " FROM kaohe_stationing_filing WHERE organisation = ? AND filing_year = ?",
        (rs, i) -> new Filing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7)),
        organisation, year);
  }

  /** The years with any record of either cycle, newest first: one query. */
  List<Integer> years(String organisation) {
    return jdbc.queryForList("SELECT y FROM (SELECT report_year AS y FROM kaohe_progress_month WHERE organisation = ?"
        + " UNION SELECT report_year FROM kaohe_stationing_report WHERE organisation = ?"
        + " UNION SELECT report_year FROM kaohe_stationing_day WHERE organisation = ?"
        + " UNION SELECT filing_year FROM kaohe_stationing_filing WHERE organisation = ?) years ORDER BY y DESC",
        Integer.class, organisation, organisation, organisation, organisation);
  }
}
