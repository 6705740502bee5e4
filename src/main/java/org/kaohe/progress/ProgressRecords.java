package org.kaohe.progress;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the dashboard reads of Kaohe's own records, a handful of queries per round whatever its size. Read
 * directly, not through the feature repositories: the dashboard needs counts and the latest rows of every unit at
 * once, and the endpoint has checked the caller's role before anything here runs.
 */
@Repository
class ProgressRecords {

  private final JdbcTemplate jdbc;

  ProgressRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Round(String roundId, String organisation, int year, String title, String noticeJson, int unitCount,
      OffsetDateTime publishedAt) {}

  record Unit(String code, String name, String kind, String processInstanceId) {}

  /** A unit's latest package and whether its first one came after the deadline (what the assessment counts). */
  record Package(int version, String status, String statusComment, OffsetDateTime submittedAt, boolean firstLate,
      OffsetDateTime firstSubmittedAt) {}

  record GradeCount(String unitKind, String grade, int count) {}

  /** Every published round, newest first. */
  List<Round> rounds() {
    return jdbc.query("SELECT round_id, organisation, round_year, title, notice_json, unit_count, published_at"
        + " FROM kaohe_round ORDER BY published_at DESC, round_year DESC", (rs, i) -> round(rs));
  }

  Optional<Round> round(String roundId) {
    return jdbc.query("SELECT round_id, organisation, round_year, title, notice_json, unit_count, published_at"
        + " FROM kaohe_round WHERE round_id = ?", (rs, i) -> round(rs), roundId).stream().findFirst();
  }

  private static Round round(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Round(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6),
        rs.getObject(7, OffsetDateTime.class));
  }

  List<Unit> units(String roundId) {
    return jdbc.query("SELECT unit_code, unit_name, unit_kind, process_instance_id FROM kaohe_round_unit"
            + " WHERE round_id = ? ORDER BY unit_code",
        (rs, i) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), roundId);
  }

  /** By unit code; units without a package are absent. One query: the latest and the first version side by side. */
  Map<String, Package> packages(String roundId) {
    Map<String, Package> packages = new HashMap<>();
    jdbc.query("""
        SELECT s.unit_code, s.version, s.status, s.status_comment, s.submitted_at, f.late, f.submitted_at
          FROM kaohe_submission s
          JOIN kaohe_submission f ON f.round_id = s.round_id AND f.unit_code = s.unit_code AND f.version = 1
         WHERE s.round_id = ?
           AND s.version = (SELECT MAX(v.version) FROM kaohe_submission v
                             WHERE v.round_id = s.round_id AND v.unit_code = s.unit_code)""",
        rs -> {
          packages.put(rs.getString(1), new Package(rs.getInt(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class)));
        }, roundId);
    return packages;
  }

  /** How many units each area's lead department has scored ({@code kaohe_review}), by area code. */
  Map<String, Integer> reviewedPerArea(String roundId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.query("SELECT area_code, COUNT(*) FROM kaohe_review WHERE round_id = ? GROUP BY area_code",
        rs -> {
          counts.put(rs.getString(1), rs.getInt(2));
        }, roundId);
    return counts;
  }

  List<GradeCount> gradeCounts(String roundId) {
    return jdbc.query("SELECT unit_kind, grade, COUNT(*) FROM kaohe_result WHERE round_id = ?"
            + " GROUP BY unit_kind, grade ORDER BY unit_kind, grade",
        (rs, i) -> new GradeCount(rs.getString(1), rs.getString(2), rs.getInt(3)), roundId);
  }

  Optional<OffsetDateTime> resultsComputedAt(String roundId) {
    return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(computed_at) FROM kaohe_result WHERE round_id = ?",
        OffsetDateTime.class, roundId));
  }
}
