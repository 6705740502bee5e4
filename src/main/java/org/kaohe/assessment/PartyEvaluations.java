package org.kaohe.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code kaohe_party_evaluation}: what the party committees sent, as the organisation department recorded it. */
// Not named "partyEvaluations": an expression would find the bean where the variable does not exist yet.
@Repository("partyEvaluationRecords")
class PartyEvaluations {

  private final JdbcTemplate jdbc;

  PartyEvaluations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String unitCode, String grade, BigDecimal score, String text) {}

  /** The rows replace whatever the round held for the same units. */
  void replace(String roundId, List<Row> rows, String recordedBy, OffsetDateTime recordedAt) {
    for (Row row : rows) {
      jdbc.update("DELETE FROM kaohe_party_evaluation WHERE round_id = ? AND unit_code = ?", roundId, row.unitCode());
      jdbc.update("INSERT INTO kaohe_party_evaluation (round_id, unit_code, grade, score, evaluation_text, recorded_by,"
              + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          roundId, row.unitCode(), blankToNull(row.grade()), row.score(), blankToNull(row.text()), recordedBy,
          recordedAt);
    }
  }

  Map<String, Row> ofRound(String roundId) {
    Map<String, Row> rows = new LinkedHashMap<>();
    jdbc.query("SELECT unit_code, grade, score, evaluation_text FROM kaohe_party_evaluation WHERE round_id = ?"
            + " ORDER BY unit_code",
        rs -> {
          rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4)));
        }, roundId);
    return rows;
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
