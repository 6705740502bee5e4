package org.kaohe.assessment;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code kaohe_document}: what Kaohe generated for a round, where it was mailed and how the office dispatched it.
 * The bytes stay Camunda file variables of the round; the SHA-256 ties a record to them.
 */
@Repository
class AssessmentDocuments {

  static final String PARTY_EVALUATION_REQUEST = "party-evaluation-request";
  static final String FEEDBACK_LETTER = "feedback-letter";
  static final String RESULTS_WORKBOOK = "results-workbook";
  /** The unit code of a round-wide document. */
  static final String ROUND_WIDE = "-";

  private final JdbcTemplate jdbc;

  AssessmentDocuments(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Document(String kind, String unitCode, String fileName, String variableName, String sha256,
      OffsetDateTime generatedAt, String mailedTo, OffsetDateTime mailedAt, String dispatchedBy,
      OffsetDateTime dispatchedAt, String dispatchMethod, String dispatchRemarks) {}

  /** A regenerated document (a retried job, a second aggregation) replaces the earlier record. */
  void generated(String roundId, String kind, String unitCode, String fileName, String variableName, String sha256,
      OffsetDateTime at) {
    jdbc.update("DELETE FROM kaohe_document WHERE round_id = ? AND kind = ? AND unit_code = ?", roundId, kind, unitCode);
    jdbc.update("INSERT INTO kaohe_document (round_id, kind, unit_code, file_name, variable_name, sha256, generated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", roundId, kind, unitCode, fileName, variableName, sha256, at);
  }

  void mailed(String roundId, String kind, String unitCode, String to, OffsetDateTime at) {
    jdbc.update("UPDATE kaohe_document SET mailed_to = ?, mailed_at = ? WHERE round_id = ? AND kind = ?"
        + " AND unit_code = ?", to, at, roundId, kind, unitCode);
  }

  void dispatched(String roundId, String kind, String unitCode, String by, OffsetDateTime at, String method,
      String remarks) {
    jdbc.update("UPDATE kaohe_document SET dispatched_by = ?, dispatched_at = ?, dispatch_method = ?,"
            + " dispatch_remarks = ? WHERE round_id = ? AND kind = ? AND unit_code = ?",
        by, at, method, PartyEvaluations.blankToNull(remarks), roundId, kind, unitCode);
  }

  List<Document> ofRound(String roundId, String kind) {
    return jdbc.query("SELECT kind, unit_code, file_name, variable_name, sha256, generated_at, mailed_to, mailed_at,"
            + " dispatched_by, dispatched_at, dispatch_method, dispatch_remarks FROM kaohe_document"
            + " WHERE round_id = ? AND kind = ? ORDER BY unit_code",
        (rs, i) -> new Document(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
            rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getString(11), rs.getString(12)),
        roundId, kind);
  }
}
