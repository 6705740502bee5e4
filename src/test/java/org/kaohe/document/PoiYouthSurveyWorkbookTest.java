package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.document.YouthSurveyWorkbook.ImportResult;
import org.kaohe.document.YouthSurveyWorkbook.SurveyRow;
import org.kaohe.document.YouthSurveyWorkbook.UnitRef;

class PoiYouthSurveyWorkbookTest {

  private static final String TITLE = "2020年度盟市共青团工作青年评议结果";
  private final PoiYouthSurveyWorkbook survey = new PoiYouthSurveyWorkbook();
  private final List<UnitRef> units = Samples.units();

  // ---------------------------------------------------------------- template

  @Test
  void theTemplateListsEveryUnitGreyedWithHeaderInstructionsFrozenPanesAndValidation() throws Exception {
    try (XSSFWorkbook wb = PoiDocumentsTest.xlsx(survey.template(TITLE, units))) {
      XSSFSheet sheet = wb.getSheet("青年评议");
      assertThat(sheet).isNotNull();
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(TITLE);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).startsWith("填写说明：")
          .contains("抽样人数填写正整数", "0 到 100");
      assertThat(List.of(0, 1, 2, 3, 4).stream().map(c -> sheet.getRow(2).getCell(c).getStringCellValue()))
          .containsExactly("单位代码", "单位名称", "抽样人数", "知晓度(%)", "满意度(%)");
      assertThat(sheet.getLastRowNum()).isEqualTo(2 + units.size());
      for (int i = 0; i < units.size(); i++) {
        XSSFRow row = sheet.getRow(3 + i);
        assertThat(row.getCell(0).getStringCellValue()).isEqualTo(units.get(i).code());
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo(units.get(i).name());
        XSSFCellStyle given = row.getCell(0).getCellStyle();
        assertThat(given.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
        assertThat(given.getFillForegroundColor()).isEqualTo(IndexedColors.GREY_25_PERCENT.getIndex());
        assertThat(row.getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
        assertThat(row.getCell(2).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
        assertThat(row.getCell(2).getCellStyle().getLocked()).isFalse();
      }
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);

      List<XSSFDataValidation> validations = sheet.getDataValidations();
      assertThat(validations).hasSize(2);
      XSSFDataValidation sample = validations.stream()
          .filter(v -> v.getValidationConstraint().getValidationType() == DataValidationConstraint.ValidationType.INTEGER)
          .findFirst().orElseThrow();
      assertThat(sample.getValidationConstraint().getOperator())
          .isEqualTo(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL);
      assertThat(sample.getValidationConstraint().getFormula1()).isEqualTo("1");
      assertThat(sample.getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("C4:C7");
      assertThat(sample.getShowErrorBox()).isTrue();
      assertThat(sample.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);
      XSSFDataValidation percent = validations.stream()
          .filter(v -> v.getValidationConstraint().getValidationType() == DataValidationConstraint.ValidationType.DECIMAL)
          .findFirst().orElseThrow();
      assertThat(percent.getValidationConstraint().getOperator()).isEqualTo(DataValidationConstraint.OperatorType.BETWEEN);
      assertThat(percent.getValidationConstraint().getFormula1()).isEqualTo("0");
      assertThat(percent.getValidationConstraint().getFormula2()).isEqualTo("100");
      assertThat(percent.getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("D4:E7");
    }
  }

  // ---------------------------------------------------------------- round trip

  @Test
  void aFilledTemplateReadsBackTheSameData() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> {
      values(sheet, 3, 1200, 85.5, 90);
      values(sheet, 4, 800, 78.25, 81.5);
      values(sheet, 5, 640, 100, 0);
      values(sheet, 6, 1, 66.67, 70.1);
    });
    ImportResult result = survey.read(filled, units);
    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.rows()).containsExactly(
        new SurveyRow("hohhot", 1200, new BigDecimal("85.5"), new BigDecimal("90")),
        new SurveyRow("baotou", 800, new BigDecimal("78.25"), new BigDecimal("81.5")),
        new SurveyRow("hulunbuir", 640, new BigDecimal("100"), new BigDecimal("0")),
        new SurveyRow("xilingol", 1, new BigDecimal("66.67"), new BigDecimal("70.1")));
  }

