package org.kaohe.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of the round's {@code results} JSON (numbers with two decimals); {@code notes} says, in Chinese, every rule
 * and entry that a reader must know about, adjustments included.
 */
record ResultRow(
    String unitCode,
    String unitName,
    String unitKind,
    BigDecimal indicatorEvaluation,
    BigDecimal partyEvaluation,
    BigDecimal youthSurvey,
    BigDecimal oralReport,
    BigDecimal bonusPoints,
    BigDecimal lateDeduction,
    BigDecimal total,
    String grade,
    String gradeName,
    int rank,
    String notes) {

  /** The {@code results} variable. */
  record Table(List<ResultRow> rows) {
    Table {
      rows = rows == null ? List.of() : List.copyOf(rows);
    }
  }
}
