package org.kaohe.submission;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The submission records: every package a unit submitted, one version per submission. Review and aggregation
 * read these, not process variables.
 */
@Repository
public class Submissions {

  static final String SUBMITTED = "submitted";
  static final String RETURNED = "returned";

  private static final RowMapper<Submission> ROW = (rs, i) -> new Submission(
      rs.getString("round_id"), rs.getString("unit_code"), rs.getInt("version"), rs.getString("package_json"),
      rs.getObject("submitted_at", OffsetDateTime.class), rs.getObject("due_at", OffsetDateTime.class),
      rs.getBoolean("late"), rs.getString("approved_by"), rs.getString("status"), rs.getString("status_comment"),
      rs.getString("process_instance_id"));

  private final JdbcTemplate jdbc;

  public Submissions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the next version of the unit's package; the primary key refuses two of the same version. */
  Submission add(String roundId, String unitCode, String packageJson, OffsetDateTime submittedAt,
      OffsetDateTime dueAt, String approvedBy, String processInstanceId) {
    int version = jdbc.queryForObject(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM kaohe_submission WHERE round_id = ? AND unit_code = ?",
        Integer.class, roundId, unitCode);
    boolean late = submittedAt.isAfter(dueAt);
    jdbc.update("INSERT INTO kaohe_submission (round_id, unit_code, version, package_json, submitted_at, due_at, late,"
            + " approved_by, status, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        roundId, unitCode, version, packageJson, submittedAt, dueAt, late, approvedBy, SUBMITTED, processInstanceId);
    return new Submission(roundId, unitCode, version, packageJson, submittedAt, dueAt, late, approvedBy, SUBMITTED,
        null, processInstanceId);
  }

  void markReturned(String roundId, String unitCode, String comment) {
    jdbc.update("UPDATE kaohe_submission SET status = ?, status_comment = ? WHERE round_id = ? AND unit_code = ?"
            + " AND version = (SELECT MAX(version) FROM kaohe_submission WHERE round_id = ? AND unit_code = ?)",
        RETURNED, comment, roundId, unitCode, roundId, unitCode);
  }

  public Optional<Submission> latest(String roundId, String unitCode) {
    return jdbc.query("SELECT * FROM kaohe_submission WHERE round_id = ? AND unit_code = ? ORDER BY version DESC",
        ROW, roundId, unitCode).stream().findFirst();
  }

  /** The latest package of every unit of the round that has one, by unit code. */
  public List<Submission> latestOfRound(String roundId) {
    return jdbc.query("""
        SELECT s.* FROM kaohe_submission s
         WHERE s.round_id = ?
           AND s.version = (SELECT MAX(v.version) FROM kaohe_submission v
                             WHERE v.round_id = s.round_id AND v.unit_code = s.unit_code)
         ORDER BY s.unit_code""", ROW, roundId);
  }

  /**
   * Whether each unit's first package was late, by unit code; units without a package are absent. The assessment
   * counts the first submission: a package returned for completion and submitted again after the deadline is not
   * late for that.
   */
  public Map<String, Boolean> firstLate(String roundId) {
    Map<String, Boolean> late = new LinkedHashMap<>();
    jdbc.query("SELECT unit_code, late FROM kaohe_submission WHERE round_id = ? AND version = 1 ORDER BY unit_code",
        rs -> {
          late.put(rs.getString(1), rs.getBoolean(2));
        }, roundId);
    return late;
  }

  /** One submitted package. */
  public record Submission(String roundId, String unitCode, int version, String packageJson,
      OffsetDateTime submittedAt, OffsetDateTime dueAt, boolean late, String approvedBy, String status,
      String statusComment, String processInstanceId) {}
}
