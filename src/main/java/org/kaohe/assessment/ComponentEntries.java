package org.kaohe.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code kaohe_component_entry}: scores the office entered for missing components, with the reason. */
// Not named "componentEntries": an expression would find the bean where the variable does not exist yet.
@Repository("componentEntryRecords")
class ComponentEntries {

  private final JdbcTemplate jdbc;

  ComponentEntries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String unitCode, ComponentKind component, BigDecimal score, String reason) {}

  void replace(String roundId, List<Row> rows, String enteredBy, OffsetDateTime enteredAt) {
    for (Row row : rows) {
      jdbc.update("DELETE FROM kaohe_component_entry WHERE round_id = ? AND unit_code = ? AND component = ?",
          roundId, row.unitCode(), row.component().code());
      jdbc.update("INSERT INTO kaohe_component_entry (round_id, unit_code, component, score, reason, entered_by,"
              + " entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          roundId, row.unitCode(), row.component().code(), row.score(), row.reason(), enteredBy, enteredAt);
    }
  }

  /** By unit, then component. */
  Map<String, Map<ComponentKind, Aggregation.Entry>> ofRound(String roundId) {
    Map<String, Map<ComponentKind, Aggregation.Entry>> entries = new HashMap<>();
    jdbc.query("SELECT unit_code, component, score, reason FROM kaohe_component_entry WHERE round_id = ?",
        rs -> {
          ComponentKind.of(rs.getString(2)).ifPresent(kind -> {
            try {
              entries.computeIfAbsent(rs.getString(1), u -> new EnumMap<>(ComponentKind.class))
                  .put(kind, new Aggregation.Entry(rs.getBigDecimal(3), rs.getString(4)));
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          });
        }, roundId);
    return entries;
  }
}
