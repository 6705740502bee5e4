package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.kaohe.document.ProgressMonthReport.Row;

class ProgressMonthReportTest {

  static final List<Row> ROWS = List.of(
      new Row(1, "深入推进青年大学习", "宣传部", "一是开展第十二期学习；\n二是覆盖团员青年120万人次。", "持续推进下一期。"),
      new Row(2, "推进基层组织建设", "基层组织建设部", "未报送", "未报送"));

  @Test
  void theDocxHasTheHeadingAndSeed003sTableWithLineBreaksKept() throws Exception {
    byte[] docx = ProgressMonthReport.docx("广东团省委重点工作推进情况（2026年5月）", 5, ROWS);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      String text = doc.getParagraphs().stream().map(p -> p.getText()).reduce("", (a, b) -> a + b + "\n");
      assertThat(text).contains("广东团省委重点工作推进情况（2026年5月）", "二、重点工作推进情况（5月份）");
      XWPFTable table = doc.getTables().get(0);
      assertThat(table.getRow(0).getTableCells()).extracting(c -> c.getText())
          .containsExactly("序号", "重点工作", "本月份推进情况", "下一步推进计划");
      assertThat(table.getRows()).hasSize(3);
      assertThat(table.getRow(1).getCell(0).getText()).isEqualTo("1");
      assertThat(table.getRow(1).getCell(1).getText()).contains("深入推进青年大学习", "宣传部");
      // The break between the two sentences survives as a line break in the cell.
      assertThat(table.getRow(1).getCell(2).getText()).isEqualTo("一是开展第十二期学习；\n二是覆盖团员青年120万人次。");
      assertThat(table.getRow(2).getCell(2).getText()).isEqualTo("未报送");
      var size = doc.getDocument().getBody().getSectPr().getPgSz();
      assertThat(size.getW().toString()).isEqualTo(String.valueOf(PoiDocuments.PAGE_WIDTH));
    }
  }

  @Test
  void theXlsxHasTheSameColumnsWrappedFrozenAndA4Landscape() throws Exception {
    byte[] xlsx = ProgressMonthReport.xlsx("广东团省委重点工作推进情况（2026年5月）", ROWS);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      XSSFSheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("广东团省委重点工作推进情况（2026年5月）");
      for (int c = 0; c < 4; c++) {
        assertThat(sheet.getRow(1).getCell(c).getStringCellValue()).isEqualTo(ProgressMonthReport.HEADERS[c]);
      }
      assertThat(sheet.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(1);
      assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).contains("\n二是");
      assertThat(sheet.getRow(2).getCell(2).getCellStyle().getWrapText()).isTrue();
      assertThat(sheet.getRow(3).getCell(3).getStringCellValue()).isEqualTo("未报送");
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
      assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
      assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
    }
  }
}
