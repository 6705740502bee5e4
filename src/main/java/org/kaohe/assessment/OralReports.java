package org.kaohe.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code kaohe_oral_report}: the score of the summary and oral report (述职评议) from the meeting. */
@Repository("oralReportRecords")
class OralReports {

  private final JdbcTemplate jdbc;

  OralReports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String unitCode, BigDecimal score, String remarks) {}

  void replace(String roundId, List<Row> rows, String recordedBy, OffsetDateTime recordedAt) {
    for (Row row : rows) {
      jdbc.update("DELETE FROM kaohe_oral_report WHERE round_id = ? AND unit_code = ?", roundId, row.unitCode());
      jdbc.update("INSERT INTO kaohe_oral_report (round_id, unit_code, score, remarks, recorded_by, recorded_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          roundId, row.unitCode(), row.score(), PartyEvaluations.blankToNull(row.remarks()), recordedBy, recordedAt);
    }
  }

  Map<String, Row> ofRound(String roundId) {
    Map<String, Row> rows = new LinkedHashMap<>();
    jdbc.query("SELECT unit_code, score, remarks FROM kaohe_oral_report WHERE round_id = ? ORDER BY unit_code",
        rs -> {
          rows.put(rs.getString(1), new Row(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)));
        }, roundId);
    return rows;
  }
}
