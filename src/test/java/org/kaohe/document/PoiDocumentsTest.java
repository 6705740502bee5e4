package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

class PoiDocumentsTest {

  private final PoiDocuments documents = new PoiDocuments();

  // ---------------------------------------------------------------- the request

  @Test
  void theRequestIsAnA4LetterWithTheMarginsOfGbT9704() throws Exception {
    try (XWPFDocument doc = docx(documents.partyEvaluationRequest(Samples.request()))) {
      CTSectPr section = doc.getDocument().getBody().getSectPr();
      CTPageSz size = section.getPgSz();
      assertThat(twips(size.getW())).isEqualTo(11906);
      assertThat(twips(size.getH())).isEqualTo(16838);
      CTPageMar margins = section.getPgMar();
      assertThat(twips(margins.getTop())).isEqualTo(2098); // 37 mm
      assertThat(twips(margins.getBottom())).isEqualTo(1984); // 35 mm
      assertThat(twips(margins.getLeft())).isEqualTo(1587); // 28 mm
      assertThat(twips(margins.getRight())).isEqualTo(1474); // 26 mm
      // 22 lines of 28.95 pt fill the 225 mm text block.
      double textHeight = (16838 - 2098 - 1984) / 20.0;
      assertThat((int) (textHeight / 28.95)).isEqualTo(22);
    }
  }