  @Test
  void percentFormattedCellsTextsAndFormulasAreUnderstood() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> {
      XSSFWorkbook wb = sheet.getWorkbook();
      XSSFCellStyle percent = wb.createCellStyle();
      percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
      values(sheet, 3, 1200, 0.855, 0.9);
      sheet.getRow(3).getCell(3).setCellStyle(percent);
      sheet.getRow(3).getCell(4).setCellStyle(percent);
      sheet.getRow(4).getCell(2).setCellValue("800");
      sheet.getRow(4).getCell(3).setCellValue("85%");
      sheet.getRow(4).getCell(4).setCellValue(" 85 ");
      values(sheet, 5, 0, 0, 0);
      sheet.getRow(5).getCell(2).setCellFormula("600+40");
      sheet.getRow(5).getCell(3).setCellFormula("170/2");
      sheet.getRow(5).getCell(4).setCellFormula("\"92.5\"");
      values(sheet, 6, 10, 50, 50);
      // Rows moved about and a blank row in between do not matter; the units' order of the list does.
      sheet.createRow(20).createCell(0).setCellValue("");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
    });
    ImportResult result = survey.read(filled, units);
    assertThat(result.problems()).isEmpty();
    assertThat(result.rows()).containsExactly(
        new SurveyRow("hohhot", 1200, new BigDecimal("85.5"), new BigDecimal("90")),
        new SurveyRow("baotou", 800, new BigDecimal("85"), new BigDecimal("85")),
        new SurveyRow("hulunbuir", 640, new BigDecimal("85"), new BigDecimal("92.5")),
        new SurveyRow("xilingol", 10, new BigDecimal("50"), new BigDecimal("50")));
  }

  @Test
  void anotherSheetNameAndMovedHeaderAreFoundByTheHeaderTexts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      XSSFSheet sheet = wb.createSheet("Sheet1");
      XSSFRow header = sheet.createRow(4);
      String[] texts = {"满意度（%）", "单位代码", "知晓度 (%)", "抽样人数"};
      for (int c = 0; c < texts.length; c++) {
        header.createCell(c + 1).setCellValue(texts[c]);
      }
      int r = 5;
      for (UnitRef u : units) {
        XSSFRow row = sheet.createRow(r++);
        row.createCell(1).setCellValue(70);
        row.createCell(2).setCellValue(u.code());
        row.createCell(3).setCellValue(60);
        row.createCell(4).setCellValue(100);
      }
      wb.write(out);
    }
    ImportResult result = survey.read(out.toByteArray(), units);
    assertThat(result.problems()).isEmpty();
    assertThat(result.rows()).hasSize(4).allSatisfy(row -> {
      assertThat(row.sampleSize()).isEqualTo(100);
      assertThat(row.awareness()).isEqualByComparingTo("60");
      assertThat(row.satisfaction()).isEqualByComparingTo("70");
    });
  }

  // ---------------------------------------------------------------- problems per cell

  @Test
  void everyBadValueIsReportedWithItsRowAndColumnAndNoRowsAreReturned() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> {
      values(sheet, 3, 1200, 85.5, 90);
      values(sheet, 4, 0, 101, -1); // row 5
      sheet.getRow(5).getCell(2).setCellValue(12.5); // row 6
      sheet.getRow(5).getCell(3).setCellValue("很高");
      sheet.getRow(5).getCell(4).setCellValue("0.9.1");
      sheet.getRow(6).getCell(2).setCellValue("一百");  // row 7
      sheet.getRow(6).getCell(3).setCellValue(true);
      sheet.getRow(6).getCell(4).setCellFormula("1/0");
      sheet.getWorkbook().getCreationHelper().createFormulaEvaluator().evaluateAll();
    });
    ImportResult result = survey.read(filled, units);
    assertThat(result.rows()).isEmpty();
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).containsExactly(
        new CellProblem("青年评议", 5, "C", "抽样人数“0”不是正整数"),
        new CellProblem("青年评议", 5, "D", "知晓度(%)“101”不是 0 到 100 之间的数字"),
        new CellProblem("青年评议", 5, "E", "满意度(%)“-1”不是 0 到 100 之间的数字"),
        new CellProblem("青年评议", 6, "C", "抽样人数“12.5”不是正整数"),
        new CellProblem("青年评议", 6, "D", "知晓度(%)“很高”不是 0 到 100 之间的数字"),
        new CellProblem("青年评议", 6, "E", "满意度(%)“0.9.1”不是 0 到 100 之间的数字"),
        new CellProblem("青年评议", 7, "C", "抽样人数“一百”不是正整数"),
        new CellProblem("青年评议", 7, "D", "知晓度(%)“TRUE”不是 0 到 100 之间的数字"),
        new CellProblem("青年评议", 7, "E", "满意度(%)“#DIV/0!”不是 0 到 100 之间的数字"));
    assertThat(result.problems().get(0).text()).isEqualTo("工作表“青年评议”第 5 行 C 列：抽样人数“0”不是正整数");
  }

  @Test
  void emptyValuesOfAUnitAreProblemsToo() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> {
      values(sheet, 3, 1200, 85.5, 90);
      values(sheet, 4, 800, 78.25, 81.5);
      values(sheet, 5, 640, 100, 0);
      sheet.getRow(6).getCell(2).setCellValue(10); // xilingol: only the sample size
    });
    assertThat(survey.read(filled, units).problems()).containsExactly(
        new CellProblem("青年评议", 7, "D", "知晓度(%)未填写"),
        new CellProblem("青年评议", 7, "E", "满意度(%)未填写"));
  }

  @Test
  void unknownDuplicateAndMissingUnitsAreReported() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> {
      values(sheet, 3, 1200, 85.5, 90);
      values(sheet, 4, 800, 78.25, 81.5);
      sheet.getRow(4).getCell(0).setCellValue("hohhot"); // row 5 repeats row 4's unit
      values(sheet, 5, 640, 100, 0);
      sheet.getRow(5).getCell(0).setCellValue("ordos"); // row 6: not assessed
      values(sheet, 6, 10, 50, 50);
    });
    ImportResult result = survey.read(filled, units);
    assertThat(result.rows()).isEmpty();
    assertThat(result.problems()).containsExactly(
        new CellProblem("青年评议", 5, "A", "单位“共青团呼和浩特市委员会”（hohhot）重复，第 4 行已有该单位的数据"),
        new CellProblem("青年评议", 6, "A", "单位代码“ordos”不是本次考核的单位"),
        new CellProblem("青年评议", 0, "-", "缺少单位“共青团包头市委员会”（baotou）的数据"),
        new CellProblem("青年评议", 0, "-", "缺少单位“共青团呼伦贝尔市委员会”（hulunbuir）的数据"));
    assertThat(result.problems().get(2).text()).isEqualTo("工作表“青年评议”：缺少单位“共青团包头市委员会”（baotou）的数据");
  }

  @Test
  void aSheetWithoutTheHeaderIsOneProblem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.createSheet("青年评议").createRow(0).createCell(0).setCellValue("单位代码");
      wb.write(out);
    }
    ImportResult result = survey.read(out.toByteArray(), units);
    assertThat(result.rows()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.sheet()).isEqualTo("青年评议");
      assertThat(p.message()).startsWith("找不到表头行");
    });
  }

  // ---------------------------------------------------------------- files that are not a plain .xlsx

  @Test
  void anXlsFileIsRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      wb.createSheet("青年评议").createRow(0).createCell(0).setCellValue("单位代码");
      wb.write(out);
    }
    assertFileRefused(survey.read(out.toByteArray(), units), PoiYouthSurveyWorkbook.NOT_XLSX);
  }

  @Test
  void aRenamedCsvIsRefused() {
    byte[] csv = "单位代码,单位名称,抽样人数,知晓度(%),满意度(%)\nhohhot,共青团呼和浩特市委员会,1200,85.5,90\n"
        .getBytes(StandardCharsets.UTF_8);
    assertFileRefused(survey.read(csv, units), PoiYouthSurveyWorkbook.NOT_XLSX);
  }

  @Test
  void corruptBytesAreRefused() {
    byte[] template = survey.template(TITLE, units);
    byte[] truncated = java.util.Arrays.copyOf(template, template.length / 2);
    assertFileRefused(survey.read(truncated, units), PoiYouthSurveyWorkbook.NOT_XLSX);
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    noise[0] = 'P';
    noise[1] = 'K';
    noise[2] = 3;
    noise[3] = 4;
    assertFileRefused(survey.read(noise, units), PoiYouthSurveyWorkbook.NOT_XLSX);
    assertFileRefused(survey.read(new byte[0], units), PoiYouthSurveyWorkbook.NOT_XLSX);
    assertFileRefused(survey.read(null, units), PoiYouthSurveyWorkbook.NOT_XLSX);
  }

  @Test
  void aPasswordProtectedWorkbookIsRefusedAsEncrypted() throws Exception {
    byte[] filled = fill(survey.template(TITLE, units), sheet -> values(sheet, 3, 1200, 85.5, 90));
    POIFSFileSystem fs = new POIFSFileSystem();
    EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
    Encryptor encryptor = info.getEncryptor();
    encryptor.confirmPassword("kaohe");
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(filled));
        OutputStream os = encryptor.getDataStream(fs)) {
      pkg.save(os);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fs.writeFilesystem(out);
    fs.close();
    ImportResult result = survey.read(out.toByteArray(), units);
    assertFileRefused(result, PoiYouthSurveyWorkbook.ENCRYPTED);
    assertThat(result.problems().get(0).text()).contains("文件已加密").contains("请去掉密码后再上传");
  }

  @Test
  void aFileOverFiveMegabytesIsRefusedBeforeParsing() {
    byte[] big = new byte[5 * 1024 * 1024 + 1]; // not even a zip: refused for its size alone
    ImportResult result = survey.read(big, units);
    assertFileRefused(result, PoiYouthSurveyWorkbook.TOO_LARGE);
    assertThat(result.problems().get(0).text()).isEqualTo(PoiYouthSurveyWorkbook.TOO_LARGE);
  }

  @Test
  void aZipBombIsRefusedQuicklyWithoutRunningOutOfMemory() throws Exception {
    // 512 MiB of one repeated row compresses to about half a megabyte.
    byte[] bomb = replaceSheet(survey.template(TITLE, units), out -> {
      byte[] row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".getBytes(StandardCharsets.UTF_8);
      byte[] block = new byte[row.length * 20_000];
      for (int i = 0; i < 20_000; i++) {
        System.arraycopy(row, 0, block, i * row.length, row.length);
      }
      out.write(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
          .getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written < (1L << 29); written += block.length) {
        out.write(block);
      }
      out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
    });
    assertThat(bomb.length).isLessThan(5 * 1024 * 1024);
    ImportResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> survey.read(bomb, units));
    assertFileRefused(result, PoiYouthSurveyWorkbook.BOMB);
  }

  @Test
  void aPartTooLargeToParseIsRefusedEvenBelowTheInflateRatio() throws Exception {
    // About 20 MB of varied rows: compressible, but not enough to look like a bomb to the ratio check.
    Random random = new Random(1);
    byte[] big = replaceSheet(survey.template(TITLE, units), out -> {
      out.write(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
          .getBytes(StandardCharsets.UTF_8));
      StringBuilder rows = new StringBuilder();
      for (int r = 1; r <= 400_000; r++) {
        rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>")
            .append(random.nextInt(1_000_000)).append("</v></c></row>");
        if (rows.length() > 1 << 16) {
          out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
          rows.setLength(0);
        }
      }
      out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
      out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
    });
    assertThat(big.length).isLessThan(5 * 1024 * 1024);
    ImportResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> survey.read(big, units));
    assertFileRefused(result, PoiYouthSurveyWorkbook.BOMB);
  }

  // ---------------------------------------------------------------- helpers

  private static void assertFileRefused(ImportResult result, String message) {
    assertThat(result.rows()).isEmpty();
    assertThat(result.problems()).containsExactly(new CellProblem("-", 0, "-", message));
    assertThat(result.problems().get(0).text()).isEqualTo(message);
  }

  private static byte[] fill(byte[] template, Consumer<XSSFSheet> filler) throws Exception {
    try (XSSFWorkbook wb = PoiDocumentsTest.xlsx(template)) {
      filler.accept(wb.getSheet("青年评议"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  private static void values(XSSFSheet sheet, int row, int sample, double awareness, double satisfaction) {
    sheet.getRow(row).getCell(2).setCellValue(sample);
    sheet.getRow(row).getCell(3).setCellValue(awareness);
    sheet.getRow(row).getCell(4).setCellValue(satisfaction);
  }

  private interface Writer {
    void write(OutputStream out) throws Exception;
  }

  /** The template's package with its sheet's XML replaced, compressed as hard as deflate can. */
  private static byte[] replaceSheet(byte[] xlsx, Writer sheet) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          sheet.write(out);
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
