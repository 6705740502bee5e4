package org.kaohe.round;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.kaohe.organisation.Organisation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The round records: what was published, when, and to which units. */
@Repository
public class Rounds {

  private final JdbcTemplate jdbc;

  public Rounds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String roundId, Notice notice, List<Organisation.Unit> units, String noticeJson,
      OffsetDateTime publishedAt) {
    jdbc.update("INSERT INTO kaohe_round (round_id, organisation, round_year, title, notice_json, submission_deadline,"
            + " unit_count, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        roundId, notice.organisation(), notice.year(), notice.title(), noticeJson,
        java.sql.Date.valueOf(notice.submissionDeadline()), units.size(), publishedAt);
    jdbc.batchUpdate("INSERT INTO kaohe_round_unit (round_id, unit_code, unit_name, unit_kind) VALUES (?, ?, ?, ?)",
        units, 500, (ps, unit) -> {
          ps.setString(1, roundId);
          ps.setString(2, unit.code());
          ps.setString(3, unit.name());
          ps.setString(4, unit.kind().code());
        });
  }

  void linkInstance(String roundId, String unitCode, String processInstanceId) {
    jdbc.update("UPDATE kaohe_round_unit SET process_instance_id = ? WHERE round_id = ? AND unit_code = ?",
        processInstanceId, roundId, unitCode);
  }

  /** When the round was published; empty for a round not (yet) published. */
  public Optional<OffsetDateTime> publishedAt(String roundId) {
    return jdbc.queryForList("SELECT published_at FROM kaohe_round WHERE round_id = ?", OffsetDateTime.class, roundId)
        .stream().findFirst();
  }

  /** Units of the round without a package that stands: never submitted, or returned and not yet resubmitted. */
  public List<UnitStatus> unitsWithoutPackage(String roundId) {
    return jdbc.query("""
        SELECT u.unit_code, u.unit_name,
               (SELECT s.status FROM kaohe_submission s WHERE s.round_id = u.round_id AND s.unit_code = u.unit_code
                 ORDER BY s.version DESC FETCH FIRST 1 ROWS ONLY) AS latest_status
          FROM kaohe_round_unit u
         WHERE u.round_id = ?
         ORDER BY u.unit_code""",
        (rs, i) -> new UnitStatus(rs.getString(1), rs.getString(2), rs.getString(3)), roundId)
        .stream()
        .filter(unit -> unit.latestStatus() == null || "returned".equals(unit.latestStatus()))
        .toList();
  }

  /** The notice as published (JSON), which later steps read instead of the round's variables. */
  public Optional<String> noticeJson(String roundId) {
    return jdbc.queryForList("SELECT notice_json FROM kaohe_round WHERE round_id = ?", String.class, roundId).stream()
        .findFirst();
  }

  /** The round's taking-part units, by code, with their {@code unit-submission} instance. */
  public List<RoundUnit> units(String roundId) {
    return jdbc.query("SELECT unit_code, unit_name, unit_kind, process_instance_id FROM kaohe_round_unit"
            + " WHERE round_id = ? ORDER BY unit_code",
        (rs, i) -> new RoundUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), roundId);
  }

  /** A taking-part unit of a round; {@code kind} is the {@link org.kaohe.organisation.UnitKind} code. */
  public record RoundUnit(String code, String name, String kind, String processInstanceId) {}

  /** A unit of a round and the status of its latest package (null: none yet). */
  public record UnitStatus(String code, String name, String latestStatus) {
    public String statusLabel() {
      return latestStatus == null ? "未报送" : "已退回补充，未重新报送";
    }
  }

}
