package org.kaohe.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
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
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;
import org.springframework.stereotype.Component;

/**
 * The spreadsheets of a city's package (seed 000): attachment 2, 重点工作开展情况表 (one row per catalogue area),
 * and attachment 3, 党政对共青团评价表 (附表1–3), as .xlsx templates for one unit, and the reading of a filled one
 * back into the package's JSON ({@code keyWork}, {@code evaluation}; docs/annual-assessment-processes.md).
 *
 * <p>Reading passes {@link OoxmlUpload}'s guards (size, file type, encryption, zip bombs) and checks every cell with
 * the rules of {@code org.kaohe.submission.PackageRules} (required names and dates, 200 / 2,000 characters, the
 * key-work limit of the notice, no content for a secret instruction), reporting each problem at its cell; a
 * result carries either the JSON or the problems, never both.
 *
 * <p>Stateless and thread-safe.
 */
@Component
public class PoiPackageWorkbooks {

  public static final String KEY_WORK_SHEET = "重点工作开展情况表";
  public static final String INSTRUCTIONS_SHEET = "附表1 党委领导批示情况";
  public static final String ASSIGNED_TASKS_SHEET = "附表2 党政交办任务情况";
  public static final String LOCAL_EVALUATIONS_SHEET = "附表3 地方考评情况";

  static final int SHORT_TEXT = 200;
  static final int LONG_TEXT = 2000;
  static final int MAX_PROBLEMS = 200;
  static final int MAX_ROWS = 500;
  /** Empty, formatted rows of each 附表 in the template; validations reach {@value #VALIDATED_ROWS} rows. */
  static final int TEMPLATE_ROWS = 20;
  static final int VALIDATED_ROWS = 300;

  static final String YES = "是";
  static final String NO = "否";
  static final String SECRET_WITH_CONTENT = "为涉密批示，只填报次数，不填写批示内容";

  private static final int TITLE_ROW = 0;
  private static final int UNIT_ROW = 1;
  private static final int INSTRUCTIONS_ROW = 2;
  private static final int HEADER_ROW = 3;
  private static final Pattern TEXT_DATE =
      Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

  static {
    OoxmlUpload.secure();
  }

