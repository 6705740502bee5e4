package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kaohe.document.PoiPackageWorkbooks.PackageImport;
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;

class PoiPackageWorkbooksTest {

  private static final String UNIT = "共青团广州市委员会";
  private static final int FIRST = 4; // 0-based row of the first data row (title, unit, instruction, header)

  private final PoiPackageWorkbooks workbooks = new PoiPackageWorkbooks();
  private final ObjectMapper json = new ObjectMapper();
  private final Notice guangdong = PackageNotices.of("guangdong");

  // ---------------------------------------------------------------- attachment 2

  @ParameterizedTest
  @ValueSource(strings = {"guangdong", "inner-mongolia"})
  void theKeyWorkTemplateHasOneRowPerAreaWithHeadingsValidationAndFrozenHeader(String organisation)
      throws Exception {
    Notice notice = PackageNotices.of(organisation);
    List<Organisation.Area> areas = notice.catalogue().areas();
    try (XSSFWorkbook wb = open(workbooks.keyWorkTemplate(notice, UNIT))) {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo(PoiPackageWorkbooks.keyWorkTitle(notice)).endsWith("年" + (organisation.equals("guangdong")
              ? "广东" : "内蒙古") + "共青团重点工作开展情况表").startsWith(notice.year() + "年");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("填报单位：" + UNIT + "（公章）");
      assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).startsWith("填写说明：")
          .contains(notice.limits().keyWorkRowMaxCharacters() + " 字");
      assertThat(texts(sheet.getRow(3), 3))
          .containsExactly("序号", "重点工作项目", "工作开展情况（每项工作字数控制在500字以内）");
      assertThat(sheet.getLastRowNum()).isEqualTo(FIRST - 1 + areas.size());
      for (int i = 0; i < areas.size(); i++) {
        XSSFRow row = sheet.getRow(FIRST + i);
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(i + 1);
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo(areas.get(i).name());
        assertThat(row.getCell(2).getCellStyle().getWrapText()).isTrue();
        assertThat(row.getCell(2).getCellStyle().getLocked()).isFalse();
      }
      assertFrozenBelowHeader(sheet);
      assertThat(sheet.getColumnWidth(2)).isGreaterThan(60 * 256);
      List<XSSFDataValidation> validations = sheet.getDataValidations();
      assertThat(validations).hasSize(1);
      DataValidation length = validations.get(0);
      assertThat(length.getValidationConstraint().getValidationType())
          .isEqualTo(DataValidationConstraint.ValidationType.TEXT_LENGTH);
      assertThat(length.getValidationConstraint().getFormula1()).isEqualTo("500");
      assertThat(length.getRegions().getCellRangeAddresses()[0].formatAsString())
          .isEqualTo("C5:C" + (FIRST + areas.size()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"guangdong", "inner-mongolia"})
  void aFilledKeyWorkTemplateReadsBackAsTheSameKeyWork(String organisation) throws Exception {
    Notice notice = PackageNotices.of(organisation);
    List<Organisation.Area> areas = notice.catalogue().areas();
    int max = notice.limits().keyWorkRowMaxCharacters();
    StringBuilder expected = new StringBuilder("[");
    byte[] filled = fill(workbooks.keyWorkTemplate(notice, UNIT), wb -> {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      for (int i = 0; i < areas.size(); i++) {
        String status = i == 0 ? "𠀀".repeat(max) // exactly at the limit, in characters (not UTF-16 units)
            : "全年开展“" + areas.get(i).name() + "”，\n覆盖青年 " + (1000 * i) + " 人次。<b>";
        sheet.getRow(FIRST + i).getCell(2).setCellValue(status);
        expected.append(i == 0 ? "" : ",").append(json.createObjectNode()
            .put("areaCode", areas.get(i).code()).put("status", status));
      }
    });
    PackageImport result = workbooks.readKeyWork(filled, notice);
    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.value()).isEqualTo(json.readTree(expected.append("]").toString()));
  }

