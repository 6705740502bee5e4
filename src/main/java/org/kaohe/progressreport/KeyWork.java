package org.kaohe.progressreport;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The year's key work and its monthly progress (Flyway V3): what the processes record and the dashboard and the
 * compiled report read. Process variables are only working copies.
 */
@Repository
public class KeyWork {

  static final String OPEN = "open";
  static final String COMPILED = "compiled";
  static final String APPROVED = "approved";
  static final String SUBMITTED = "submitted";
  static final String MISSING = "missing";

  /** One line of the catalogue (重点工作). */
  public record Line(int number, String section, String title, String description, String department) {}

  /** One line's entry of one month. */
  public record Entry(int month, int number, String department, String progress, String nextPlan) {}

  /** A department's report on a month, as the dashboard reads it. */
  public record DepartmentReport(String department, String status, boolean late, String submittedBy,
      OffsetDateTime submittedAt, String processInstanceId) {}

  private static final RowMapper<Line> LINE = (rs, i) -> new Line(rs.getInt("line_number"), rs.getString("section_title"),
      rs.getString("title"), rs.getString("description"), rs.getString("department"));
  private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getInt("report_month"),
      rs.getInt("line_number"), rs.getString("department"), rs.getString("progress"), rs.getString("next_plan"));
  private static final RowMapper<DepartmentReport> DEPARTMENT = (rs, i) -> new DepartmentReport(
      rs.getString("department"), rs.getString("status"), rs.getBoolean("late"), rs.getString("submitted_by"),
      rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("process_instance_id"));

  private final JdbcTemplate jdbc;

  public KeyWork(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean hasCatalogue(String organisation, int year) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_key_work_catalogue WHERE organisation = ? AND work_year = ?",
        Integer.class, organisation, year) > 0;
  }

  void storeCatalogue(String organisation, int year, String title, String approvedBy, OffsetDateTime approvedAt,
      String processInstanceId, List<Line> lines) {
    jdbc.update("INSERT INTO kaohe_key_work_catalogue (organisation, work_year, title, approved_by, approved_at,"
        + " process_instance_id) VALUES (?, ?, ?, ?, ?, ?)", organisation, year, title, approvedBy, approvedAt,
        processInstanceId);
    for (Line line : lines) {
      jdbc.update("INSERT INTO kaohe_key_work_line (organisation, work_year, line_number, section_title, title,"
          + " description, department) VALUES (?, ?, ?, ?, ?, ?, ?)", organisation, year, line.number(),
          line.section(), line.title(), line.description(), line.department());
    }
  }

  public List<Line> lines(String organisation, int year) {
    return jdbc.query("SELECT * FROM kaohe_key_work_line WHERE organisation = ? AND work_year = ? ORDER BY line_number",
        LINE, organisation, year);
  }

  /** The department's own lines only: what its report form may show. */
  public List<Line> linesOf(String organisation, int year, String department) {
    return jdbc.query("SELECT * FROM kaohe_key_work_line WHERE organisation = ? AND work_year = ? AND department = ?"
        + " ORDER BY line_number", LINE, organisation, year, department);
  }

  /** The responsible departments of the year's lines, in the order of their first line. */
  List<String> departments(String organisation, int year) {
    return lines(organisation, year).stream().map(Line::department).distinct().toList();
  }

  void openMonth(String organisation, int year, int month, OffsetDateTime openedAt, OffsetDateTime dueAt,
      String processInstanceId, List<String> departments) {
    jdbc.update("INSERT INTO kaohe_progress_month (organisation, report_year, report_month, opened_at, due_at, status,"
        + " process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?)", organisation, year, month, openedAt, dueAt, OPEN,
        processInstanceId);
    for (String department : departments) {
      jdbc.update("INSERT INTO kaohe_progress_department (organisation, report_year, report_month, department, status,"
          + " late) VALUES (?, ?, ?, ?, ?, FALSE)", organisation, year, month, department, OPEN);
    }
  }

  void attachInstance(String organisation, int year, int month, String department, String processInstanceId) {
    jdbc.update("UPDATE kaohe_progress_department SET process_instance_id = ? WHERE organisation = ?"
        + " AND report_year = ? AND report_month = ? AND department = ?", processInstanceId, organisation, year, month,
        department);
  }

  void markLate(String organisation, int year, int month, String department) {
    jdbc.update("UPDATE kaohe_progress_department SET late = TRUE WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ? AND department = ? AND status = ?", organisation, year, month, department, OPEN);
  }

  /** Records the department's entries; a second report on the same month replaces the first. */
  void recordReport(String organisation, int year, int month, String department, String submittedBy,
      OffsetDateTime submittedAt, boolean late, List<Entry> entries) {
    jdbc.update("DELETE FROM kaohe_progress_entry WHERE organisation = ? AND report_year = ? AND report_month = ?"
        + " AND department = ?", organisation, year, month, department);
    jdbc.update("UPDATE kaohe_progress_department SET status = ?, submitted_by = ?, submitted_at = ?, late = ?"
        + " WHERE organisation = ? AND report_year = ? AND report_month = ? AND department = ?", SUBMITTED,
        submittedBy, submittedAt, late, organisation, year, month, department);
    for (Entry entry : entries) {
      jdbc.update("INSERT INTO kaohe_progress_entry (organisation, report_year, report_month, line_number, department,"
          + " progress, next_plan) VALUES (?, ?, ?, ?, ?, ?, ?)", organisation, year, month, entry.number(),
          department, entry.progress(), entry.nextPlan());
    }
  }

  public List<DepartmentReport> departmentReports(String organisation, int year, int month) {
    return jdbc.query("SELECT * FROM kaohe_progress_department WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ? ORDER BY department", DEPARTMENT, organisation, year, month);
  }

  /** The month's entries by line number. */
  Map<Integer, Entry> entries(String organisation, int year, int month) {
    return jdbc.query("SELECT * FROM kaohe_progress_entry WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ?", ENTRY, organisation, year, month).stream()
        .collect(java.util.stream.Collectors.toMap(Entry::number, e -> e));
  }

  /** The department's own entries of the year's months before {@code month}. */
  public List<Entry> previousEntries(String organisation, int year, int month, String department) {
    return jdbc.query("SELECT * FROM kaohe_progress_entry WHERE organisation = ? AND report_year = ?"
        + " AND report_month < ? AND department = ? ORDER BY line_number, report_month", ENTRY, organisation, year,
        month, department);
  }

  /** Marks the month compiled; departments still open are recorded as missing (未报送). */
  void compileMonth(String organisation, int year, int month, OffsetDateTime compiledAt) {
    jdbc.update("UPDATE kaohe_progress_department SET status = ? WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ? AND status = ?", MISSING, organisation, year, month, OPEN);
    jdbc.update("UPDATE kaohe_progress_month SET status = ?, compiled_at = ? WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ?", COMPILED, compiledAt, organisation, year, month);
  }

  void approveMonth(String organisation, int year, int month, String approvedBy, OffsetDateTime approvedAt) {
    jdbc.update("UPDATE kaohe_progress_month SET status = ?, approved_by = ?, approved_at = ? WHERE organisation = ?"
        + " AND report_year = ? AND report_month = ?", APPROVED, approvedBy, approvedAt, organisation, year, month);
  }

  Optional<String> monthStatus(String organisation, int year, int month) {
    return jdbc.queryForList("SELECT status FROM kaohe_progress_month WHERE organisation = ? AND report_year = ?"
        + " AND report_month = ?", String.class, organisation, year, month).stream().findFirst();
  }
}
