package org.kaohe.bonus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * {@code kaohe_bonus_application}: innovation and award projects applied for, and the office's decision. The same
 * project (same normalised name) of the same unit is marked {@code duplicate_of} the earlier one: 同一项目不重复加分.
 */
@Repository("bonusApplicationRecords")
public class BonusApplications {

  public static final String GRANTED = "granted";
  public static final String REFUSED = "refused";

  private static final RowMapper<Application> ROW = (rs, i) -> new Application(rs.getString("application_id"),
      rs.getString("round_id"), rs.getString("unit_code"), rs.getString("kind"), rs.getString("project_name"),
      rs.getString("project_key"), rs.getString("description"), rs.getString("evidence_variable"),
      rs.getString("evidence_name"), rs.getString("process_instance_id"), rs.getString("applied_by"),
      rs.getObject("applied_at", OffsetDateTime.class), rs.getString("duplicate_of"), rs.getString("decision"),
      (Integer) rs.getObject("points"), rs.getString("reason"));

  private final JdbcTemplate jdbc;

  BonusApplications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One project applied for; decision, points and reason are null until the office decides. */
  public record Application(String applicationId, String roundId, String unitCode, String kind, String projectName,
      String projectKey, String description, String evidenceVariable, String evidenceName, String processInstanceId,
      String appliedBy, OffsetDateTime appliedAt, String duplicateOf, String decision, Integer points, String reason) {}

  void insert(Application a) {
    jdbc.update("INSERT INTO kaohe_bonus_application (application_id, round_id, unit_code, kind, project_name,"
            + " project_key, description, evidence_variable, evidence_name, process_instance_id, applied_by, applied_at,"
            + " duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.applicationId(), a.roundId(), a.unitCode(), a.kind(), a.projectName(), a.projectKey(), a.description(),
        a.evidenceVariable(), a.evidenceName(), a.processInstanceId(), a.appliedBy(), a.appliedAt(), a.duplicateOf());
  }

  /**
   * The earlier application this project repeats: the same unit's same project in this round, else one granted to
   * the unit in another round.
   */
  Optional<String> duplicateOf(String roundId, String unitCode, String projectKey) {
    Optional<String> sameRound = jdbc.queryForList("SELECT application_id FROM kaohe_bonus_application"
            + " WHERE round_id = ? AND unit_code = ? AND project_key = ? ORDER BY applied_at",
        String.class, roundId, unitCode, projectKey).stream().findFirst();
    if (sameRound.isPresent()) {
      return sameRound;
    }
    return jdbc.queryForList("SELECT application_id FROM kaohe_bonus_application"
            + " WHERE round_id <> ? AND unit_code = ? AND project_key = ? AND decision = ? ORDER BY applied_at",
        String.class, roundId, unitCode, projectKey, GRANTED).stream().findFirst();
  }

  public Optional<Application> byId(String applicationId) {
    return jdbc.query("SELECT * FROM kaohe_bonus_application WHERE application_id = ?", ROW, applicationId)
        .stream().findFirst();
  }

  public List<Application> ofRound(String roundId) {
    return jdbc.query("SELECT * FROM kaohe_bonus_application WHERE round_id = ? ORDER BY unit_code, applied_at,"
        + " application_id", ROW, roundId);
  }

  /** The granted projects of the round: what aggregation adds. */
  public List<Application> grantedOfRound(String roundId) {
    return ofRound(roundId).stream().filter(a -> GRANTED.equals(a.decision())).toList();
  }

  /** The round year of an application's round, for "<unit> <year> <project>". */
  Optional<Integer> roundYear(String roundId) {
    return jdbc.queryForList("SELECT round_year FROM kaohe_round WHERE round_id = ?", Integer.class, roundId)
        .stream().findFirst();
  }

  void decide(String applicationId, String decision, Integer points, String reason, String decidedBy,
      OffsetDateTime decidedAt) {
    jdbc.update("UPDATE kaohe_bonus_application SET decision = ?, points = ?, reason = ?, decided_by = ?,"
            + " decided_at = ? WHERE application_id = ?",
        decision, points, reason == null || reason.isBlank() ? null : reason, decidedBy, decidedAt, applicationId);
  }
}