  @Test
  void keyWorkProblemsAreReportedPerCellAndNothingIsReturned() throws Exception {
    byte[] filled = fill(workbooks.keyWorkTemplate(guangdong, UNIT), wb -> {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      for (int i = 0; i < 6; i++) {
        sheet.getRow(FIRST + i).getCell(2).setCellValue("情况" + i);
      }
      sheet.getRow(FIRST).getCell(2).setCellValue("字".repeat(501));
      sheet.getRow(FIRST + 1).getCell(2).setBlank();
      sheet.getRow(FIRST + 2).getCell(1).setCellValue("自拟项目");
      XSSFRow extra = sheet.createRow(FIRST + 6);
      extra.createCell(1).setCellValue(" 共青团深化 改革工作 ");
      extra.createCell(2).setCellValue("重复一行");
    });
    PackageImport result = workbooks.readKeyWork(filled, guangdong);
    assertThat(result.ok()).isFalse();
    assertThat(result.value()).isNull();
    String sheet = PoiPackageWorkbooks.KEY_WORK_SHEET;
    assertThat(result.problems()).containsExactly(
        new CellProblem(sheet, 5, "C", "“青少年思想引领及青年人才工作”的工作开展情况共 501 字，超过 500 字"),
        new CellProblem(sheet, 6, "C", "“共青团深化改革工作”的工作开展情况未填写"),
        new CellProblem(sheet, 7, "B", "“自拟项目”不是本年度考核目录中的项目，请使用下发的模板，不要增删行或改动项目名称"),
        new CellProblem(sheet, 11, "B", "项目“共青团深化改革工作”重复，第 6 行已有该项目"),
        new CellProblem(sheet, 0, "-", "缺少项目“从严治团”的行"));
  }

  // ---------------------------------------------------------------- attachment 3

