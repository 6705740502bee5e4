package org.kaohe.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFDataValidationHelper;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * {@link YouthSurveyWorkbook} with Apache POI.
 *
 * <p>Reading goes through {@link OoxmlUpload}'s guards: it refuses, before any parsing, a file over {@value #MAX_BYTES}
 * bytes, and anything that is not an unencrypted OOXML workbook (a .xls, a renamed CSV, a password-protected .xlsx,
 * which is an OLE2 container, or broken bytes), each with one message; a zip bomb, or a part larger than
 * {@value #MAX_PART_BYTES} bytes (a survey of a thousand units is well under 1 MB), is refused before the workbook
 * is parsed.
 *
 * <p>Stateless and thread-safe.
 */
@Component
public class PoiYouthSurveyWorkbook implements YouthSurveyWorkbook {

  public static final String SHEET = "青年评议";
  static final int MAX_BYTES = OoxmlUpload.XLSX_MAX_BYTES;
  static final double MIN_INFLATE_RATIO = OoxmlUpload.MIN_INFLATE_RATIO;
  static final long MAX_ENTRY_BYTES = OoxmlUpload.MAX_ENTRY_BYTES;
  static final long MAX_PART_BYTES = OoxmlUpload.MAX_PART_BYTES;
  static final int MAX_PROBLEMS = 200;

  static final String NOT_XLSX = OoxmlUpload.NOT_XLSX;
  static final String ENCRYPTED = OoxmlUpload.ENCRYPTED;
  static final String TOO_LARGE = OoxmlUpload.XLSX_TOO_LARGE;
  static final String BOMB = OoxmlUpload.BOMB;
  static final String NOT_A_PERCENTAGE = "不是 0 到 100 之间的数字";

  private static final String[] HEADERS = {"单位代码", "单位名称", "抽样人数", "知晓度(%)", "满意度(%)"};
  private static final int CODE = 0;
  private static final int SAMPLE = 2;
  private static final int AWARENESS = 3;
  private static final int SATISFACTION = 4;
  private static final int TITLE_ROW = 0;
  private static final int INSTRUCTIONS_ROW = 1;
  private static final int HEADER_ROW = 2;

  static {
    OoxmlUpload.secure();
  }

  // ---------------------------------------------------------------- template

  @Override
  public byte[] template(String title, List<UnitRef> units) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      XSSFSheet sheet = wb.createSheet(SHEET);
      XSSFCellStyle titleStyle = style(wb, 14, true, HorizontalAlignment.CENTER, false, false);
      XSSFCellStyle instructionStyle = style(wb, 10, false, HorizontalAlignment.LEFT, false, false);
      instructionStyle.setWrapText(true);
      XSSFCellStyle headerStyle = style(wb, 11, true, HorizontalAlignment.CENTER, true, true);
      headerStyle.setWrapText(true);
      XSSFCellStyle givenStyle = style(wb, 11, false, HorizontalAlignment.LEFT, true, true);
      givenStyle.setLocked(true);
      XSSFCellStyle countStyle = style(wb, 11, false, HorizontalAlignment.RIGHT, true, false);
      countStyle.setLocked(false);
      countStyle.setDataFormat(wb.createDataFormat().getFormat("0"));
      XSSFCellStyle percentStyle = style(wb, 11, false, HorizontalAlignment.RIGHT, true, false);
      percentStyle.setLocked(false);
      percentStyle.setDataFormat(wb.createDataFormat().getFormat("0.0#"));

      XSSFRow titleRow = sheet.createRow(TITLE_ROW);
      titleRow.setHeightInPoints(28);
      titleRow.createCell(0).setCellValue(title);
      titleRow.getCell(0).setCellStyle(titleStyle);
      sheet.addMergedRegion(new CellRangeAddress(TITLE_ROW, TITLE_ROW, 0, HEADERS.length - 1));
      XSSFRow instructions = sheet.createRow(INSTRUCTIONS_ROW);
      instructions.setHeightInPoints(58);
      instructions.createCell(0).setCellValue("填写说明：灰色的单位代码和单位名称请勿修改，也不要增删行、改动表头。抽样人数填写正整数；"
          + "知晓度和满意度填写 0 到 100 之间的百分数数值，例如 85.5 表示 85.5%（也可以填写 85.5%）。"
          + "每个单位一行，全部单位填写完整后再上传。");
      instructions.getCell(0).setCellStyle(instructionStyle);
      sheet.addMergedRegion(new CellRangeAddress(INSTRUCTIONS_ROW, INSTRUCTIONS_ROW, 0, HEADERS.length - 1));
      XSSFRow header = sheet.createRow(HEADER_ROW);
      header.setHeightInPoints(22);
      for (int c = 0; c < HEADERS.length; c++) {
        header.createCell(c).setCellValue(HEADERS[c]);
        header.getCell(c).setCellStyle(headerStyle);
      }
      int r = HEADER_ROW + 1;
      int nameWidth = 12;
      for (UnitRef unit : units) {
        XSSFRow row = sheet.createRow(r++);
        row.createCell(0).setCellValue(unit.code());
        row.createCell(1).setCellValue(unit.name());
        row.getCell(0).setCellStyle(givenStyle);
        row.getCell(1).setCellStyle(givenStyle);
        row.createCell(SAMPLE).setCellStyle(countStyle);
        row.createCell(AWARENESS).setCellStyle(percentStyle);
        row.createCell(SATISFACTION).setCellStyle(percentStyle);
        nameWidth = Math.max(nameWidth, PoiDocuments.halfWidths(unit.name()) + 2);
      }
      int codeWidth = Math.max(12, units.stream().mapToInt(u -> u.code().length() + 2).max().orElse(0));
      sheet.setColumnWidth(0, Math.min(codeWidth, 40) * 256);
      sheet.setColumnWidth(1, Math.min(nameWidth, 50) * 256);
      sheet.setColumnWidth(SAMPLE, 12 * 256);
      sheet.setColumnWidth(AWARENESS, 13 * 256);
      sheet.setColumnWidth(SATISFACTION, 13 * 256);
      sheet.createFreezePane(2, HEADER_ROW + 1);
      if (!units.isEmpty()) {
        validations(sheet, HEADER_ROW + 1, HEADER_ROW + units.size());
      }
      sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
      sheet.getPrintSetup().setFitWidth((short) 1);
      sheet.getPrintSetup().setFitHeight((short) 0);
      sheet.setFitToPage(true);
      sheet.setRepeatingRows(new CellRangeAddress(HEADER_ROW, HEADER_ROW, 0, HEADERS.length - 1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void validations(XSSFSheet sheet, int first, int last) {
    XSSFDataValidationHelper helper = new XSSFDataValidationHelper(sheet);
    DataValidationConstraint whole = helper.createIntegerConstraint(
        DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "1", null);
    DataValidation sample = helper.createValidation(whole, new CellRangeAddressList(first, last, SAMPLE, SAMPLE));
    sample.setShowErrorBox(true);
    sample.setErrorStyle(DataValidation.ErrorStyle.STOP);
    sample.createErrorBox("抽样人数", "请填写不小于 1 的整数。");
    sample.setShowPromptBox(true);
    sample.createPromptBox("抽样人数", "正整数");
    sample.setEmptyCellAllowed(true);
    sheet.addValidationData(sample);
    DataValidationConstraint percent = helper.createDecimalConstraint(
        DataValidationConstraint.OperatorType.BETWEEN, "0", "100");
    DataValidation percentages = helper.createValidation(percent,
        new CellRangeAddressList(first, last, AWARENESS, SATISFACTION));
    percentages.setShowErrorBox(true);
    percentages.setErrorStyle(DataValidation.ErrorStyle.STOP);
    percentages.createErrorBox("百分数", "请填写 0 到 100 之间的数字，例如 85.5 表示 85.5%。");
    percentages.setShowPromptBox(true);
    percentages.createPromptBox("百分数", "0 到 100，例如 85.5");
    percentages.setEmptyCellAllowed(true);
    sheet.addValidationData(percentages);
  }

  private static XSSFCellStyle style(XSSFWorkbook wb, int points, boolean bold, HorizontalAlignment alignment,
      boolean borders, boolean grey) {
    XSSFFont font = wb.createFont();
    font.setFontName("宋体");
    font.setFontHeightInPoints((short) points);
    font.setBold(bold);
    XSSFCellStyle style = wb.createCellStyle();
    style.setFont(font);
    style.setAlignment(alignment);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    if (borders) {
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
    }
    if (grey) {
      style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }
    return style;
  }

  // ---------------------------------------------------------------- reading

  @Override
  public ImportResult read(byte[] xlsx, List<UnitRef> units) {
    return OoxmlUpload.readXlsx(xlsx, wb -> new Reader(wb, units).read(), PoiYouthSurveyWorkbook::failure);
  }

  private static ImportResult failure(String message) {
    return new ImportResult(List.of(), List.of(new CellProblem("-", 0, "-", message)));
  }

  /** One reading of one workbook. */
  private static final class Reader {

    private final XSSFWorkbook wb;
    private final List<UnitRef> units;
    private final List<CellProblem> problems = new ArrayList<>();
    private final DataFormatter formatter = new DataFormatter(Locale.CHINA);
    private Sheet sheet;

    Reader(XSSFWorkbook wb, List<UnitRef> units) {
      this.wb = wb;
      this.units = units;
    }

    ImportResult read() {
      sheet = wb.getSheet(SHEET);
      if (sheet == null) {
        if (wb.getNumberOfSheets() == 0) {
          return failure("工作簿中没有工作表");
        }
        sheet = wb.getSheetAt(0);
      }
      Map<String, Integer> columns = null;
      int headerRow = -1;
      for (int r = sheet.getFirstRowNum(); r >= 0 && r <= Math.min(sheet.getLastRowNum(), 30); r++) {
        columns = headers(sheet.getRow(r));
        if (columns != null) {
          headerRow = r;
          break;
        }
      }
      if (columns == null) {
        sheetProblem("找不到表头行：应有“单位代码”“抽样人数”“知晓度(%)”“满意度(%)”四列，请使用下发的模板填写");
        return result(List.of());
      }
      Map<String, UnitRef> known = new LinkedHashMap<>();
      units.forEach(u -> known.put(u.code(), u));
      Map<String, Integer> seenAt = new HashMap<>();
      Map<String, SurveyRow> rows = new HashMap<>();
      int code = columns.get("code");
      int sample = columns.get("sample");
      int awareness = columns.get("awareness");
      int satisfaction = columns.get("satisfaction");
      for (int r = headerRow + 1; r <= lastRow(sheet); r++) {
        Row row = sheet.getRow(r);
        if (row == null || blank(row, code, sample, awareness, satisfaction)) {
          continue;
        }
        if (problems.size() >= MAX_PROBLEMS) {
          break;
        }
        String unitCode = text(row.getCell(code)).trim();
        boolean unitOk = true;
        if (unitCode.isEmpty()) {
          problem(r, code, "单位代码为空");
          unitOk = false;
        } else if (!known.containsKey(unitCode)) {
          problem(r, code, "单位代码“" + unitCode + "”不是本次考核的单位");
          unitOk = false;
        } else if (seenAt.containsKey(unitCode)) {
          problem(r, code, "单位“" + known.get(unitCode).name() + "”（" + unitCode + "）重复，第 "
              + (seenAt.get(unitCode) + 1) + " 行已有该单位的数据");
          unitOk = false;
        } else {
          seenAt.put(unitCode, r);
        }
        Integer n = sampleSize(r, sample, row.getCell(sample));
        BigDecimal a = percentage(r, awareness, row.getCell(awareness), "知晓度(%)");
        BigDecimal s = percentage(r, satisfaction, row.getCell(satisfaction), "满意度(%)");
        if (unitOk && n != null && a != null && s != null) {
          rows.put(unitCode, new SurveyRow(unitCode, n, a, s));
        }
      }
      for (UnitRef unit : units) {
        if (!seenAt.containsKey(unit.code()) && problems.size() < MAX_PROBLEMS) {
          sheetProblem("缺少单位“" + unit.name() + "”（" + unit.code() + "）的数据");
        }
      }
      return result(units.stream().map(u -> rows.get(u.code())).toList());
    }

    private ImportResult result(List<SurveyRow> rows) {
      if (problems.size() >= MAX_PROBLEMS) {
        problems.add(new CellProblem(sheet.getSheetName(), 0, "-", "问题过多，只列出前 " + MAX_PROBLEMS + " 个，请检查是否使用了下发的模板"));
      }
      return problems.isEmpty() ? new ImportResult(List.copyOf(rows), List.of()) : new ImportResult(List.of(),
          List.copyOf(problems));
    }

    /** Columns by header text, tolerant of full-width brackets, spaces and a missing "(%)"; null if not a header. */
    private Map<String, Integer> headers(Row row) {
      if (row == null) {
        return null;
      }
      Map<String, Integer> found = new HashMap<>();
      for (Cell cell : row) {
        String h = text(cell).replaceAll("\\s", "").replace('（', '(').replace('）', ')').replace('％', '%');
        String key = h.equals("单位代码") ? "code" : h.startsWith("抽样人数") ? "sample"
            : h.startsWith("知晓度") ? "awareness" : h.startsWith("满意度") ? "satisfaction" : null;
        if (key != null) {
          found.putIfAbsent(key, cell.getColumnIndex());
        }
      }
      return found.size() == 4 ? found : null;
    }

    private boolean blank(Row row, int... columns) {
      for (int c : columns) {
        if (!text(row.getCell(c)).isBlank()) {
          return false;
        }
      }
      return true;
    }

    private Integer sampleSize(int r, int c, Cell cell) {
      Object v = value(cell);
      if (v == null) {
        problem(r, c, "抽样人数未填写");
        return null;
      }
      BigDecimal n = v instanceof BigDecimal d ? d : parse(((String) v).replace(",", "").replace("人", ""));
      if (n == null || n.signum() <= 0 || n.stripTrailingZeros().scale() > 0
          || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        problem(r, c, "抽样人数“" + display(cell) + "”不是正整数");
        return null;
      }
      return n.intValueExact();
    }

    /**
     * 0-100: a number; a number formatted as a percentage (0.855 shown as 85.5%) counts ×100; text "85.5" or
     * "85.5%" too. Rounded to two decimals.
     */
    private BigDecimal percentage(int r, int c, Cell cell, String name) {
      Object v = value(cell);
      if (v == null) {
        problem(r, c, name + "未填写");
        return null;
      }
      BigDecimal p;
      if (v instanceof BigDecimal d) {
        p = percentFormatted(cell) ? d.movePointRight(2) : d;
      } else {
        String s = ((String) v).trim();
        p = parse(s.endsWith("%") || s.endsWith("％") ? s.substring(0, s.length() - 1).trim() : s);
      }
      if (p == null || p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
        problem(r, c, name + "“" + display(cell) + "”" + NOT_A_PERCENTAGE);
        return null;
      }
      p = p.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
      return p.scale() < 0 ? p.setScale(0) : p;
    }

    /** A number (BigDecimal), a text (String, not blank), or null when empty; a formula gives its cached value. */
    private Object value(Cell cell) {
      if (cell == null) {
        return null;
      }
      CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
      return switch (type) {
        case NUMERIC -> new BigDecimal(Double.toString(cell.getNumericCellValue()));
        case STRING -> cell.getStringCellValue().isBlank() ? null : cell.getStringCellValue();
        case BOOLEAN -> String.valueOf(cell.getBooleanCellValue()).toUpperCase(Locale.ROOT);
        case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
        default -> null;
      };
    }

    private boolean percentFormatted(Cell cell) {
      String format = cell.getCellStyle() == null ? null : cell.getCellStyle().getDataFormatString();
      return format != null && format.replaceAll("\"[^\"]*\"|\\\\.", "").contains("%");
    }

    private String display(Cell cell) {
      Object v = value(cell);
      if (v instanceof BigDecimal d) {
        // The number as stored (a "0" format would show 12.5 as 13), a percentage as Excel shows it.
        return percentFormatted(cell) ? formatter.formatCellValue(cell) : plain(d);
      }
      String s = v == null ? "" : v.toString().strip();
      return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    private static String plain(BigDecimal d) {
      BigDecimal s = d.stripTrailingZeros();
      return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private String text(Cell cell) {
      if (cell == null) {
        return "";
      }
      CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
      return switch (type) {
        case STRING -> cell.getStringCellValue();
        case NUMERIC -> {
          double d = cell.getNumericCellValue();
          yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
              : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
        case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
        default -> "";
      };
    }

    private static BigDecimal parse(String s) {
      if (s == null || !s.strip().matches("[+]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
        return null;
      }
      return new BigDecimal(s.strip().replace("+", ""));
    }

    private void problem(int row, int column, String message) {
      problems.add(new CellProblem(sheet.getSheetName(), row + 1, CellReference.convertNumToColString(column),
          message));
    }

    private void sheetProblem(String message) {
      problems.add(new CellProblem(sheet.getSheetName(), 0, "-", message));
    }
  }

  /**
   * The last row to visit. POI takes a row number from the file as it stands, so a crafted r="2147483648" made
   * {@code r <= getLastRowNum()} true for every int and the loop never ended; Excel never writes a row past
   * its own last one.
   */
  private static int lastRow(org.apache.poi.ss.usermodel.Sheet sheet) {
    return Math.min(sheet.getLastRowNum(), org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getLastRowIndex());
  }
}
