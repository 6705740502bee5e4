package org.kaohe.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code kaohe_result} and {@code kaohe_result_adjustment}: the aggregated result of each assessed unit, and every
 * change the office made to it, with who and why.
 */
@Repository("resultRecords")
class Results {

  private final JdbcTemplate jdbc;

  Results(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String unitCode, String unitKind, BigDecimal indicator, BigDecimal party, BigDecimal youth,
      BigDecimal oral, BigDecimal bonusPoints, BigDecimal lateDeduction, BigDecimal total, String grade, int rank,
      String traceJson) {}

  record Adjustment(String unitCode, String field, String oldValue, String newValue, String reason,
      String adjustedBy, OffsetDateTime adjustedAt) {}

  /** A new aggregation replaces the round's results entirely (adjustments stay: they are history). */
  void replace(String roundId, List<Row> rows, OffsetDateTime computedAt) {
    jdbc.update("DELETE FROM kaohe_result WHERE round_id = ?", roundId);
    jdbc.batchUpdate("INSERT INTO kaohe_result (round_id, unit_code, unit_kind, indicator_score, party_score,"
            + " youth_score, oral_score, bonus_points, late_deduction, total, grade, rank_in_kind, trace_json,"
            + " computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows, 500, (ps, row) -> {
          ps.setString(1, roundId);
          ps.setString(2, row.unitCode());
          ps.setString(3, row.unitKind());
          ps.setBigDecimal(4, row.indicator());
          ps.setBigDecimal(5, row.party());
          ps.setBigDecimal(6, row.youth());
          ps.setBigDecimal(7, row.oral());
          ps.setBigDecimal(8, row.bonusPoints());
          ps.setBigDecimal(9, row.lateDeduction());
          ps.setBigDecimal(10, row.total());
          ps.setString(11, row.grade());
          ps.setInt(12, row.rank());
          ps.setString(13, row.traceJson());
          ps.setObject(14, computedAt);
        });
  }

  List<Row> ofRound(String roundId) {
    return jdbc.query("SELECT unit_code, unit_kind, indicator_score, party_score, youth_score, oral_score,"
            + " bonus_points, late_deduction, total, grade, rank_in_kind, trace_json FROM kaohe_result"
            + " WHERE round_id = ? ORDER BY unit_kind, rank_in_kind, unit_code",
        (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
            rs.getString(10), rs.getInt(11), rs.getString(12)), roundId);
  }

  void update(String roundId, String unitCode, BigDecimal total, String grade, int rank) {
    jdbc.update("UPDATE kaohe_result SET total = ?, grade = ?, rank_in_kind = ? WHERE round_id = ? AND unit_code = ?",
        total, grade, rank, roundId, unitCode);
  }

  void adjusted(String roundId, Adjustment adjustment) {
    jdbc.update("INSERT INTO kaohe_result_adjustment (round_id, unit_code, field, old_value, new_value, reason,"
            + " adjusted_by, adjusted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        roundId, adjustment.unitCode(), adjustment.field(), adjustment.oldValue(), adjustment.newValue(),
        adjustment.reason(), adjustment.adjustedBy(), adjustment.adjustedAt());
  }

  List<Adjustment> adjustments(String roundId) {
    return jdbc.query("SELECT unit_code, field, old_value, new_value, reason, adjusted_by, adjusted_at"
            + " FROM kaohe_result_adjustment WHERE round_id = ? ORDER BY adjustment_id",
        (rs, i) -> new Adjustment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)), roundId);
  }
}