  /** Either the JSON ({@code keyWork} array or {@code evaluation} object) or the problems, never both. */
  public record PackageImport(JsonNode value, List<CellProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private enum Kind { TEXT, DATE, YES_NO }

  /** One column of a 附表: its JSON field, its heading, what it holds. */
  private record Column(String field, String heading, Kind kind, boolean required, int max, int width) {}

  private record Table(String sheet, String caption, String json, String instruction, List<Column> columns) {}

  private static final Table INSTRUCTIONS = new Table(INSTRUCTIONS_SHEET, "附表1.党委领导批示情况", "instructions",
      "填表说明：1. 仅填报本年度情况，每条批示一行，批示人和批示时间必填；2. 批示时间按 年-月-日 填写，例如 2017-06-30；"
          + "3. 如批示涉密，“涉密”选“是”，只填报次数，不填写批示内容；圈阅的，“圈阅”选“是”；4. 行数不够可在表格下方续填。",
      List.of(
          new Column("by", "批示人", Kind.TEXT, true, SHORT_TEXT, 12),
          new Column("position", "职务", Kind.TEXT, false, SHORT_TEXT, 16),
          new Column("date", "批示时间", Kind.DATE, true, 0, 13),
          new Column("item", "涉及项目", Kind.TEXT, false, SHORT_TEXT, 20),
          new Column("content", "批示内容", Kind.TEXT, false, LONG_TEXT, 50),
          new Column("remarks", "备注", Kind.TEXT, false, SHORT_TEXT, 16),
          new Column("secret", "涉密", Kind.YES_NO, false, 0, 7),
          new Column("circulatedOnly", "圈阅", Kind.YES_NO, false, 0, 7)));

  private static final Table ASSIGNED_TASKS = new Table(ASSIGNED_TASKS_SHEET, "附表2.党政交办任务情况", "assignedTasks",
      "填表说明：1. 仅填报本年度情况，每项任务一行，任务名称必填；2. 交办时间按 年-月-日 填写，例如 2017-06-30；"
          + "3. 如交办事项涉密，可不填报具体内容；4. 行数不够可在表格下方续填。",
      List.of(
          new Column("name", "任务名称", Kind.TEXT, true, SHORT_TEXT, 24),
          new Column("source", "来源", Kind.TEXT, false, SHORT_TEXT, 16),
          new Column("date", "交办时间", Kind.DATE, false, 0, 13),
          new Column("content", "具体内容", Kind.TEXT, false, LONG_TEXT, 40),
          new Column("completion", "完成情况", Kind.TEXT, false, LONG_TEXT, 40),
          new Column("remarks", "备注", Kind.TEXT, false, SHORT_TEXT, 16)));

  private static final Table LOCAL_EVALUATIONS = new Table(LOCAL_EVALUATIONS_SHEET, "附表3.地方考评情况",
      "localEvaluations",
      "填表说明：1. 仅填报本年度情况，每项考评一行，考评名称必填；2. 考评时间按 年-月-日 填写，例如 2017-06-30；"
          + "3. 无等次划分的，在“备注”中填写考评评语；4. 行数不够可在表格下方续填。",
      List.of(
          new Column("name", "考评名称", Kind.TEXT, true, SHORT_TEXT, 24),
          new Column("evaluatingBody", "实施考评单位", Kind.TEXT, false, SHORT_TEXT, 18),
          new Column("date", "考评时间", Kind.DATE, false, 0, 13),
          new Column("content", "考评内容", Kind.TEXT, false, LONG_TEXT, 40),
          new Column("grade", "考评等次", Kind.TEXT, false, SHORT_TEXT, 12),
          new Column("remarks", "备注", Kind.TEXT, false, SHORT_TEXT, 20)));

  private static final List<Table> TABLES = List.of(INSTRUCTIONS, ASSIGNED_TASKS, LOCAL_EVALUATIONS);

  // ---------------------------------------------------------------- titles

  /** "2017年广东共青团重点工作开展情况表" (seed 000, attachment 2), the region taken from the organisation's name. */
  public static String keyWorkTitle(Notice notice) {
    String name = notice.organisationName() == null ? "" : notice.organisationName().strip();
    String region = name.replaceFirst("^共青团", "").replaceFirst("(省|自治区|市)?委员会$", "");
    if (region.equals(name)) {
      region = "";
    }
    return notice.year() + "年" + region + "共青团重点工作开展情况表";
  }

  /** "2017年党政对共青团评价表" (seed 000, attachment 3). */
  public static String evaluationTitle(Notice notice) {
    return notice.year() + "年党政对共青团评价表";
  }

  static String keyWorkHeading(Notice notice) {
    return "工作开展情况（每项工作字数控制在" + notice.limits().keyWorkRowMaxCharacters() + "字以内）";
  }

  // ---------------------------------------------------------------- templates

  /** Attachment 2 for one unit: one row per catalogue area of the notice. */
  public byte[] keyWorkTemplate(Notice notice, String unitName) {
    List<Organisation.Area> areas = notice.catalogue().areas();
    int max = notice.limits().keyWorkRowMaxCharacters();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles styles = new Styles(wb);
      XSSFSheet sheet = wb.createSheet(KEY_WORK_SHEET);
      String[] headings = {"序号", "重点工作项目", keyWorkHeading(notice)};
      top(sheet, styles, keyWorkTitle(notice), unitName,
          "填写说明：灰色的序号和重点工作项目请勿修改，也不要增删行、改动表头；对照考核目录逐项填写全年工作开展情况，"
              + "每项不超过 " + max + " 字，每项都必须填写。",
          headings);
      int r = HEADER_ROW + 1;
      for (int i = 0; i < areas.size(); i++) {
        XSSFRow row = sheet.createRow(r++);
        row.setHeightInPoints(150);
        cell(row, 0, styles.givenCentre).setCellValue(i + 1);
        cell(row, 1, styles.given).setCellValue(areas.get(i).name());
        cell(row, 2, styles.text);
      }
      sheet.setColumnWidth(0, 6 * 256);
      sheet.setColumnWidth(1, 28 * 256);
      sheet.setColumnWidth(2, 90 * 256);
      sheet.createFreezePane(0, HEADER_ROW + 1);
      if (!areas.isEmpty()) {
        XSSFDataValidationHelper helper = new XSSFDataValidationHelper(sheet);
        DataValidation v = helper.createValidation(
            helper.createTextLengthConstraint(DataValidationConstraint.OperatorType.LESS_OR_EQUAL,
                String.valueOf(max), null),
            new CellRangeAddressList(HEADER_ROW + 1, HEADER_ROW + areas.size(), 2, 2));
        stop(v, "工作开展情况", "每项不超过 " + max + " 字。");
        sheet.addValidationData(v);
      }
      print(sheet, headings.length);
      return bytes(wb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Attachment 3 for one unit: the sheets 附表1, 附表2 and 附表3, each with empty rows to fill. */
  public byte[] evaluationTemplate(Notice notice, String unitName) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles styles = new Styles(wb);
      for (Table table : TABLES) {
        XSSFSheet sheet = wb.createSheet(table.sheet());
        String[] headings = new String[table.columns().size() + 1];
        headings[0] = "序号";
        for (int c = 0; c < table.columns().size(); c++) {
          headings[c + 1] = table.columns().get(c).heading();
        }
        top(sheet, styles, evaluationTitle(notice) + "　" + table.caption(), unitName, table.instruction(), headings);
        for (int i = 0; i < TEMPLATE_ROWS; i++) {
          XSSFRow row = sheet.createRow(HEADER_ROW + 1 + i);
          row.setHeightInPoints(30);
          cell(row, 0, styles.givenCentre).setCellValue(i + 1);
          for (int c = 0; c < table.columns().size(); c++) {
            Kind kind = table.columns().get(c).kind();
            cell(row, c + 1, kind == Kind.DATE ? styles.date : kind == Kind.YES_NO ? styles.centre : styles.text);
          }
        }
        sheet.setColumnWidth(0, 6 * 256);
        for (int c = 0; c < table.columns().size(); c++) {
          sheet.setColumnWidth(c + 1, table.columns().get(c).width() * 256);
        }
        sheet.createFreezePane(0, HEADER_ROW + 1);
        validations(sheet, table);
        print(sheet, headings.length);
      }
      return bytes(wb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void validations(XSSFSheet sheet, Table table) {
    XSSFDataValidationHelper helper = new XSSFDataValidationHelper(sheet);
    int first = HEADER_ROW + 1;
    int last = HEADER_ROW + VALIDATED_ROWS;
    for (int c = 0; c < table.columns().size(); c++) {
      Column column = table.columns().get(c);
      CellRangeAddressList range = new CellRangeAddressList(first, last, c + 1, c + 1);
      DataValidation v = switch (column.kind()) {
        case DATE -> {
          DataValidation d = helper.createValidation(helper.createDateConstraint(
              DataValidationConstraint.OperatorType.BETWEEN, "DATE(1949,10,1)", "DATE(2099,12,31)", "yyyy-mm-dd"),
              range);
          stop(d, column.heading(), "请填写日期，按 年-月-日，例如 2017-06-30。");
          d.setShowPromptBox(true);
          d.createPromptBox(column.heading(), "年-月-日，例如 2017-06-30");
          yield d;
        }
        case YES_NO -> {
          DataValidation d = helper.createValidation(helper.createExplicitListConstraint(new String[] {YES, NO}),
              range);
          d.setSuppressDropDownArrow(true);
          stop(d, column.heading(), "请选择“是”或“否”。");
          yield d;
        }
        case TEXT -> {
          DataValidation d = helper.createValidation(helper.createTextLengthConstraint(
              DataValidationConstraint.OperatorType.LESS_OR_EQUAL, String.valueOf(column.max()), null), range);
          stop(d, column.heading(), "不超过 " + column.max() + " 字。");
          yield d;
        }
      };
      sheet.addValidationData(v);
    }
  }

  private static void stop(DataValidation v, String title, String text) {
    v.setShowErrorBox(true);
    v.setErrorStyle(DataValidation.ErrorStyle.STOP);
    v.createErrorBox(title, text);
    v.setEmptyCellAllowed(true);
  }

  /** Title, 填报单位 with the unit's name, the instruction line and the header row. */
  private static void top(XSSFSheet sheet, Styles styles, String title, String unitName, String instruction,
      String[] headings) {
    int lastColumn = headings.length - 1;
    XSSFRow titleRow = sheet.createRow(TITLE_ROW);
    titleRow.setHeightInPoints(30);
    cell(titleRow, 0, styles.title).setCellValue(title);
    sheet.addMergedRegion(new CellRangeAddress(TITLE_ROW, TITLE_ROW, 0, lastColumn));
    XSSFRow unitRow = sheet.createRow(UNIT_ROW);
    unitRow.setHeightInPoints(20);
    cell(unitRow, 0, styles.plain).setCellValue("填报单位：" + (unitName == null ? "" : unitName) + "（公章）");
    sheet.addMergedRegion(new CellRangeAddress(UNIT_ROW, UNIT_ROW, 0, lastColumn));
    XSSFRow instructions = sheet.createRow(INSTRUCTIONS_ROW);
    instructions.setHeightInPoints(44);
    cell(instructions, 0, styles.instruction).setCellValue(instruction);
    sheet.addMergedRegion(new CellRangeAddress(INSTRUCTIONS_ROW, INSTRUCTIONS_ROW, 0, lastColumn));
    XSSFRow header = sheet.createRow(HEADER_ROW);
    header.setHeightInPoints(32);
    for (int c = 0; c < headings.length; c++) {
      cell(header, c, styles.header).setCellValue(headings[c]);
    }
  }

  private static void print(XSSFSheet sheet, int columns) {
    sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setRepeatingRows(new CellRangeAddress(HEADER_ROW, HEADER_ROW, 0, columns - 1));
  }

  private static Cell cell(Row row, int column, XSSFCellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellStyle(style);
    return cell;
  }

  private static byte[] bytes(XSSFWorkbook wb) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }

  private static final class Styles {
    final XSSFCellStyle title;
    final XSSFCellStyle plain;
    final XSSFCellStyle instruction;
    final XSSFCellStyle header;
    final XSSFCellStyle given;
    final XSSFCellStyle givenCentre;
    final XSSFCellStyle text;
    final XSSFCellStyle centre;
    final XSSFCellStyle date;

    Styles(XSSFWorkbook wb) {
      title = style(wb, 16, true, HorizontalAlignment.CENTER, false, false);
      plain = style(wb, 12, false, HorizontalAlignment.LEFT, false, false);
      instruction = style(wb, 10, false, HorizontalAlignment.LEFT, false, false);
      instruction.setWrapText(true);
      header = style(wb, 11, true, HorizontalAlignment.CENTER, true, true);
      header.setWrapText(true);
      given = style(wb, 11, false, HorizontalAlignment.LEFT, true, true);
      given.setWrapText(true);
      givenCentre = style(wb, 11, false, HorizontalAlignment.CENTER, true, true);
      text = style(wb, 11, false, HorizontalAlignment.LEFT, true, false);
      text.setWrapText(true);
      text.setLocked(false);
      text.setVerticalAlignment(VerticalAlignment.TOP);
      text.setDataFormat(wb.createDataFormat().getFormat("@"));
      centre = style(wb, 11, false, HorizontalAlignment.CENTER, true, false);
      centre.setLocked(false);
      date = style(wb, 11, false, HorizontalAlignment.CENTER, true, false);
      date.setLocked(false);
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
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
  }

  // ---------------------------------------------------------------- reading

  /** A filled attachment 2 as the package's {@code keyWork}: [{areaCode, status}] in catalogue order. */
  public PackageImport readKeyWork(byte[] xlsx, Notice notice) {
    return OoxmlUpload.readXlsx(xlsx, wb -> new Reader(wb).keyWork(notice), PoiPackageWorkbooks::failure);
  }

  /**
   * A filled attachment 3 as the package's {@code evaluation}: {instructions[], assignedTasks[],
   * localEvaluations[]} (no {@code otherNotes}: the workbook has none; the form keeps its own).
   */
  public PackageImport readEvaluation(byte[] xlsx) {
    return OoxmlUpload.readXlsx(xlsx, wb -> new Reader(wb).evaluation(), PoiPackageWorkbooks::failure);
  }

  private static PackageImport failure(String message) {
    return new PackageImport(null, List.of(new CellProblem("-", 0, "-", message)));
  }

  /** Characters as a reader counts them, as PackageRules does: one per Chinese character. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String normal(String heading) {
    return heading.replaceAll("\\s", "").replace('（', '(').replace('）', ')');
  }

  /** One reading of one workbook. */
  private static final class Reader {

    private final XSSFWorkbook wb;
    private final List<CellProblem> problems = new ArrayList<>();
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    Reader(XSSFWorkbook wb) {
      this.wb = wb;
    }

    PackageImport keyWork(Notice notice) {
      List<Organisation.Area> areas = notice.catalogue().areas();
      int max = notice.limits().keyWorkRowMaxCharacters();
      Sheet sheet = wb.getSheet(KEY_WORK_SHEET);
      if (sheet == null) {
        if (wb.getNumberOfSheets() == 0) {
          return fileProblem("工作簿中没有工作表");
        }
        sheet = wb.getSheetAt(0);
      }
      int headerRow = -1;
      int areaColumn = -1;
      int statusColumn = -1;
      for (int r = Math.max(0, sheet.getFirstRowNum()); r <= Math.min(sheet.getLastRowNum(), 30); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        int a = -1;
        int s = -1;
        for (Cell cell : row) {
          String h = normal(text(cell));
          if (a < 0 && (h.equals("重点工作项目") || h.equals("考核项目"))) {
            a = cell.getColumnIndex();
          } else if (s < 0 && h.startsWith("工作开展情况") || s < 0 && h.startsWith("开展情况")) {
            s = cell.getColumnIndex();
          }
        }
        if (a >= 0 && s >= 0) {
          headerRow = r;
          areaColumn = a;
          statusColumn = s;
          break;
        }
      }
      if (headerRow < 0) {
        sheetProblem(sheet, "找不到表头行：应有“重点工作项目”和“工作开展情况”两列，请使用下发的模板填写");
        return result(null);
      }
      Map<String, Organisation.Area> byName = new HashMap<>();
      areas.forEach(a -> byName.put(normal(a.name()), a));
      Map<String, Integer> seenAt = new HashMap<>();
      Map<String, String> statuses = new HashMap<>();
      for (int r = headerRow + 1; r <= lastRow(sheet) && problems.size() < MAX_PROBLEMS; r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        String name = text(row.getCell(areaColumn)).strip();
        String status = text(row.getCell(statusColumn)).strip();
        if (name.isEmpty() && status.isEmpty()) {
          continue;
        }
        Organisation.Area area = byName.get(normal(name));
        if (name.isEmpty()) {
          problem(sheet, r, areaColumn, "重点工作项目为空");
          continue;
        }
        if (area == null) {
          problem(sheet, r, areaColumn, "“" + shorten(name) + "”不是本年度考核目录中的项目，请使用下发的模板，不要增删行或改动项目名称");
          continue;
        }
        if (seenAt.containsKey(area.code())) {
          problem(sheet, r, areaColumn, "项目“" + area.name() + "”重复，第 " + (seenAt.get(area.code()) + 1) + " 行已有该项目");
          continue;
        }
        seenAt.put(area.code(), r);
        if (status.isEmpty()) {
          problem(sheet, r, statusColumn, "“" + area.name() + "”的工作开展情况未填写");
        } else if (length(status) > max) {
          problem(sheet, r, statusColumn, "“" + area.name() + "”的工作开展情况共 " + length(status) + " 字，超过 " + max + " 字");
        }
        statuses.put(area.code(), status);
      }
      for (Organisation.Area area : areas) {
        if (!seenAt.containsKey(area.code()) && problems.size() < MAX_PROBLEMS) {
          sheetProblem(sheet, "缺少项目“" + area.name() + "”的行");
        }
      }
      ArrayNode keyWork = json.arrayNode();
      for (Organisation.Area area : areas) {
        keyWork.addObject().put("areaCode", area.code()).put("status", statuses.getOrDefault(area.code(), ""));
      }
      return result(keyWork);
    }

    PackageImport evaluation() {
      ObjectNode evaluation = json.objectNode();
      for (Table table : TABLES) {
        Sheet sheet = wb.getSheet(table.sheet());
        if (sheet == null) {
          String prefix = table.sheet().substring(0, 3);
          for (Sheet s : wb) {
            if (s.getSheetName().strip().startsWith(prefix)) {
              sheet = s;
              break;
            }
          }
        }
        if (sheet == null) {
          problems.add(new CellProblem(table.sheet(), 0, "-",
              "缺少工作表“" + table.sheet() + "”，请使用下发的模板填写"));
          continue;
        }
        evaluation.set(table.json(), table(sheet, table));
      }
      return result(evaluation);
    }

    private ArrayNode table(Sheet sheet, Table table) {
      ArrayNode rows = json.arrayNode();
      int headerRow = -1;
      int[] columns = null;
      for (int r = Math.max(0, sheet.getFirstRowNum()); r <= Math.min(sheet.getLastRowNum(), 30); r++) {
        columns = headers(sheet.getRow(r), table);
        if (columns != null) {
          headerRow = r;
          break;
        }
      }
      if (columns == null) {
        sheetProblem(sheet, "找不到表头行：应有“" + String.join("”“", table.columns().stream().map(Column::heading).toList())
            + "”各列，请使用下发的模板填写");
        return rows;
      }
      int read = 0;
      for (int r = headerRow + 1; r <= lastRow(sheet) && problems.size() < MAX_PROBLEMS; r++) {
        Row row = sheet.getRow(r);
        if (row == null || blank(row, columns)) {
          continue;
        }
        if (++read > MAX_ROWS) {
          sheetProblem(sheet, "超过 " + MAX_ROWS + " 行，请检查是否选错了文件");
          break;
        }
        ObjectNode out = json.objectNode();
        for (int c = 0; c < columns.length; c++) {
          Column column = table.columns().get(c);
          Cell cell = row.getCell(columns[c]);
          switch (column.kind()) {
            case TEXT -> {
              String value = text(cell).strip();
              if (column.required() && value.isEmpty()) {
                problem(sheet, r, columns[c], column.heading() + "不能为空");
              } else if (length(value) > column.max()) {
                problem(sheet, r, columns[c], column.heading() + "共 " + length(value) + " 字，超过 " + column.max() + " 字");
              }
              out.put(column.field(), value);
            }
            case DATE -> out.put(column.field(), date(sheet, r, columns[c], cell, column));
            case YES_NO -> out.put(column.field(), yesNo(sheet, r, columns[c], cell, column));
          }
        }
        if (table == INSTRUCTIONS && out.path("secret").asBoolean() && !out.path("content").asText().isBlank()) {
          problem(sheet, r, columns[table.columns().indexOf(column(table, "content"))], "该条" + SECRET_WITH_CONTENT);
        }
        rows.add(out);
      }
      return rows;
    }

    private static Column column(Table table, String field) {
      return table.columns().stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }

    private int[] headers(Row row, Table table) {
      if (row == null) {
        return null;
      }
      int[] found = new int[table.columns().size()];
      java.util.Arrays.fill(found, -1);
      for (Cell cell : row) {
        String h = normal(text(cell));
        for (int c = 0; c < found.length; c++) {
          String heading = table.columns().get(c).heading();
          if (found[c] < 0 && (h.equals(heading) || heading.equals("实施考评单位") && h.equals("考评主体"))) {
            found[c] = cell.getColumnIndex();
            break;
          }
        }
      }
      for (int f : found) {
        if (f < 0) {
          return null;
        }
      }
      return found;
    }

    private boolean blank(Row row, int[] columns) {
      for (int c : columns) {
        if (!text(row.getCell(c)).isBlank()) {
          return false;
        }
      }
      return true;
    }

    /** "yyyy-MM-dd" from a date cell, an Excel date number or a text "2017-06-30", "2017/6/30", "2017年6月30日". */
    private String date(Sheet sheet, int r, int c, Cell cell, Column column) {
      CellType type = type(cell);
      if (type == CellType.NUMERIC) {
        double d = cell.getNumericCellValue();
        if (DateUtil.isValidExcelDate(d) && d >= 1 && d == Math.floor(d)) {
          LocalDate date = DateUtil.getLocalDateTime(d).toLocalDate();
          if (date.getYear() >= 1949 && date.getYear() <= 2099) {
            return date.toString();
          }
        }
        problem(sheet, r, c, column.heading() + "“" + text(cell) + "”不是有效日期，应为 年-月-日，例如 2017-06-30");
        return "";
      }
      String s = text(cell).strip();
      if (s.isEmpty()) {
        if (column.required()) {
          problem(sheet, r, c, column.heading() + "不能为空");
        }
        return "";
      }
      Matcher m = TEXT_DATE.matcher(s);
      if (m.matches()) {
        try {
          LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
          return date.toString();
        } catch (DateTimeException e) {
          // reported below
        }
      }
      problem(sheet, r, c, column.heading() + "“" + shorten(s) + "”不是有效日期，应为 年-月-日，例如 2017-06-30");
      return "";
    }

    private boolean yesNo(Sheet sheet, int r, int c, Cell cell, Column column) {
      if (type(cell) == CellType.BOOLEAN) {
        return cell.getBooleanCellValue();
      }
      String s = text(cell).strip();
      if (s.isEmpty() || s.equals(NO)) {
        return false;
      }
      if (s.equals(YES)) {
        return true;
      }
      problem(sheet, r, c, column.heading() + "应填写“是”或“否”，不能填写“" + shorten(s) + "”");
      return false;
    }

    private PackageImport result(JsonNode value) {
      if (problems.size() >= MAX_PROBLEMS) {
        problems.add(new CellProblem("-", 0, "-", "问题过多，只列出前 " + MAX_PROBLEMS + " 个，请检查是否使用了下发的模板"));
      }
      return problems.isEmpty() ? new PackageImport(value, List.of()) : new PackageImport(null, List.copyOf(problems));
    }

    private PackageImport fileProblem(String message) {
      return new PackageImport(null, List.of(new CellProblem("-", 0, "-", message)));
    }

    private static CellType type(Cell cell) {
      if (cell == null) {
        return CellType.BLANK;
      }
      return cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    }

    private static String text(Cell cell) {
      return switch (type(cell)) {
        case STRING -> cell.getStringCellValue();
        case NUMERIC -> {
          double d = cell.getNumericCellValue();
          yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
              : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        case BOOLEAN -> cell.getBooleanCellValue() ? YES : NO;
        case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
        default -> "";
      };
    }

    private static String shorten(String s) {
      return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    private void problem(Sheet sheet, int row, int column, String message) {
      problems.add(new CellProblem(sheet.getSheetName(), row + 1, CellReference.convertNumToColString(column),
          message));
    }

    private void sheetProblem(Sheet sheet, String message) {
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
