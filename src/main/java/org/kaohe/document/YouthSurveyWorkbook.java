package org.kaohe.document;

import java.math.BigDecimal;
import java.util.List;

/**
 * The youth survey's spreadsheet: the template Kaohe gives the survey agency (one row per assessed unit) and the
 * reading of the filled workbook, which reports every problem per cell and returns no rows when there is one.
 */
public interface YouthSurveyWorkbook {

  byte[] template(String title, List<UnitRef> units);

  ImportResult read(byte[] xlsx, List<UnitRef> units);

  record UnitRef(String code, String name) {}

  record SurveyRow(String unitCode, int sampleSize, BigDecimal awareness, BigDecimal satisfaction) {}

  /**
   * {@code row} and {@code column} as Excel shows them (row 1-based, column letter). A problem of a whole sheet has
   * row 0 and column "-" ("缺少单位 … 的数据"); one of the whole file also sheet "-" (not an .xlsx, encrypted, too
   * large).
   */
  record CellProblem(String sheet, int row, String column, String message) {
    public String text() {
      if ("-".equals(sheet)) {
        return message;
      }
      if (row <= 0) {
        return "工作表“" + sheet + "”：" + message;
      }
      return "工作表“" + sheet + "”第 " + row + " 行 " + column + " 列：" + message;
    }
  }

  /** Either rows (all units, no problems) or problems (and no rows): nothing partial. */
  record ImportResult(List<SurveyRow> rows, List<CellProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }
}
