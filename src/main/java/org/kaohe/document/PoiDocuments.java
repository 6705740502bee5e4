package org.kaohe.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.model.XWPFHeaderFooterPolicy;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRelation;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTInd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLanguage;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.springframework.stereotype.Component;

/**
 * {@link Documents} with Apache POI. The letters follow GB/T 9704-2012 as far as a generated letter without the
 * organisation's letterhead can: A4, margins 37/35/28/26 mm, title 2号 方正小标宋简体, body 3号 仿宋_GB2312 at a fixed
 * 28.95 pt (22 lines a page), first lines indented two characters, the issuer centred above the date, which stands
 * four characters from the right margin, and the page number "— 1 —" in 4号 宋体 below the text block. The fonts are
 * named as the standard names them; a font table gives Word the fallbacks (宋体, 仿宋, 黑体, 楷体), and LibreOffice
 * substitutes whatever Chinese font it has.
 *
 * <p>Stateless and thread-safe: every call builds its own document.
 */
@Component
public class PoiDocuments implements Documents {

  // Page and type, in twentieths of a point (twips) unless said otherwise.
  static final int PAGE_WIDTH = 11906; // 210 mm
  static final int PAGE_HEIGHT = 16838; // 297 mm
  static final int MARGIN_TOP = mm(37);
  static final int MARGIN_BOTTOM = mm(35);
  static final int MARGIN_LEFT = mm(28);
  static final int MARGIN_RIGHT = mm(26);
  static final int TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT; // 156 mm
  /** 28.95 pt: 22 lines in the 225 mm text block. */
  static final double LINE_PITCH = 28.95;
  static final int TITLE_SIZE = 22; // 2号
  static final int BODY_SIZE = 16; // 3号
  static final int TABLE_SIZE = 14; // 4号
  static final String TITLE_FONT = "方正小标宋简体";
  static final String BODY_FONT = "仿宋_GB2312";
  static final String HEADING_FONT = "黑体";
  static final String SUBHEADING_FONT = "楷体_GB2312";
  static final String PAGE_NUMBER_FONT = "宋体";
  /** The fonts of the standard and what Word shows when one is not installed. */
  private static final Map<String, String> FALLBACK_FONTS = Map.of(
      TITLE_FONT, "宋体", BODY_FONT, "仿宋", SUBHEADING_FONT, "楷体", HEADING_FONT, "SimHei", PAGE_NUMBER_FONT, "SimSun");

  private static final int NOTES_WIDTH = 30;
  private static final String[] RESULT_HEADERS = {"序号", "单位", "类别", "指标评价", "党委评价", "青年评议", "述职评议", "加分",
      "逾期扣分", "总分", "等次", "排名", "备注"};