  @Test
  void theRequestAsksThePartyCommitteeForAnEvaluationByTheDueDate() throws Exception {
    try (XWPFDocument doc = docx(documents.partyEvaluationRequest(Samples.request()))) {
      List<XWPFParagraph> paragraphs = doc.getParagraphs();
      XWPFParagraph title = paragraphs.get(0);
      assertThat(title.getText()).isEqualTo("关于商请对共青团呼和浩特市委员会\n2020年度工作进行综合评价的函");
      assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
      for (XWPFRun run : title.getRuns()) {
        assertFont(run, "方正小标宋简体", 22);
      }
      XWPFParagraph salutation = paragraph(doc, "中共呼和浩特市委：");
      assertThat(salutation.getIndentationFirstLine()).isLessThanOrEqualTo(0);
      String text = text(doc);
      assertThat(text).contains("现商请贵委分管共青团工作的领导同志对其2020年度工作进行综合评价",
          "评价等次（好、较好、一般、差）或评价分数（百分制）", "并提出评价意见",
          "于2020年12月25日前反馈至共青团内蒙古自治区委员会组织部",
          "联系人：王  芳、李  明", "联系电话：0471-6666666、0471-6666667", "电子邮箱：zzb@nmgqn.org.cn",
          "附件：2020年度共青团呼和浩特市委员会工作党委评价表");

      XWPFParagraph body = paragraph(doc, "根据《关于印发《2020年度盟市共青团工作考核方案》的通知》要求");
      assertThat(body.getIndentationFirstLine()).isEqualTo(640); // two characters of 16 pt
      assertThat(body.getCTP().getPPr().getInd().getFirstLineChars()).isEqualTo(BigInteger.valueOf(200));
      assertThat(body.getSpacingLineRule()).isEqualTo(LineSpacingRule.EXACT);
      assertThat(body.getCTP().getPPr().getSpacing().getLine()).isEqualTo(BigInteger.valueOf(579)); // 28.95 pt
      assertFont(body.getRuns().get(0), "仿宋_GB2312", 16);
      XWPFParagraph heading = paragraph(doc, "一、评价内容。");
      assertFont(heading.getRuns().get(0), "黑体", 16);
      assertFont(heading.getRuns().get(1), "仿宋_GB2312", 16);

      XWPFParagraph issuer = paragraph(doc, "共青团内蒙古自治区委员会");
      XWPFParagraph date = paragraph(doc, "2020年12月1日");
      assertThat(issuer.getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
      assertThat(date.getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
      assertThat(date.getIndentationRight()).isEqualTo(4 * 320); // 右空四字
      assertThat(paragraphs.indexOf(date)).isEqualTo(paragraphs.indexOf(issuer) + 1);
    }
  }

  @Test
  void theRequestCarriesTheReplyFormAsAnAttachment() throws Exception {
    try (XWPFDocument doc = docx(documents.partyEvaluationRequest(Samples.request()))) {
      assertThat(doc.getTables()).hasSize(1);
      XWPFTable form = doc.getTables().get(0);
      assertThat(form.getRows()).extracting(r -> r.getCell(0).getText())
          .containsExactly("单位", "评价等次", "评价分数", "评价意见", "分管领导签字", "党委（盖章）", "日期");
      assertThat(form.getRow(0).getCell(1).getText()).isEqualTo("共青团呼和浩特市委员会");
      assertThat(form.getRow(1).getCell(1).getText()).contains("□好", "□较好", "□一般", "□差");
      assertTableLayout(form);
      // The attachment starts on a new page with "附件" and its own title.
      assertThat(text(doc)).contains("附件\n2020年度共青团呼和浩特市委员会\n工作党委评价表");
      assertThat(doc.getParagraphs().stream().flatMap(p -> p.getRuns().stream())
          .anyMatch(r -> r.getCTR().getBrList().stream().anyMatch(b -> b.getType() != null
              && "page".equals(b.getType().toString())))).isTrue();
    }
  }

  @Test
  void lettersNumberTheirPagesAndNameTheFallbackFonts() throws Exception {
    for (byte[] bytes : List.of(documents.partyEvaluationRequest(Samples.request()),
        documents.feedbackLetter(Samples.letter()))) {
      try (XWPFDocument doc = docx(bytes)) {
        assertThat(doc.getFooterList()).hasSize(1);
        String footer = doc.getFooterList().get(0).getParagraphs().get(0).getCTP().xmlText();
        assertThat(footer).contains("PAGE", "— ", " —", "宋体");
        PackagePart fonts = doc.getPackagePart().getRelatedPart(
            doc.getPackagePart().getRelationshipsByType(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").getRelationship(0));
        String table = new String(fonts.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(table).contains("w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>",
            "w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>", "<w:charset w:val=\"86\"/>");
        assertThat(doc.getStyle().getDocDefaults().getRPrDefault().getRPr().getRFontsArray(0).getEastAsia())
            .isEqualTo("仿宋_GB2312");
      }
    }
  }

  // ---------------------------------------------------------------- the feedback letter

  @Test
  void theFeedbackLetterGivesTotalGradeAndRank() throws Exception {
    try (XWPFDocument doc = docx(documents.feedbackLetter(Samples.letter()))) {
      assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("关于反馈2020年度\n共青团呼和浩特市委员会工作考核结果的函");
      assertThat(doc.getParagraphs().get(2).getText()).isEqualTo("中共呼和浩特市委：");
      assertThat(text(doc)).contains("经指标评价、党委评价、青年评议、述职评议、创新和表彰项目加分、结果汇总等程序，"
              + "并经共青团内蒙古自治区委员会书记会研究",
          "共青团呼和浩特市委员会2020年度工作考核总分为91.83分，考核等次为“好”，在12个被考核单位中位列第2。",
          "特此函告。");
      XWPFParagraph date = paragraph(doc, "2021年1月15日");
      assertThat(date.getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
      assertThat(doc.getParagraphs().get(doc.getParagraphs().indexOf(date) - 1).getText())
          .isEqualTo("共青团内蒙古自治区委员会");
    }
  }

  @Test
  void theFeedbackLetterTabulatesComponentsBonusDeductionAndTotal() throws Exception {
    try (XWPFDocument doc = docx(documents.feedbackLetter(Samples.letter()))) {
      XWPFTable components = doc.getTables().get(0);
      assertThat(rows(components)).containsExactly(
          List.of("考核项目", "占比", "得分", "说明"),
          List.of("指标评价", "60%", "88.50", ""),
          List.of("党委评价", "10%", "95.00", "按评价等次“好”折算"),
          List.of("青年评议", "10%", "86.25", ""),
          List.of("述职评议", "20%", "90.00", ""),
          List.of("创新和表彰项目加分", "—", "+2.00", ""),
          List.of("逾期扣分", "—", "-1.00", ""),
          List.of("总分", "", "91.83", "考核等次：好"));
      assertThat(components.getRow(0).isRepeatHeader()).isTrue();
      assertTableLayout(components);
    }
  }

  @Test
  void theFeedbackLetterGivesEachLeadDepartmentsGradeScoreAndComment() throws Exception {
    try (XWPFDocument doc = docx(documents.feedbackLetter(Samples.letter()))) {
      XWPFTable areas = doc.getTables().get(1);
      assertThat(areas.getRows()).hasSize(1 + 2 * 4);
      assertThat(rows(areas).get(0)).containsExactly("考核项目", "牵头部门", "等次", "分数");
      assertThat(rows(areas).get(3)).containsExactly("聚焦树立大抓基层的鲜明导向，努力提升共青团组织力", "组织部", "较好", "85.50");
      XWPFTableRow comment = areas.getRow(4);
      assertThat(comment.getTableCells()).hasSize(1);
      assertThat(comment.getCell(0).getCTTc().getTcPr().getGridSpan().getVal()).isEqualTo(BigInteger.valueOf(4));
      assertThat(comment.getCell(0).getText())
          .isEqualTo("评语：社会领域团组织覆盖稳步扩大，“智慧团建”系统各项指标达标；团干部培训参训率有待提高。");
      assertTableLayout(areas);
    }
  }

  @Test
  void aLongTitleBreaksBetweenItsPartsIntoEvenLines() throws Exception {
    try (XWPFDocument doc = new XWPFDocument()) {
      // 20 characters of 2号 fit the 156 mm line; the digits count half.
      PoiDocuments.title(doc, List.of("关于反馈", "2026年度", "广州团委", "工作考核结果的函"));
      assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("关于反馈2026年度广州团委工作考核结果的函");
      PoiDocuments.title(doc, List.of("关于反馈", "2026年度", "共青团广州市委员会", "工作考核结果的函"));
      assertThat(doc.getParagraphs().get(1).getText()).isEqualTo("关于反馈2026年度\n共青团广州市委员会工作考核结果的函");
    }
    assertThat(PoiDocuments.date(java.time.LocalDate.of(2026, 12, 1))).isEqualTo("2026年12月1日");
  }

  // ---------------------------------------------------------------- the results workbook

  @Test
  void theResultsSheetHasOneNumericRowPerUnit() throws Exception {
    try (XSSFWorkbook wb = xlsx(documents.resultsWorkbook(Samples.results()))) {
      XSSFSheet sheet = wb.getSheet("考核结果");
      assertThat(wb.getSheetIndex(sheet)).isZero();
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2020年度盟市共青团工作考核结果");
      assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 12));
      List<String> header = java.util.stream.IntStream.range(0, 13)
          .mapToObj(c -> sheet.getRow(1).getCell(c).getStringCellValue()).toList();
      assertThat(header).containsExactly("序号", "单位", "类别", "指标评价", "党委评价", "青年评议", "述职评议", "加分",
          "逾期扣分", "总分", "等次", "排名", "备注");
      assertThat(sheet.getLastRowNum()).isEqualTo(1 + 5);
      XSSFRow hulunbuir = sheet.getRow(4);
      assertThat(hulunbuir.getCell(0).getNumericCellValue()).isEqualTo(3);
      assertThat(hulunbuir.getCell(1).getStringCellValue()).isEqualTo("共青团呼伦贝尔市委员会");
      assertThat(hulunbuir.getCell(2).getStringCellValue()).isEqualTo("盟市团委");
      for (int c = 3; c <= 9; c++) {
        assertThat(hulunbuir.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(hulunbuir.getCell(c).getCellStyle().getDataFormatString()).isEqualTo("0.00");
      }
      assertThat(hulunbuir.getCell(3).getNumericCellValue()).isEqualTo(83.0);
      assertThat(hulunbuir.getCell(8).getNumericCellValue()).isEqualTo(1.0);
      assertThat(hulunbuir.getCell(9).getNumericCellValue()).isEqualTo(84.0);
      assertThat(hulunbuir.getCell(10).getStringCellValue()).isEqualTo("较好");
      assertThat(hulunbuir.getCell(11).getNumericCellValue()).isEqualTo(3);
      assertThat(hulunbuir.getCell(12).getStringCellValue()).isEqualTo("逾期提交，扣 1 分");
      assertThat(hulunbuir.getCell(12).getCellStyle().getWrapText()).isTrue();
      assertThat(sheet.getRow(6).getHeightInPoints()).isGreaterThan(30); // the long note wraps
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
      assertThat(sheet.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 2);
      // Wide enough for the longest unit name in Chinese (two width units a character).
      assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(22 * 256);
      assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
    }
  }

  @Test
  void theDistributionSheetCountsEveryGradeInOrderAndChartsIt() throws Exception {
    try (XSSFWorkbook wb = xlsx(documents.resultsWorkbook(Samples.results()))) {
      XSSFSheet sheet = wb.getSheet("等次分布");
      assertThat(sheet).isNotNull();
      assertThat(java.util.stream.IntStream.rangeClosed(1, 5)
          .mapToObj(r -> sheet.getRow(r).getCell(0).getStringCellValue() + "="
              + (int) sheet.getRow(r).getCell(1).getNumericCellValue())
          .toList()).containsExactly("好=2", "较好=2", "一般=1", "差=0", "合计=5");
      List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(1);
      XSSFChart chart = charts.get(0);
      assertThat(chart.getTitleText().getString()).isEqualTo("考核等次分布");
      List<XDDFChartData> data = chart.getChartSeries();
      assertThat(data).hasSize(1).first().isInstanceOf(XDDFBarChartData.class);
      XDDFChartData.Series series = data.get(0).getSeries(0);
      assertThat(series.getCategoryData().getPointCount()).isEqualTo(4);
      assertThat(series.getCategoryData().getDataRangeReference()).isEqualTo("等次分布!$A$2:$A$5");
      assertThat(series.getValuesData().getDataRangeReference()).isEqualTo("等次分布!$B$2:$B$5");
    }
  }

  // ---------------------------------------------------------------- helpers

  static Documents.PublishedNotice notice() {
    return new Documents.PublishedNotice("粤团办发〔2017〕58号", "关于开展2017年度广东共青团工作总结和考核的通知",
        "各地级以上市团委，团省委机关各部室、各直属单位：\n为全面总结2017年广东共青团工作推进情况，现就有关事项通知如下：\n"
            + "一、工作总结\n1. 总结2017年工作情况。\n二、工作考核\n请对照考核目录逐项总结。\n三、报送材料要求\n"
            + "务必于12月31日前报送。",
        List.of("2017年度广东共青团工作考核目录", "2017年广东共青团重点工作开展情况表", "2017年党政对共青团评价表"),
        List.of(new Documents.Contact("刘敏", "020-87185611", "tsw5611@126.com")), "共青团广东省委员会办公室",
        java.time.LocalDate.of(2017, 12, 19));
  }

  @Test
  void thePublishedNoticeIsAnOfficialDocument() throws Exception {
    try (XWPFDocument doc = docx(documents.publishedNotice(notice()))) {
      CTSectPr section = doc.getDocument().getBody().getSectPr();
      assertThat(twips(section.getPgMar().getTop())).isEqualTo(2098);
      assertThat(twips(section.getPgMar().getLeft())).isEqualTo(1587);
      List<XWPFParagraph> paragraphs = doc.getParagraphs();
      assertThat(paragraphs.get(0).getText()).isEqualTo("粤团办发〔2017〕58号");
      assertThat(paragraphs.get(0).getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
      XWPFParagraph title = paragraphs.get(2);
      assertThat(title.getText().replace("\n", "")).isEqualTo("关于开展2017年度广东共青团工作总结和考核的通知");
      assertFont(title.getRuns().get(0), PoiDocuments.TITLE_FONT, PoiDocuments.TITLE_SIZE);
      assertThat(paragraph(doc, "各地级以上市团委").getAlignment()).isEqualTo(ParagraphAlignment.LEFT);
      assertFont(paragraph(doc, "二、工作考核").getRuns().get(0), PoiDocuments.HEADING_FONT, PoiDocuments.BODY_SIZE);
      assertFont(paragraph(doc, "请对照考核目录").getRuns().get(0), PoiDocuments.BODY_FONT, PoiDocuments.BODY_SIZE);
      assertThat(text(doc)).contains("附件：1.2017年度广东共青团工作考核目录", "2.2017年广东共青团重点工作开展情况表",
          "3.2017年党政对共青团评价表", "联系人：刘敏", "电子邮箱：tsw5611@126.com");
      assertThat(paragraph(doc, "共青团广东省委员会办公室").getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
      assertThat(paragraph(doc, "2017年12月19日").getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
    }
  }

  @Test
  void aNoticeWithoutDocumentNumberOpensWithItsTitle() throws Exception {
    var plain = notice();
    plain = new Documents.PublishedNotice(null, plain.title(), plain.body(), List.of(), List.of(), plain.issuer(),
        plain.issuedOn());
    try (XWPFDocument doc = docx(documents.publishedNotice(plain))) {
      assertThat(doc.getParagraphs().get(0).getText().replace("\n", ""))
          .isEqualTo("关于开展2017年度广东共青团工作总结和考核的通知");
      assertThat(text(doc)).doesNotContain("附件：").doesNotContain("联系人");
    }
  }

  static XWPFDocument docx(byte[] bytes) throws Exception {
    return new XWPFDocument(new ByteArrayInputStream(bytes));
  }

  static XSSFWorkbook xlsx(byte[] bytes) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  private static long twips(Object value) {
    return ((BigInteger) value).longValue();
  }

  private static String text(XWPFDocument doc) {
    return doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
  }

  private static XWPFParagraph paragraph(XWPFDocument doc, String start) {
    return doc.getParagraphs().stream().filter(p -> p.getText().startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no paragraph starts with " + start));
  }

  private static void assertFont(XWPFRun run, String font, int points) {
    assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo(font);
    assertThat(run.getFontFamily(XWPFRun.FontCharRange.ascii)).isEqualTo(font);
    assertThat(run.getFontFamily(XWPFRun.FontCharRange.hAnsi)).isEqualTo(font);
    assertThat(run.getFontSizeAsDouble()).isEqualTo(points);
  }

  private static List<List<String>> rows(XWPFTable table) {
    return table.getRows().stream().map(r -> r.getTableCells().stream().map(c -> c.getText()).toList()).toList();
  }

  /** Bordered, the text width wide (156 mm), 仿宋 14 pt or 黑体 14 pt in its header. */
  private static void assertTableLayout(XWPFTable table) {
    assertThat(table.getWidth()).isEqualTo(11906 - 1587 - 1474);
    assertThat(table.getTopBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
    assertThat(table.getInsideHBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
    assertThat(table.getInsideVBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
    long gridWidth = table.getCTTbl().getTblGrid().getGridColList().stream()
        .mapToLong(g -> ((BigInteger) g.getW()).longValue()).sum();
    assertThat(gridWidth).isEqualTo(11906 - 1587 - 1474);
    for (XWPFTableRow row : table.getRows()) {
      for (var cell : row.getTableCells()) {
        for (XWPFRun run : cell.getParagraphs().get(0).getRuns()) {
          assertThat(run.getFontSizeAsDouble()).isEqualTo(14);
          assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isIn("仿宋_GB2312", "黑体");
        }
      }
    }
  }
}
