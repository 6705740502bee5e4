package org.kaohe.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code kaohe_youth_survey}: the survey's result per unit; source {@code entered} or {@code imported}. */
@Repository("youthSurveyRecords")
class YouthSurveys {

  static final String ENTERED = "entered";
  static final String IMPORTED = "imported";

  private final JdbcTemplate jdbc;

  YouthSurveys(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String unitCode, int sampleSize, BigDecimal awareness, BigDecimal satisfaction) {}

  void replace(String roundId, List<Row> rows, String source, String recordedBy, OffsetDateTime recordedAt) {
    for (Row row : rows) {
      jdbc.update("DELETE FROM kaohe_youth_survey WHERE round_id = ? AND unit_code = ?", roundId, row.unitCode());
      jdbc.update("INSERT INTO kaohe_youth_survey (round_id, unit_code, sample_size, awareness, satisfaction, source,"
              + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          roundId, row.unitCode(), row.sampleSize(), row.awareness(), row.satisfaction(), source, recordedBy,
          recordedAt);
    }
  }

  Map<String, Row> ofRound(String roundId) {
    Map<String, Row> rows = new LinkedHashMap<>();
    jdbc.query("SELECT unit_code, sample_size, awareness, satisfaction FROM kaohe_youth_survey WHERE round_id = ?"
            + " ORDER BY unit_code",
        rs -> {
          rows.put(rs.getString(1), new Row(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
        }, roundId);
    return rows;
  }
}
