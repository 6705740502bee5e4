package org.kaohe.document;

import static org.kaohe.document.PoiDocuments.BODY_FONT;
import static org.kaohe.document.PoiDocuments.HEADING_FONT;
import static org.kaohe.document.PoiDocuments.TEXT_WIDTH;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The month's compiled key-work progress report in seed 003's layout: under the title, the heading 二、重点工作推进情况
 * （N月份） and a table 序号 | 重点工作 | 本月份推进情况 | 下一步推进计划. The .docx is an A4 letter as {@link PoiDocuments}
 * makes them; the .xlsx has the same columns for the office to edit or print (A4 landscape).
 */
public final class ProgressMonthReport {

  public static final String[] HEADERS = {"序号", "重点工作", "本月份推进情况", "下一步推进计划"};

  /** One line: its number, the key work (with the responsible department under it) and the two columns. */
  public record Row(int number, String work, String department, String progress, String nextPlan) {}

  /** Column widths of the workbook in characters of the default font (a Chinese character takes two). */
  private static final int[] WIDTHS = {6, 24, 60, 45};

  private ProgressMonthReport() {}

  /** Lines a text takes in a column {@code width} half-width characters wide. */
  static int lineCount(String text, int width) {
    int lines = 0;
    for (String line : (text == null ? "" : text).split("\n", -1)) {
      lines += Math.max(1, (PoiDocuments.halfWidths(line) + width - 1) / width);
    }
    return lines;
  }

  public static byte[] docx(String title, int month, List<Row> rows) {
    try (XWPFDocument doc = PoiDocuments.newLetter()) {
      // Broken before the bracketed month when the title needs two lines (GB/T 9704: 回行时词意完整).
      int bracket = title.indexOf('（');
      PoiDocuments.title(doc, bracket > 0 ? List.of(title.substring(0, bracket), title.substring(bracket)) : List.of(title));
      PoiDocuments.run(PoiDocuments.paragraph(doc, ParagraphAlignment.LEFT), "二、重点工作推进情况（" + month + "月份）",
          HEADING_FONT, PoiDocuments.BODY_SIZE, false);
      int number = 800;
      int work = 2600;
      int rest = (TEXT_WIDTH - number - work) / 2;
      XWPFTable table = PoiDocuments.table(doc, new int[] {number, work, rest, TEXT_WIDTH - number - work - rest},
          rows.size() + 1);
      PoiDocuments.header(table.getRow(0), HEADERS);
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        XWPFTableRow row = table.getRow(i + 1);
        PoiDocuments.cell(row.getCell(0), String.valueOf(r.number()), false, ParagraphAlignment.CENTER);
        PoiDocuments.cell(row.getCell(1), workText(r), false, ParagraphAlignment.LEFT);
        // Left, not justified: a justified line before a kept line break would be stretched across the cell.
        PoiDocuments.cell(row.getCell(2), r.progress(), false, ParagraphAlignment.LEFT);
        PoiDocuments.cell(row.getCell(3), r.nextPlan(), false, ParagraphAlignment.LEFT);
      }
      return PoiDocuments.bytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] xlsx(String title, List<Row> rows) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("重点工作推进情况");
      XSSFCellStyle titleStyle = style(book, true, 16, HorizontalAlignment.CENTER, false);
      XSSFCellStyle headerStyle = style(book, true, 12, HorizontalAlignment.CENTER, true);
      XSSFCellStyle centred = style(book, false, 11, HorizontalAlignment.CENTER, true);
      XSSFCellStyle text = style(book, false, 11, HorizontalAlignment.LEFT, true);
      XSSFRow titleRow = sheet.createRow(0);
      titleRow.createCell(0).setCellValue(title);
      titleRow.getCell(0).setCellStyle(titleStyle);
      titleRow.setHeightInPoints(30);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.length - 1));
      XSSFRow header = sheet.createRow(1);
      for (int c = 0; c < HEADERS.length; c++) {
        header.createCell(c).setCellValue(HEADERS[c]);
        header.getCell(c).setCellStyle(headerStyle);
      }
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        XSSFRow row = sheet.createRow(i + 2);
        row.createCell(0).setCellValue(r.number());
        row.getCell(0).setCellStyle(centred);
        String[] texts = {workText(r), r.progress(), r.nextPlan()};
        int lines = 1;
        for (int c = 0; c < texts.length; c++) {
          row.createCell(c + 1).setCellValue(texts[c]);
          row.getCell(c + 1).setCellStyle(text);
          lines = Math.max(lines, lineCount(texts[c], WIDTHS[c + 1]));
        }
        // Neither Excel nor LibreOffice grows a row to wrapped text written by POI: set the height from the text.
        row.setHeightInPoints(lines * 15f + 4);
      }
      for (int c = 0; c < WIDTHS.length; c++) {
        sheet.setColumnWidth(c, WIDTHS[c] * 256);
      }
      sheet.createFreezePane(0, 2);
      sheet.setRepeatingRows(new CellRangeAddress(1, 1, 0, HEADERS.length - 1));
      PrintSetup print = sheet.getPrintSetup();
      print.setPaperSize(PrintSetup.A4_PAPERSIZE);
      print.setLandscape(true);
      sheet.setFitToPage(true);
      print.setFitWidth((short) 1);
      print.setFitHeight((short) 0);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seed 003 names the work; the department responsible stands under it so the office sees who reported. */
  private static String workText(Row r) {
    return r.department() == null || r.department().isBlank() ? r.work() : r.work() + "\n（" + r.department() + "）";
  }

  private static XSSFCellStyle style(XSSFWorkbook book, boolean bold, int points, HorizontalAlignment alignment,
      boolean bordered) {
    XSSFCellStyle style = book.createCellStyle();
    XSSFFont font = book.createFont();
    font.setFontName(bold ? HEADING_FONT : BODY_FONT);
    font.setFontHeightInPoints((short) points);
    font.setBold(bold);
    style.setFont(font);
    style.setAlignment(alignment);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    style.setWrapText(true);
    if (bordered) {
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
    }
    return style;
  }

}