  @Override
  public byte[] partyEvaluationRequest(PartyEvaluationRequest r) {
    try (XWPFDocument doc = newLetter()) {
      String year = r.year() + "年度";
      String form = r.year() + "年度" + r.unitName() + "工作党委评价表";
      title(doc, List.of("关于商请对", r.unitName(), year + "工作", "进行综合评价的函"));
      salutation(doc, r.partyCommittee() + "：");
      body(doc, according(r.roundTitle()) + r.organisationName() + "将对" + r.unitName() + year
          + "工作进行考核，党委评价是考核的重要组成部分。为客观全面反映" + r.unitName()
          + "的工作成效，现商请贵委分管共青团工作的领导同志对其" + year + "工作进行综合评价。有关事项函告如下：");
      headed(doc, "一、评价内容。", "请结合" + r.unitName() + "落实同级党委部署、推进共青团改革和重点工作、服务青少年和全市工作大局的"
          + "实际成效，对其" + year + "工作作出综合评价，给出评价等次（好、较好、一般、差）或评价分数（百分制），并提出评价意见。");
      headed(doc, "二、反馈方式。", "请填写所附《" + form + "》，经分管共青团工作的领导同志签字并加盖党委印章后，于"
          + date(r.dueDate()) + "前反馈至" + r.organisationName() + "组织部。评价等次和评价分数填写其一即可，两者都填写的，以评价分数为准。");
      headed(doc, "三、联系方式。", r.contacts() == null || r.contacts().isEmpty() ? r.organisationName() + "组织部。" : "");
      contacts(r.contacts() == null ? List.of() : r.contacts()).forEach(line -> body(doc, line));
      body(doc, "感谢贵委对共青团工作的关心和支持！").setKeepNext(true);
      blankLine(doc).setKeepNext(true);
      attachmentNote(doc, form);
      signature(doc, r.organisationName(), r.issuedOn());

      pageBreak(doc);
      attachmentLabel(doc);
      title(doc, List.of(r.year() + "年度", r.unitName(), "工作党委评价表"));
      blankLine(doc);
      String[][] rows = {
          {"单位", r.unitName()},
          {"评价等次", "□好    □较好    □一般    □差"},
          {"评价分数", "（百分制）"},
          {"评价意见", ""},
          {"分管领导签字", ""},
          {"党委（盖章）", ""},
          {"日期", "        年    月    日"}};
      XWPFTable table = table(doc, new int[] {2200, TEXT_WIDTH - 2200}, rows.length);
      for (int i = 0; i < rows.length; i++) {
        XWPFTableRow row = table.getRow(i);
        cell(row.getCell(0), rows[i][0], true, ParagraphAlignment.CENTER);
        cell(row.getCell(1), rows[i][1], false, ParagraphAlignment.LEFT);
        row.setHeight(switch (rows[i][0]) {
          case "评价意见" -> 3600;
          case "分管领导签字", "党委（盖章）" -> 1000;
          default -> 680;
        });
        row.setCantSplitRow(true);
      }
      note(doc, "注：评价等次和评价分数填写其一即可，两者都填写的，以评价分数为准。请于" + date(r.dueDate()) + "前反馈"
          + r.organisationName() + "组织部。");
      return bytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] feedbackLetter(FeedbackLetter l) {
    try (XWPFDocument doc = newLetter()) {
      String year = l.year() + "年度";
      title(doc, List.of("关于反馈", year, l.unitName(), "工作考核结果的函"));
      salutation(doc, l.partyCommittee() + "：");
      String procedures = l.components().stream().map(ComponentLine::name).collect(Collectors.joining("、"));
      body(doc, according(l.roundTitle()) + l.organisationName() + "对" + year + "各被考核单位的共青团工作进行了考核。"
          + "经" + (procedures.isEmpty() ? "" : procedures + "、") + "创新和表彰项目加分、结果汇总等程序，并经"
          + l.organisationName() + "书记会研究，现将" + l.unitName() + year + "工作考核结果反馈如下：");
      headed(doc, "一、考核结果。", l.unitName() + year + "工作考核总分为" + number(l.total()) + "分，考核等次为“" + l.gradeName()
          + "”，在" + l.rankedUnits() + "个被考核单位中位列第" + l.rank() + "。");
      headed(doc, "二、各项得分。", "各考核项目的占比和得分如下表：");
      List<String[]> lines = new ArrayList<>();
      for (ComponentLine c : l.components()) {
        lines.add(new String[] {c.name(), c.weightPercent() + "%", number(c.score()), c.note() == null ? "" : c.note()});
      }
      lines.add(new String[] {"创新和表彰项目加分", "—", signed(l.bonusPoints(), "+"), ""});
      lines.add(new String[] {"逾期扣分", "—", signed(l.lateDeduction(), "-"), ""});
      lines.add(new String[] {"总分", "", number(l.total()), "考核等次：" + l.gradeName()});
      XWPFTable components = table(doc, new int[] {3000, 1100, 1400, TEXT_WIDTH - 5500}, lines.size() + 1);
      header(components.getRow(0), "考核项目", "占比", "得分", "说明");
      for (int i = 0; i < lines.size(); i++) {
        String[] v = lines.get(i);
        XWPFTableRow row = components.getRow(i + 1);
        boolean total = i == lines.size() - 1;
        cell(row.getCell(0), v[0], total, ParagraphAlignment.LEFT);
        cell(row.getCell(1), v[1], false, ParagraphAlignment.CENTER);
        cell(row.getCell(2), v[2], total, ParagraphAlignment.CENTER);
        cell(row.getCell(3), v[3], false, ParagraphAlignment.LEFT);
        row.setCantSplitRow(true);
      }
      spacer(doc);
      headed(doc, "三、指标评价情况。", l.areaComments().isEmpty() ? "无。" : "各牵头部门的评价意见如下：");
      if (!l.areaComments().isEmpty()) {
        areaTable(doc, l.areaComments());
        spacer(doc);
      }
      body(doc, "希望" + l.unitName() + "以此次考核为契机，总结经验、查找不足，推动共青团各项工作再上新台阶。恳请贵委一如既往关心和支持共青团工作。");
      body(doc, "特此函告。").setKeepNext(true);
      blankLine(doc).setKeepNext(true);
      blankLine(doc).setKeepNext(true);
      signature(doc, l.organisationName(), l.issuedOn());
      return bytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] resultsWorkbook(ResultsTable t) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles s = new Styles(wb);
      XSSFSheet sheet = wb.createSheet("考核结果");
      int columns = RESULT_HEADERS.length;
      XSSFRow titleRow = sheet.createRow(0);
      titleRow.setHeightInPoints(30);
      for (int c = 0; c < columns; c++) {
        titleRow.createCell(c).setCellStyle(s.title);
      }
      titleRow.getCell(0).setCellValue(t.title());
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
      XSSFRow header = sheet.createRow(1);
      header.setHeightInPoints(22);
      int[] widths = new int[columns];
      for (int c = 0; c < columns; c++) {
        XSSFCell cell = header.createCell(c);
        cell.setCellValue(RESULT_HEADERS[c]);
        cell.setCellStyle(s.header);
        widths[c] = displayWidth(RESULT_HEADERS[c]);
      }
      int r = 2;
      for (ResultRow row : t.rows()) {
        XSSFRow x = sheet.createRow(r);
        int c = 0;
        numeric(x, c++, r - 1, s.integer);
        text(x, c++, row.unitName(), s.text, widths);
        text(x, c++, row.kindName(), s.centred, widths);
        for (BigDecimal v : java.util.Arrays.asList(row.indicatorEvaluation(), row.partyEvaluation(), row.youthSurvey(),
            row.oralReport(), row.bonusPoints(), row.lateDeduction(), row.total())) {
          decimal(x, c++, v, s.decimal);
        }
        text(x, c++, row.gradeName(), s.centred, widths);
        numeric(x, c++, row.rank(), s.integer);
        text(x, c++, row.notes() == null ? "" : row.notes(), s.notes, null);
        // Excel does not grow a row for wrapped text it did not lay out itself: about 15 pt a line of 11 pt.
        int lines = Math.max(1, (displayWidth(row.notes()) + NOTES_WIDTH - 3) / (NOTES_WIDTH - 2));
        x.setHeightInPoints(Math.max(18, lines * 15f));
        r++;
      }
      for (int c = 0; c < columns; c++) {
        int chars = c == columns - 1 ? NOTES_WIDTH : Math.min(Math.max(widths[c], 8) + 2, 30);
        sheet.setColumnWidth(c, chars * 256);
      }
      sheet.createFreezePane(2, 2);
      sheet.setRepeatingRows(new CellRangeAddress(1, 1, 0, columns - 1));
      pageSetup(sheet, true);

      XSSFSheet distribution = wb.createSheet("等次分布");
      Map<String, Integer> counts = new LinkedHashMap<>();
      t.gradeNames().forEach(g -> counts.put(g, 0));
      t.rows().forEach(row -> counts.merge(row.gradeName() == null ? "未定" : row.gradeName(), 1, Integer::sum));
      XSSFRow h = distribution.createRow(0);
      h.createCell(0).setCellValue("等次");
      h.createCell(1).setCellValue("单位数");
      h.getCell(0).setCellStyle(s.header);
      h.getCell(1).setCellStyle(s.header);
      int i = 1;
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        XSSFRow x = distribution.createRow(i++);
        text(x, 0, e.getKey(), s.centred, null);
        numeric(x, 1, e.getValue(), s.integer);
      }
      XSSFRow sum = distribution.createRow(i);
      text(sum, 0, "合计", s.centred, null);
      numeric(sum, 1, t.rows().size(), s.integer);
      distribution.setColumnWidth(0, 12 * 256);
      distribution.setColumnWidth(1, 10 * 256);
      pageSetup(distribution, false);
      if (!counts.isEmpty()) {
        chart(distribution, counts.size());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] publishedNotice(PublishedNotice n) {
    try (XWPFDocument doc = newLetter()) {
      if (n.documentNumber() != null && !n.documentNumber().isBlank()) {
        // 发文字号: centred, one blank line above the title (GB/T 9704 7.2.4, 7.3.1).
        run(paragraph(doc, ParagraphAlignment.CENTER), n.documentNumber().strip(), BODY_FONT, BODY_SIZE, false);
        blankLine(doc);
      }
      title(doc, titleParts(n.title()));
      List<String> lines = n.body() == null ? List.of() : n.body().lines().map(String::strip).toList();
      boolean addressees = true;
      for (String line : lines) {
        if (line.isEmpty()) {
          continue;
        }
        if (addressees && (line.endsWith("：") || line.endsWith(":"))) {
          salutation(doc, line);
        } else if (HEADING.matcher(line).lookingAt()) {
          XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
          indentFirstLine(p);
          run(p, line, HEADING_FONT, BODY_SIZE, false);
        } else {
          body(doc, line);
        }
        addressees = false;
      }
      if (!n.attachments().isEmpty()) {
        blankLine(doc);
        for (int i = 0; i < n.attachments().size(); i++) {
          XWPFParagraph p = paragraph(doc, ParagraphAlignment.LEFT);
          indentFirstLine(p);
          String label = i == 0 ? "附件：" : "　　　";
          String numbered = n.attachments().size() == 1 ? "" : (i + 1) + ".";
          run(p, label + numbered + n.attachments().get(i), BODY_FONT, BODY_SIZE, false);
          // The list stays together; a longer chain (contacts, signature) would push it all to the next page.
          p.setKeepNext(i < n.attachments().size() - 1);
        }
      }
      List<String> contactLines = contacts(n.contacts() == null ? List.of() : n.contacts());
      if (!contactLines.isEmpty()) {
        blankLine(doc);
        contactLines.forEach(line -> body(doc, line));
      }
      blankLine(doc).setKeepNext(true);
      blankLine(doc).setKeepNext(true);
      signature(doc, n.issuer(), n.issuedOn());
      return bytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 一、 二、 … (and 十一、): a first-level heading of the body, set in 黑体. */
  private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile("[一二三四五六七八九十]+、");

  /** A notice's title broken where a reader would: before 的通知 / after 关于, else as one part. */
  private static List<String> titleParts(String title) {
    String t = title == null ? "" : title.strip();
    List<String> parts = new ArrayList<>();
    int about = t.startsWith("关于") ? 2 : 0;
    int end = t.endsWith("的通知") ? t.length() - 3 : t.length();
    if (about > 0) {
      parts.add(t.substring(0, about));
    }
    String middle = t.substring(about, end);
    // Splits the middle where 年度 or 工作 ends a phrase, so the title can break between words.
    int cut = Math.max(middle.indexOf("年度") >= 0 ? middle.indexOf("年度") + 2 : -1, -1);
    if (cut > 0 && cut < middle.length()) {
      parts.add(middle.substring(0, cut));
      parts.add(middle.substring(cut));
    } else {
      parts.add(middle);
    }
    if (end < t.length()) {
      parts.add(t.substring(end));
    }
    return parts.stream().filter(part -> !part.isEmpty()).toList();
  }

  // ---------------------------------------------------------------- the letters

  static XWPFDocument newLetter() {
    XWPFDocument doc = new XWPFDocument();
    CTSectPr section = doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    size.setW(BigInteger.valueOf(PAGE_WIDTH));
    size.setH(BigInteger.valueOf(PAGE_HEIGHT));
    size.setOrient(STPageOrientation.PORTRAIT);
    CTPageMar margins = section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(MARGIN_TOP));
    margins.setBottom(BigInteger.valueOf(MARGIN_BOTTOM));
    margins.setLeft(BigInteger.valueOf(MARGIN_LEFT));
    margins.setRight(BigInteger.valueOf(MARGIN_RIGHT));
    margins.setHeader(BigInteger.valueOf(mm(15)));
    // The page number's line starts 7 mm below the text block: 35 - 7 - 5 (the 4号 line) = 23 mm.
    margins.setFooter(BigInteger.valueOf(mm(23)));
    margins.setGutter(BigInteger.ZERO);

    var styles = doc.createStyles();
    CTFonts fonts = CTFonts.Factory.newInstance();
    fonts.setAscii(BODY_FONT);
    fonts.setHAnsi(BODY_FONT);
    fonts.setEastAsia(BODY_FONT);
    fonts.setCs(BODY_FONT);
    styles.setDefaultFonts(fonts);
    styles.setEastAsia("zh-CN");
    styles.setSpellingLanguage("zh-CN");
    fontTable(doc);
    pageNumbers(doc);
    return doc;
  }

  /** 发文机关署名 centred above 成文日期, which stands four characters (of 3号) from the right margin. */
  private static void signature(XWPFDocument doc, String issuer, LocalDate issuedOn) {
    String dateText = date(issuedOn);
    int dateIndent = 4 * BODY_SIZE * 20;
    int issuerIndent = Math.max(0, dateIndent + (halfWidths(dateText) - halfWidths(issuer)) * BODY_SIZE * 10 / 2);
    XWPFParagraph name = paragraph(doc, ParagraphAlignment.RIGHT);
    name.setIndentationRight(issuerIndent);
    name.setKeepNext(true);
    run(name, issuer, BODY_FONT, BODY_SIZE, false);
    XWPFParagraph on = paragraph(doc, ParagraphAlignment.RIGHT);
    on.setIndentationRight(dateIndent);
    run(on, dateText, BODY_FONT, BODY_SIZE, false);
  }

  /**
   * The title, 2号 方正小标宋简体, centred; when it does not fit one line (20 characters of 2号 in 156 mm), broken
   * between two of its parts so that the lines are as even as possible (GB/T 9704 7.3.1: 回行时词意完整、排列对称).
   */
  static void title(XWPFDocument doc, List<String> parts) {
    int perLine = TEXT_WIDTH / (TITLE_SIZE * 20) * 2; // in half widths
    String whole = String.join("", parts);
    XWPFParagraph p = paragraph(doc, ParagraphAlignment.CENTER);
    p.setSpacingBetween(36, LineSpacingRule.EXACT);
    if (halfWidths(whole) <= perLine) {
      run(p, whole, TITLE_FONT, TITLE_SIZE, false);
      return;
    }
    int best = -1;
    int bestDifference = Integer.MAX_VALUE;
    for (int i = 1; i < parts.size(); i++) {
      int first = halfWidths(String.join("", parts.subList(0, i)));
      int second = halfWidths(whole) - first;
      if (first <= perLine && second <= perLine && Math.abs(first - second) < bestDifference) {
        best = i;
        bestDifference = Math.abs(first - second);
      }
    }
    if (best < 0) {
      run(p, whole, TITLE_FONT, TITLE_SIZE, false);
      return;
    }
    XWPFRun first = run(p, String.join("", parts.subList(0, best)), TITLE_FONT, TITLE_SIZE, false);
    first.addBreak();
    run(p, String.join("", parts.subList(best, parts.size())), TITLE_FONT, TITLE_SIZE, false);
  }

  private static void salutation(XWPFDocument doc, String text) {
    blankLine(doc);
    run(paragraph(doc, ParagraphAlignment.LEFT), text, BODY_FONT, BODY_SIZE, false);
  }

  private static XWPFParagraph body(XWPFDocument doc, String text) {
    XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
    indentFirstLine(p);
    run(p, text, BODY_FONT, BODY_SIZE, false);
    return p;
  }

  /** A paragraph opening with a first-level heading in 黑体 ("一、评价内容。") and going on in 仿宋. */
  private static void headed(XWPFDocument doc, String heading, String text) {
    XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
    indentFirstLine(p);
    run(p, heading, HEADING_FONT, BODY_SIZE, false);
    if (!text.isEmpty()) {
      run(p, text, BODY_FONT, BODY_SIZE, false);
    }
  }

  /** 附件说明: 正文下空一行，左空二字 "附件：" (GB/T 9704 7.3.4). */
  private static void attachmentNote(XWPFDocument doc, String name) {
    XWPFParagraph p = paragraph(doc, ParagraphAlignment.LEFT);
    indentFirstLine(p);
    run(p, "附件：" + name, BODY_FONT, BODY_SIZE, false);
    p.setKeepNext(true);
    blankLine(doc).setKeepNext(true);
    blankLine(doc).setKeepNext(true);
  }

  /** "附件" at the top left of the attachment's first page, 3号 黑体 (GB/T 9704 8). */
  private static void attachmentLabel(XWPFDocument doc) {
    run(paragraph(doc, ParagraphAlignment.LEFT), "附件", HEADING_FONT, BODY_SIZE, false);
  }

  private static void note(XWPFDocument doc, String text) {
    XWPFParagraph p = paragraph(doc, ParagraphAlignment.LEFT);
    p.setSpacingBetween(22, LineSpacingRule.EXACT);
    p.setSpacingBefore(120);
    run(p, text, BODY_FONT, TABLE_SIZE, false);
  }

  /** A little space after a table (an empty 3号 line at the top of a page would look like a mistake). */
  private static void spacer(XWPFDocument doc) {
    paragraph(doc, ParagraphAlignment.LEFT).setSpacingBetween(12, LineSpacingRule.EXACT);
  }

  private static XWPFParagraph blankLine(XWPFDocument doc) {
    return paragraph(doc, ParagraphAlignment.LEFT);
  }

  private static void pageBreak(XWPFDocument doc) {
    paragraph(doc, ParagraphAlignment.LEFT).createRun().addBreak(BreakType.PAGE);
  }

  static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(alignment);
    p.setSpacingBefore(0);
    p.setSpacingAfter(0);
    p.setSpacingBetween(LINE_PITCH, LineSpacingRule.EXACT);
    p.setWordWrapped(true);
    return p;
  }

  /** Two characters of the body size, in characters (Word) and in twips (LibreOffice and older readers). */
  private static void indentFirstLine(XWPFParagraph p) {
    CTPPr ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
    CTInd ind = ppr.isSetInd() ? ppr.getInd() : ppr.addNewInd();
    ind.setFirstLine(BigInteger.valueOf(2L * BODY_SIZE * 20));
    ind.setFirstLineChars(BigInteger.valueOf(200));
  }

  static XWPFRun run(XWPFParagraph p, String text, String font, int points, boolean bold) {
    XWPFRun r = p.createRun();
    font(r, font, points, bold);
    r.setText(text);
    return r;
  }

  private static void font(XWPFRun r, String font, int points, boolean bold) {
    for (var range : XWPFRun.FontCharRange.values()) {
      r.setFontFamily(font, range);
    }
    r.setFontSize(points);
    r.setBold(bold);
    CTRPr rpr = r.getCTR().isSetRPr() ? r.getCTR().getRPr() : r.getCTR().addNewRPr();
    CTLanguage lang = rpr.sizeOfLangArray() > 0 ? rpr.getLangArray(0) : rpr.addNewLang();
    lang.setEastAsia("zh-CN");
  }

  /** As seed 000 lists them: "联系人：刘  敏、宋  洁", "联系电话：…", "电子邮箱：…" (each distinct value once). */
  static List<String> contacts(List<Contact> contacts) {
    List<String> lines = new ArrayList<>();
    line(lines, "联系人：", contacts.stream().map(Contact::name));
    line(lines, "联系电话：", contacts.stream().map(Contact::phone));
    line(lines, "电子邮箱：", contacts.stream().map(Contact::email));
    return lines;
  }

  private static void line(List<String> lines, String label, java.util.stream.Stream<String> values) {
    String joined = values.filter(v -> v != null && !v.isBlank()).map(String::strip).distinct()
        .collect(Collectors.joining("、"));
    if (!joined.isEmpty()) {
      lines.add(label + joined);
    }
  }

  // ---------------------------------------------------------------- tables in letters

  /** A bordered table of the given column widths (twips) filling the text width, 仿宋 14 pt, centred rows. */
  static XWPFTable table(XWPFDocument doc, int[] widths, int rows) {
    XWPFTable t = doc.createTable(rows, widths.length);
    t.setTableAlignment(TableRowAlign.CENTER);
    t.setWidthType(TableWidthType.DXA);
    t.setWidth(TEXT_WIDTH);
    CTTblLayoutType layout = t.getCTTbl().getTblPr().isSetTblLayout() ? t.getCTTbl().getTblPr().getTblLayout()
        : t.getCTTbl().getTblPr().addNewTblLayout();
    layout.setType(STTblLayoutType.FIXED);
    t.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 6, 0, "000000");
    t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 6, 0, "000000");
    t.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 6, 0, "000000");
    t.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 6, 0, "000000");
    t.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
    t.setCellMargins(40, 85, 40, 85);
    CTTblGrid grid = t.getCTTbl().getTblGrid() == null ? t.getCTTbl().addNewTblGrid() : t.getCTTbl().getTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    for (int w : widths) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
    }
    for (XWPFTableRow row : t.getRows()) {
      for (int c = 0; c < widths.length; c++) {
        CTTcPr tcPr = row.getCell(c).getCTTc().isSetTcPr() ? row.getCell(c).getCTTc().getTcPr()
            : row.getCell(c).getCTTc().addNewTcPr();
        CTTblWidth w = tcPr.isSetTcW() ? tcPr.getTcW() : tcPr.addNewTcW();
        w.setType(STTblWidth.DXA);
        w.setW(BigInteger.valueOf(widths[c]));
        row.getCell(c).setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
      }
    }
    return t;
  }

  /**
   * The lead departments' evaluations: a row 考核项目 | 牵头部门 | 等次 | 分数 and under it the 评语 across the table, so
   * that a comment of 300 characters reads as a paragraph and not as a narrow column.
   */
  private static void areaTable(XWPFDocument doc, List<AreaComment> comments) {
    int[] widths = {TEXT_WIDTH - 3400, 1600, 800, 1000};
    XWPFTable areas = table(doc, widths, 2 * comments.size() + 1);
    header(areas.getRow(0), "考核项目", "牵头部门", "等次", "分数");
    for (int i = 0; i < comments.size(); i++) {
      AreaComment a = comments.get(i);
      XWPFTableRow row = areas.getRow(2 * i + 1);
      cell(row.getCell(0), a.areaName(), false, ParagraphAlignment.LEFT);
      cell(row.getCell(1), a.departmentName(), false, ParagraphAlignment.CENTER);
      cell(row.getCell(2), a.gradeName(), false, ParagraphAlignment.CENTER);
      cell(row.getCell(3), number(a.score()), false, ParagraphAlignment.CENTER);
      row.setCantSplitRow(true);
      XWPFTableRow comment = areas.getRow(2 * i + 2);
      while (comment.getTableCells().size() > 1) {
        comment.removeCell(comment.getTableCells().size() - 1);
      }
      XWPFTableCell whole = comment.getCell(0);
      whole.getCTTc().getTcPr().getTcW().setW(BigInteger.valueOf(TEXT_WIDTH));
      whole.getCTTc().getTcPr().addNewGridSpan().setVal(BigInteger.valueOf(widths.length));
      XWPFParagraph p = whole.getParagraphs().get(0);
      cell(whole, "", false, ParagraphAlignment.BOTH);
      p.getRuns().get(0).setText("评语：", 0);
      font(p.getRuns().get(0), HEADING_FONT, TABLE_SIZE, false);
      run(p, a.comment() == null ? "" : a.comment(), BODY_FONT, TABLE_SIZE, false);
    }
  }

  static void header(XWPFTableRow row, String... texts) {
    for (int c = 0; c < texts.length; c++) {
      cell(row.getCell(c), texts[c], false, ParagraphAlignment.CENTER);
      for (XWPFRun r : row.getCell(c).getParagraphs().get(0).getRuns()) {
        font(r, HEADING_FONT, TABLE_SIZE, false);
      }
    }
    row.setRepeatHeader(true);
    row.setCantSplitRow(true);
  }

  static void cell(XWPFTableCell cell, String text, boolean bold, ParagraphAlignment alignment) {
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setAlignment(alignment);
    p.setSpacingBefore(0);
    p.setSpacingAfter(0);
    p.setSpacingBetween(22, LineSpacingRule.EXACT);
    String[] lines = (text == null ? "" : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      XWPFRun r = run(p, lines[i], BODY_FONT, TABLE_SIZE, bold);
      if (i < lines.length - 1) {
        r.addBreak();
      }
    }
  }

  // ---------------------------------------------------------------- page numbers and fonts

  /** "— 1 —" in 4号 宋体, centred under the text block (GB/T 9704 7.5). */
  private static void pageNumbers(XWPFDocument doc) {
    XWPFHeaderFooterPolicy policy = doc.createHeaderFooterPolicy();
    XWPFFooter footer = policy.createFooter(XWPFHeaderFooterPolicy.DEFAULT);
    XWPFParagraph p = footer.getParagraphArray(0) == null ? footer.createParagraph() : footer.getParagraphArray(0);
    p.setAlignment(ParagraphAlignment.CENTER);
    run(p, "— ", PAGE_NUMBER_FONT, TABLE_SIZE, false);
    field(p, STFldCharType.BEGIN);
    XWPFRun instruction = p.createRun();
    font(instruction, PAGE_NUMBER_FONT, TABLE_SIZE, false);
    instruction.getCTR().addNewInstrText().setStringValue(" PAGE ");
    field(p, STFldCharType.SEPARATE);
    run(p, "1", PAGE_NUMBER_FONT, TABLE_SIZE, false);
    field(p, STFldCharType.END);
    run(p, " —", PAGE_NUMBER_FONT, TABLE_SIZE, false);
  }

  private static void field(XWPFParagraph p, STFldCharType.Enum type) {
    XWPFRun r = p.createRun();
    font(r, PAGE_NUMBER_FONT, TABLE_SIZE, false);
    r.getCTR().addNewFldChar().setFldCharType(type);
  }

  /**
   * A font table naming, for each font of the standard, the font Word substitutes when it is missing (altName) and
   * the GB2312 character set, so that a computer without 方正小标宋简体 shows 宋体 and not a Latin font.
   */
  private static void fontTable(XWPFDocument doc) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    FALLBACK_FONTS.forEach((font, fallback) -> xml.append("<w:font w:name=\"").append(font).append("\">")
        .append("<w:altName w:val=\"").append(fallback).append("\"/>")
        .append("<w:charset w:val=\"86\"/><w:family w:val=\"")
        .append(font.equals(HEADING_FONT) ? "modern" : "roman")
        .append("\"/><w:pitch w:val=\"variable\"/></w:font>"));
    xml.append("</w:fonts>");
    try {
      PackagePartName name = PackagingURIHelper.createPartName("/word/fontTable.xml");
      PackagePart part = doc.getPackage().createPart(name, XWPFRelation.FONT_TABLE.getContentType());
      try (OutputStream out = part.getOutputStream()) {
        out.write(xml.toString().getBytes(StandardCharsets.UTF_8));
      }
      doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL, XWPFRelation.FONT_TABLE.getRelation());
    } catch (InvalidFormatException | IOException e) {
      throw new IllegalStateException("字体表写入失败", e);
    }
  }

  static byte[] bytes(XWPFDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.write(out);
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- the workbook

  private record Styles(XSSFCellStyle title, XSSFCellStyle header, XSSFCellStyle text, XSSFCellStyle centred,
      XSSFCellStyle notes, XSSFCellStyle decimal, XSSFCellStyle integer) {

    Styles(XSSFWorkbook wb) {
      this(style(wb, 16, true, HorizontalAlignment.CENTER, false, false, null),
          style(wb, 11, true, HorizontalAlignment.CENTER, true, true, null),
          style(wb, 11, false, HorizontalAlignment.LEFT, true, false, null),
          style(wb, 11, false, HorizontalAlignment.CENTER, true, false, null),
          style(wb, 11, false, HorizontalAlignment.LEFT, true, true, null),
          style(wb, 11, false, HorizontalAlignment.RIGHT, true, false, "0.00"),
          style(wb, 11, false, HorizontalAlignment.CENTER, true, false, "0"));
    }

    private static XSSFCellStyle style(XSSFWorkbook wb, int points, boolean bold, HorizontalAlignment alignment,
        boolean borders, boolean wrap, String format) {
      XSSFFont font = wb.createFont();
      font.setFontName("宋体");
      font.setFontHeightInPoints((short) points);
      font.setBold(bold);
      XSSFCellStyle style = wb.createCellStyle();
      style.setFont(font);
      style.setAlignment(alignment);
      style.setVerticalAlignment(VerticalAlignment.CENTER);
      style.setWrapText(wrap);
      if (borders) {
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
      }
      if (bold && borders) {
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      }
      if (format != null) {
        style.setDataFormat(wb.createDataFormat().getFormat(format));
      }
      return style;
    }
  }

  private static void text(XSSFRow row, int column, String value, CellStyle style, int[] widths) {
    XSSFCell cell = row.createCell(column);
    cell.setCellValue(value == null ? "" : value);
    cell.setCellStyle(style);
    if (widths != null) {
      widths[column] = Math.max(widths[column], displayWidth(value));
    }
  }

  private static void numeric(XSSFRow row, int column, double value, CellStyle style) {
    XSSFCell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  /** Two decimals as the number it is; an absent value stays an empty (bordered) cell. */
  private static void decimal(XSSFRow row, int column, BigDecimal value, CellStyle style) {
    XSSFCell cell = row.createCell(column);
    cell.setCellStyle(style);
    if (value != null) {
      cell.setCellValue(value.setScale(2, RoundingMode.HALF_UP).doubleValue());
    }
  }

  private static void pageSetup(XSSFSheet sheet, boolean landscape) {
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(landscape);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setHorizontallyCenter(true);
  }

  /** A column chart of the counts in A2:B(n+1), beside the table. */
  private static void chart(XSSFSheet sheet, int grades) {
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 3, 1, 10, 18);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("考核等次分布");
    chart.setTitleOverlay(false);
    XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
    categories.setTitle("等次");
    XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
    values.setTitle("单位数");
    values.setMinimum(0);
    values.setMajorUnit(1);
    values.setCrossBetween(AxisCrossBetween.BETWEEN);
    XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(sheet,
        new CellRangeAddress(1, grades, 0, 0));
    XDDFNumericalDataSource<Double> counts = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
        new CellRangeAddress(1, grades, 1, 1));
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
    data.setBarDirection(BarDirection.COL);
    data.setVaryColors(false);
    XDDFBarChartData.Series series = (XDDFBarChartData.Series) data.addSeries(names, counts);
    series.setTitle("单位数", null);
    series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(new byte[] {(byte) 0x2F, (byte) 0x5A,
        (byte) 0x9E})));
    chart.plot(data);
  }

  // ---------------------------------------------------------------- text helpers

  /** Width in half characters: CJK and full-width forms count two, everything else one. */
  static int halfWidths(String s) {
    if (s == null) {
      return 0;
    }
    return s.codePoints().map(cp -> cp >= 0x2E80 ? 2 : 1).sum();
  }

  private static int displayWidth(String s) {
    return s == null ? 0 : s.lines().mapToInt(PoiDocuments::halfWidths).max().orElse(0);
  }

  /** GB/T 9704 7.3.5: 成文日期 in Arabic numerals, "2026年12月1日". */
  static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static String number(BigDecimal v) {
    return v == null ? "—" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String signed(BigDecimal v, String sign) {
    if (v == null || v.signum() == 0) {
      return "0.00";
    }
    return sign + v.abs().setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** "根据《关于开展…的通知》要求，" or, without a title, "根据年度考核安排，". */
  private static String according(String roundTitle) {
    if (roundTitle == null || roundTitle.isBlank()) {
      return "根据年度考核安排，";
    }
    return "根据" + (roundTitle.startsWith("《") ? roundTitle : "《" + roundTitle + "》") + "要求，";
  }

  private static int mm(double millimetres) {
    return (int) Math.round(millimetres * 1440 / 25.4);
  }
}