  @Test
  void theEvaluationTemplateHasThreeSheetsWithSeedHeadingsDateCellsAndLists() throws Exception {
    try (XSSFWorkbook wb = open(workbooks.evaluationTemplate(guangdong, UNIT))) {
      assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2))).containsExactly(
          "附表1 党委领导批示情况", "附表2 党政交办任务情况", "附表3 地方考评情况");
      XSSFSheet instructions = wb.getSheetAt(0);
      assertThat(instructions.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("2017年党政对共青团评价表　附表1.党委领导批示情况");
      assertThat(instructions.getRow(1).getCell(0).getStringCellValue()).isEqualTo("填报单位：" + UNIT + "（公章）");
      assertThat(instructions.getRow(2).getCell(0).getStringCellValue()).startsWith("填表说明：").contains("涉密");
      assertThat(texts(instructions.getRow(3), 9))
          .containsExactly("序号", "批示人", "职务", "批示时间", "涉及项目", "批示内容", "备注", "涉密", "圈阅");
      assertThat(texts(wb.getSheetAt(1).getRow(3), 7))
          .containsExactly("序号", "任务名称", "来源", "交办时间", "具体内容", "完成情况", "备注");
      assertThat(texts(wb.getSheetAt(2).getRow(3), 7))
          .containsExactly("序号", "考评名称", "实施考评单位", "考评时间", "考评内容", "考评等次", "备注");
      for (XSSFSheet sheet : List.of(instructions, wb.getSheetAt(1), wb.getSheetAt(2))) {
        assertFrozenBelowHeader(sheet);
        assertThat(sheet.getRow(FIRST).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
        assertThat(sheet.getRow(FIRST).getCell(2).getCellStyle().getWrapText()).isTrue();
        DataValidation date = validationOf(sheet, "D");
        assertThat(date.getValidationConstraint().getValidationType())
            .isEqualTo(DataValidationConstraint.ValidationType.DATE);
        assertThat(date.getValidationConstraint().getOperator()).isEqualTo(DataValidationConstraint.OperatorType.BETWEEN);
        assertThat(date.getShowErrorBox()).isTrue();
      }
      for (String column : List.of("H", "I")) {
        DataValidation list = validationOf(instructions, column);
        assertThat(list.getValidationConstraint().getValidationType())
            .isEqualTo(DataValidationConstraint.ValidationType.LIST);
        assertThat(list.getValidationConstraint().getExplicitListValues()).containsExactly("是", "否");
      }
      DataValidation content = validationOf(instructions, "F");
      assertThat(content.getValidationConstraint().getValidationType())
          .isEqualTo(DataValidationConstraint.ValidationType.TEXT_LENGTH);
      assertThat(content.getValidationConstraint().getFormula1()).isEqualTo("2000");
      assertThat(instructions.getColumnWidth(5)).isGreaterThan(instructions.getColumnWidth(1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"guangdong", "inner-mongolia"})
  void aFilledEvaluationTemplateReadsBackAsTheSameEvaluation(String organisation) throws Exception {
    Notice notice = PackageNotices.of(organisation);
    byte[] filled = fill(workbooks.evaluationTemplate(notice, UNIT), wb -> {
      XSSFSheet instructions = wb.getSheetAt(0);
      row(instructions, FIRST, "张三", "市委书记", LocalDate.of(2017, 5, 1), "共青团深化改革工作", "要求抓好改革落实。", "",
          "否", "否");
      row(instructions, FIRST + 1, "李四", "市委副书记", LocalDate.of(2017, 6, 30), "", "", "", "是", "是");
      row(instructions, FIRST + 2, "王五", "", "2017/7/3", "从严治团", "阅。", "", "", "是");
      XSSFSheet tasks = wb.getSheetAt(1);
      row(tasks, FIRST, "青年之家建设", "市委办公室", LocalDate.of(2017, 3, 15), "建设 50 个青年之家", "已完成", "");
      row(tasks, FIRST + 3, "志愿服务", "", null, "", "进行中", "跨年度"); // gap rows are skipped
      XSSFSheet evaluations = wb.getSheetAt(2);
      row(evaluations, FIRST, "年度综合考评", "市委组织部", LocalDate.of(2017, 12, 20), "全年工作", "优秀", "");
    });
    PackageImport result = workbooks.readEvaluation(filled);
    assertThat(result.problems()).isEmpty();
    assertThat(result.value()).isEqualTo(json.readTree("""
        {"instructions": [
          {"by": "张三", "position": "市委书记", "date": "2017-05-01", "item": "共青团深化改革工作",
           "content": "要求抓好改革落实。", "remarks": "", "secret": false, "circulatedOnly": false},
          {"by": "李四", "position": "市委副书记", "date": "2017-06-30", "item": "", "content": "", "remarks": "",
           "secret": true, "circulatedOnly": true},
          {"by": "王五", "position": "", "date": "2017-07-03", "item": "从严治团", "content": "阅。", "remarks": "",
           "secret": false, "circulatedOnly": true}],
         "assignedTasks": [
          {"name": "青年之家建设", "source": "市委办公室", "date": "2017-03-15", "content": "建设 50 个青年之家",
           "completion": "已完成", "remarks": ""},
          {"name": "志愿服务", "source": "", "date": "", "content": "", "completion": "进行中", "remarks": "跨年度"}],
         "localEvaluations": [
          {"name": "年度综合考评", "evaluatingBody": "市委组织部", "date": "2017-12-20", "content": "全年工作",
           "grade": "优秀", "remarks": ""}]}
        """));
  }

  @Test
  void anEmptyEvaluationTemplateReadsAsEmptyTables() {
    PackageImport result = workbooks.readEvaluation(workbooks.evaluationTemplate(guangdong, UNIT));
    assertThat(result.problems()).isEmpty();
    assertThat(result.value().toString())
        .isEqualTo("{\"instructions\":[],\"assignedTasks\":[],\"localEvaluations\":[]}");
  }

  @Test
  void evaluationProblemsAreReportedPerCellWithPackageRulesMeaning() throws Exception {
    byte[] filled = fill(workbooks.evaluationTemplate(guangdong, UNIT), wb -> {
      XSSFSheet instructions = wb.getSheetAt(0);
      row(instructions, FIRST, "张三", "市委书记", "2017-02-30", "", "", "", "否", "否");
      row(instructions, FIRST + 1, "李四", "", LocalDate.of(2017, 6, 30), "", "请抓好落实", "", "是", "");
      row(instructions, FIRST + 2, "", "", null, "", "", "备注", "可能", "");
      XSSFSheet tasks = wb.getSheetAt(1);
      row(tasks, FIRST, "任务", "", "下半年", "", "字".repeat(2001), "");
      XSSFSheet evaluations = wb.getSheetAt(2);
      row(evaluations, FIRST, "名".repeat(201), "", null, "", "", "");
    });
    PackageImport result = workbooks.readEvaluation(filled);
    assertThat(result.value()).isNull();
    String s1 = PoiPackageWorkbooks.INSTRUCTIONS_SHEET;
    assertThat(result.problems()).containsExactly(
        new CellProblem(s1, 5, "D", "批示时间“2017-02-30”不是有效日期，应为 年-月-日，例如 2017-06-30"),
        new CellProblem(s1, 6, "F", "该条为涉密批示，只填报次数，不填写批示内容"),
        new CellProblem(s1, 7, "B", "批示人不能为空"),
        new CellProblem(s1, 7, "D", "批示时间不能为空"),
        new CellProblem(s1, 7, "H", "涉密应填写“是”或“否”，不能填写“可能”"),
        new CellProblem(PoiPackageWorkbooks.ASSIGNED_TASKS_SHEET, 5, "D",
            "交办时间“下半年”不是有效日期，应为 年-月-日，例如 2017-06-30"),
        new CellProblem(PoiPackageWorkbooks.ASSIGNED_TASKS_SHEET, 5, "F", "完成情况共 2001 字，超过 2000 字"),
        new CellProblem(PoiPackageWorkbooks.LOCAL_EVALUATIONS_SHEET, 5, "B", "考评名称共 201 字，超过 200 字"));
    assertThat(result.problems().get(0).text()).isEqualTo("工作表“附表1 党委领导批示情况”第 5 行 D 列："
        + "批示时间“2017-02-30”不是有效日期，应为 年-月-日，例如 2017-06-30");
  }

  @Test
  void aMissingSheetOrHeaderIsASheetProblem() throws Exception {
    byte[] filled = fill(workbooks.evaluationTemplate(guangdong, UNIT), wb -> {
      wb.removeSheetAt(2);
      wb.getSheetAt(1).getRow(3).getCell(1).setCellValue("名称");
    });
    assertThat(workbooks.readEvaluation(filled).problems()).extracting(CellProblem::text).containsExactly(
        "工作表“附表2 党政交办任务情况”：找不到表头行：应有“任务名称”“来源”“交办时间”“具体内容”“完成情况”“备注”各列，请使用下发的模板填写",
        "工作表“附表3 地方考评情况”：缺少工作表“附表3 地方考评情况”，请使用下发的模板填写");
  }

  // ---------------------------------------------------------------- files

  @Test
  void aWrongFileTypeIsRefusedWithOneMessage() throws Exception {
    ByteArrayOutputStream xls = new ByteArrayOutputStream();
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      wb.createSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      wb.write(xls);
    }
    for (byte[] bytes : List.of(xls.toByteArray(), "序号,重点工作项目\n1,从严治团".getBytes(), new byte[0])) {
      assertRefused(workbooks.readKeyWork(bytes, guangdong), OoxmlUpload.NOT_XLSX);
      assertRefused(workbooks.readEvaluation(bytes), OoxmlUpload.NOT_XLSX);
    }
    assertRefused(workbooks.readEvaluation(null), OoxmlUpload.NOT_XLSX);
    assertRefused(workbooks.readEvaluation(new byte[5 * 1024 * 1024 + 1]), OoxmlUpload.XLSX_TOO_LARGE);
    // a key-work template is not an evaluation workbook
    PackageImport swapped = workbooks.readEvaluation(workbooks.keyWorkTemplate(guangdong, UNIT));
    assertThat(swapped.ok()).isFalse();
    assertThat(swapped.problems()).hasSize(3);
  }

  @Test
  void aPasswordProtectedWorkbookIsRefusedAsEncrypted() throws Exception {
    byte[] template = workbooks.evaluationTemplate(guangdong, UNIT);
    POIFSFileSystem fs = new POIFSFileSystem();
    Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
    encryptor.confirmPassword("kaohe");
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(template));
        OutputStream os = encryptor.getDataStream(fs)) {
      pkg.save(os);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fs.writeFilesystem(out);
    fs.close();
    assertRefused(workbooks.readEvaluation(out.toByteArray()), OoxmlUpload.ENCRYPTED);
    assertRefused(workbooks.readKeyWork(out.toByteArray(), guangdong), OoxmlUpload.ENCRYPTED);
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRefused(PackageImport result, String message) {
    assertThat(result.value()).isNull();
    assertThat(result.problems()).containsExactly(new CellProblem("-", 0, "-", message));
  }

  private static void assertFrozenBelowHeader(XSSFSheet sheet) {
    PaneInformation pane = sheet.getPaneInformation();
    assertThat(pane).isNotNull();
    assertThat(pane.isFreezePane()).isTrue();
    assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) FIRST);
    assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
  }

  private static DataValidation validationOf(XSSFSheet sheet, String column) {
    return sheet.getDataValidations().stream()
        .filter(v -> v.getRegions().getCellRangeAddresses()[0].formatAsString().startsWith(column + "5:"))
        .findFirst().orElseThrow(() -> new AssertionError("no validation on column " + column));
  }

  private static List<String> texts(Row row, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(c -> row.getCell(c).getStringCellValue()).toList();
  }

  /** Fills a row from column B on: a LocalDate becomes a date cell, null stays empty, a text a text. */
  private static void row(XSSFSheet sheet, int r, Object... values) {
    XSSFRow row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
    for (int i = 0; i < values.length; i++) {
      XSSFCell cell = row.getCell(i + 1) == null ? row.createCell(i + 1) : row.getCell(i + 1);
      if (values[i] instanceof LocalDate date) {
        cell.setCellValue(date);
      } else if (values[i] instanceof String text && !text.isEmpty()) {
        cell.setCellValue(text);
      }
    }
  }

  private static XSSFWorkbook open(byte[] bytes) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  private static byte[] fill(byte[] template, Consumer<XSSFWorkbook> filler) throws Exception {
    try (XSSFWorkbook wb = open(template)) {
      filler.accept(wb);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }
}
