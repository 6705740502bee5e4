package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.kaohe.document.PoiSummaryDocument.SummaryImport;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

class PoiSummaryDocumentTest {

  private static final String INTRO = "2026年，在市委和团省委的坚强领导下，广州共青团深入学习贯彻习近平新时代中国特色社会主义思想，"
      + "围绕中心、服务大局，各项工作取得新进展。";
  private static final String GUIDANCE = "（一）坚持思想引领。全年开展主题团日活动1200余场，覆盖团员青年15万人次。";
  private static final String REFORM = "（二）深化共青团改革。全市新建“青年之家”86个，基层团组织按期换届率达到98%。";
  private static final String VITALITY = "一是基层团组织活力仍需增强，部分非公企业和新兴领域团组织覆盖不足。";
  private static final String PRECISION = "二是服务青年的精准度有待提高，对新就业形态青年的联系还不够紧密。";
  private static final String NEXT = "2027年，广州共青团将重点做好以下工作：";
  private static final String NEXT_1 = "1. 持续加强青少年思想政治引领，深化“青年大学习”。";
  private static final String NEXT_2 = "2. 推动“青年之家”提质增效，打造一批示范阵地。";
  private static final String SUGGESTION = "建议团省委加大对基层团组织经费保障的支持力度，进一步简化报送材料。";

  private final PoiSummaryDocument reader = new PoiSummaryDocument();

  // ---------------------------------------------------------------- the form's headings

  @Test
  void theFormsHeadingsGiveTheFourPartsAndTheTitleAboveThemIsAWarning() {
    byte[] docx = new Doc()
        .bold("共青团广州市委员会2026年工作总结")
        .p("2026年12月20日")
        .p("")
        .p("一、2026年工作情况")
        .p("　　" + INTRO, "", "　　" + GUIDANCE, "　　" + REFORM + "  ")
        .p("二、当前工作中存在的问题与困难")
        .p("　　" + VITALITY, "　　" + PRECISION)
        .p("三、2027年工作思路")
        .p("　　" + NEXT, NEXT_1, "", "", NEXT_2)
        .p("四、对有关工作的意见建议")
        .p("　　" + SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.ok()).isTrue();
    assertThat(result.problem()).isNull();
    assertThat(result.parts()).containsExactly(
        entry("yearWork", INTRO + "\n" + GUIDANCE + "\n" + REFORM),
        entry("problems", VITALITY + "\n" + PRECISION),
        entry("nextYearIdeas", NEXT + "\n" + NEXT_1 + "\n" + NEXT_2),
        entry("suggestions", SUGGESTION));
    assertThat(result.warnings()).containsExactly(
        "文档开头的“共青团广州市委员会2026年工作总结 2026年12月20日”不属于工作总结的四个部分，未导入");
    assertThat(PoiSummaryDocument.PART_KEYS).containsExactly("yearWork", "problems", "nextYearIdeas", "suggestions");
  }

  @Test
  void headingStylesBoldLinesAndOtherPunctuationAndSpacesAreRecognised() {
    byte[] docx = new Doc()
        .styled("1", "2026年主要工作开展情况") // Chinese Word's id of 标题 1
        .p(INTRO)
        .bold("存在的问题和不足")
        .p(VITALITY)
        .p("三 ． 2027年　工作计划") // spaces (full-width too) and a full-width full stop
        .p(NEXT)
        .styled("Heading2", "意见和建议")
        .p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.warnings()).isEmpty();
    assertThat(result.parts()).containsExactly(
        entry("yearWork", INTRO), entry("problems", VITALITY), entry("nextYearIdeas", NEXT),
        entry("suggestions", SUGGESTION));

    byte[] numbered = new Doc()
        .p("一.2026年工作总结").p(INTRO)
        .p("第二部分　存在的困难").p(VITALITY)
        .p("三、下一步工作打算").p(NEXT)
        .p("四、 意见建议").p(SUGGESTION)
        .bytes();
    assertThat(reader.read(numbered, 2026).parts()).containsExactly(
        entry("yearWork", INTRO), entry("problems", VITALITY), entry("nextYearIdeas", NEXT),
        entry("suggestions", SUGGESTION));
  }

  @Test
  void headingsNumberedByWordsOwnListNumberingAreRecognised() {
    byte[] docx = new Doc()
        .bold("共青团广州市委员会2026年工作总结")
        .numbered(STNumberFormat.CHINESE_COUNTING, "%1、", "2026年工作情况")
        .p(INTRO)
        .numbered(STNumberFormat.DECIMAL, "%1.", "推进基层团组织问题整改") // a list item of the text
        .numbered(STNumberFormat.CHINESE_COUNTING, "%1、", "当前工作中存在的问题与困难")
        .p(VITALITY)
        .numbered(STNumberFormat.CHINESE_COUNTING, "%1、", "2027年工作思路")
        .p(NEXT)
        .numbered(STNumberFormat.CHINESE_COUNTING, "%1、", "对有关工作的意见建议")
        .p(SUGGESTION)
        .numbered(STNumberFormat.CHINESE_COUNTING, "%1、", "其他事项")
        .p("无。")
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.parts()).containsExactly(
        entry("yearWork", INTRO + "\n推进基层团组织问题整改"), entry("problems", VITALITY), entry("nextYearIdeas", NEXT),
        entry("suggestions", SUGGESTION + "\n其他事项\n无。"));
    assertThat(result.warnings()).containsExactly(
        "文档开头的“共青团广州市委员会2026年工作总结”不属于工作总结的四个部分，未导入",
        "“其他事项”不是工作总结的四个部分之一，其下内容已并入“四、对有关工作的意见建议”，请检查");
  }

  @Test
  void subHeadingsInsideAPartStayItsText() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况")
        .bold("主要工作") // an unnumbered bold line naming the part it is in
        .bold("（二）存在问题的整改情况") // numbered lower down: never a part's heading
        .p("整改问题23个，已全部销号。")
        .styled("Title", "广州共青团2026年工作总结") // a title, bold or styled, in the middle of the text
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("二、存在的不足") // the heading of the part being read, again: a line of its text
        .p(PRECISION)
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.warnings()).isEmpty();
    assertThat(result.parts().get("yearWork"))
        .isEqualTo("主要工作\n（二）存在问题的整改情况\n整改问题23个，已全部销号。\n广州共青团2026年工作总结");
    assertThat(result.parts().get("problems")).isEqualTo(VITALITY + "\n二、存在的不足\n" + PRECISION);
  }

  @Test
  void aHeadingWrittenOnTheLineOfItsFirstParagraphIsSplitOff() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况：" + INTRO)
        .p("二、当前工作中存在的问题与困难。" + VITALITY)
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.warnings()).isEmpty();
    assertThat(result.parts()).containsEntry("yearWork", INTRO).containsEntry("problems", VITALITY);
  }

  // ---------------------------------------------------------------- what is not a heading

  @Test
  void halfWidthNumberingIsNotAHeadingAndTheMissingPartSaysSo() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况").p(INTRO)
        .p("2. 当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2027年工作思路").p(NEXT, NEXT_1)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.ok()).isTrue();
    assertThat(result.parts()).containsExactly(
        entry("yearWork", INTRO + "\n2. 当前工作中存在的问题与困难\n" + VITALITY),
        entry("nextYearIdeas", NEXT + "\n" + NEXT_1),
        entry("suggestions", SUGGESTION));
    assertThat(result.warnings()).containsExactly(
        "未找到“二、当前工作中存在的问题与困难”部分的标题，请在表单中补填",
        "“2. 当前工作中存在的问题与困难”用的是数字编号，未作为部分标题识别（部分标题的编号应为“二、”），"
            + "其下内容已并入“一、2026年工作情况”，请检查");

    byte[] allDigits = new Doc()
        .p("1. 2026年工作情况").p(INTRO)
        .p("2. 当前工作中存在的问题与困难").p(VITALITY)
        .p("3. 2027年工作思路").p(NEXT)
        .p("4. 对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport refused = reader.read(allDigits, 2026);
    assertThat(refused.ok()).isFalse();
    assertThat(refused.problem()).isEqualTo("未能在文档中识别出工作总结的四个部分标题（如“一、2026年工作情况”），"
        + "请按模板的四个部分标题整理后再上传，或直接在表单中填写");
    assertThat(refused.parts()).isEmpty();
    assertThat(refused.warnings()).isEmpty();
  }

  @Test
  void aDocumentWithoutAnyHeadingIsRefusedWithNothingElse() {
    byte[] docx = new Doc()
        .bold("共青团广州市委员会2026年工作总结")
        .p(INTRO, GUIDANCE, VITALITY, NEXT, SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.ok()).isFalse();
    assertThat(result.problem()).isEqualTo(PoiSummaryDocument.noHeadings(2026))
        .isEqualTo("未能在文档中识别出工作总结的四个部分标题（如“一、2026年工作情况”），请按模板的四个部分标题整理后再上传，或直接在表单中填写");
    assertThat(result.parts()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(reader.read(new Doc().bytes(), 2026).problem()).isEqualTo(PoiSummaryDocument.noHeadings(2026));
  }

  @Test
  void anOrdinalHeadingOfNoPartIsNamedAndItsTextKept() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况").p(INTRO)
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .p("五、其他需要说明的事项").p("本单位2026年无其他需要说明的事项。")
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.parts().get("suggestions"))
        .isEqualTo(SUGGESTION + "\n五、其他需要说明的事项\n本单位2026年无其他需要说明的事项。");
    assertThat(result.warnings()).containsExactly(
        "“五、其他需要说明的事项”不是工作总结的四个部分之一，其下内容已并入“四、对有关工作的意见建议”，请检查");
  }

  // ---------------------------------------------------------------- tables, missing, repeated and empty parts

  @Test
  void aTableInAPartBecomesOneLinePerRowWithTabsBetweenCells() {
    Doc doc = new Doc()
        .p("一、2026年工作情况")
        .p("主要指标完成情况如下：");
    doc.table(new String[] {"指标", "目标", "完成"},
        new String[] {"新发展团员", "12000人", "12680人"},
        new String[] {"", "", ""},
        new String[] {"", "注：数据截至11月底", ""},
        new String[] {"“青年之家”", "80个", "86个\n（含示范点10个）"});
    byte[] docx = doc.p("以上指标均已完成。")
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.warnings()).isEmpty();
    assertThat(result.parts().get("yearWork")).isEqualTo("主要指标完成情况如下：\n"
        + "指标\t目标\t完成\n"
        + "新发展团员\t12000人\t12680人\n"
        + "\t注：数据截至11月底\n"
        + "“青年之家”\t80个\t86个 （含示范点10个）\n"
        + "以上指标均已完成。");
  }

  @Test
  void aMissingPartIsAWarningAndARepeatedPartIsJoined() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况").p(INTRO)
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2027年工作思路").p(NEXT)
        .p("二、存在的困难（续）").p(PRECISION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.ok()).isTrue();
    assertThat(result.parts()).containsExactly(
        entry("yearWork", INTRO), entry("problems", VITALITY + "\n" + PRECISION), entry("nextYearIdeas", NEXT));
    assertThat(result.warnings()).containsExactly(
        "“二、当前工作中存在的问题与困难”部分的标题出现了不止一次（“二、存在的困难（续）”），两处内容已合并，请检查",
        "未找到“四、对有关工作的意见建议”部分的标题，请在表单中补填");
  }

  @Test
  void aHeadingWithoutTextGivesNoPartButAWarning() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况").p(INTRO)
        .p("二、当前工作中存在的问题与困难").p("", "　　")
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    SummaryImport result = reader.read(docx, 2026);
    assertThat(result.parts()).containsOnlyKeys("yearWork", "nextYearIdeas", "suggestions");
    assertThat(result.warnings()).containsExactly("“二、当前工作中存在的问题与困难”部分的标题下没有文字，请在表单中补填");
  }

  // ---------------------------------------------------------------- years

  @Test
  void theLabelsAndTheYearCheckFollowTheRoundsYear() {
    byte[] of2020 = new Doc()
        .p("一、2020年工作情况").p("2020年，全区各级团组织积极投身疫情防控，组织青年志愿者3.2万人次。")
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2021年工作思路").p("2021年，重点做好建党100周年系列工作。")
        .bytes();
    SummaryImport result = reader.read(of2020, 2020);
    assertThat(result.parts()).containsExactly(
        entry("yearWork", "2020年，全区各级团组织积极投身疫情防控，组织青年志愿者3.2万人次。"),
        entry("problems", VITALITY),
        entry("nextYearIdeas", "2021年，重点做好建党100周年系列工作。"));
    assertThat(result.warnings()).containsExactly("未找到“四、对有关工作的意见建议”部分的标题，请在表单中补填");

    // last year's summary uploaded for the 2026 round
    assertThat(reader.read(of2020, 2026).warnings()).containsExactly(
        "标题“一、2020年工作情况”中的年份与本次考核的年度不符（应为2026年），请确认上传的是2026年的工作总结",
        "标题“三、2021年工作思路”中的年份与本次考核的年度不符（应为2027年），请确认上传的是2026年的工作总结",
        "未找到“四、对有关工作的意见建议”部分的标题，请在表单中补填");

    byte[] noProblems = new Doc().p("一、2026年工作情况").p(INTRO).bytes();
    assertThat(reader.read(noProblems, null).warnings()).containsExactly(
        "未找到“二、当前工作中存在的问题与困难”部分的标题，请在表单中补填",
        "未找到“三、下一年度工作思路”部分的标题，请在表单中补填",
        "未找到“四、对有关工作的意见建议”部分的标题，请在表单中补填");
    assertThat(reader.read(new Doc().p(INTRO).bytes(), null).problem())
        .isEqualTo("未能在文档中识别出工作总结的四个部分标题（如“一、本年度工作情况”），请按模板的四个部分标题整理后再上传，或直接在表单中填写");
    assertThat(PoiSummaryDocument.label("nextYearIdeas", 2020)).isEqualTo("三、2021年工作思路");
  }

  // ---------------------------------------------------------------- plain text

  @Test
  void textStaysPlainMarkupIsKeptAsTypedAndControlCharactersGo() {
    byte[] docx = new Doc()
        .p("一、2026年工作情况")
        .p("举办<b>“青春广州”</b>主题活动 & 论坛<script>alert(1)</script>")
        .lineBreak("第一行", "第二行")
        .p("二、当前工作中存在的问题与困难").p(VITALITY)
        .p("三、2027年工作思路").p(NEXT)
        .p("四、对有关工作的意见建议").p(SUGGESTION)
        .bytes();
    assertThat(reader.read(docx, 2026).parts().get("yearWork"))
        .isEqualTo("举办<b>“青春广州”</b>主题活动 & 论坛<script>alert(1)</script>\n第一行\n第二行");
    // XML cannot carry most control characters; what a run's text may still hold is removed or made a line break
    assertThat(PoiSummaryDocument.clean("a\u0000b\u0007c\td\r\ne\u000Bf\u001Fg\u007Fh\u0085i"))
        .isEqualTo("abc\td\ne\nfgh\ni");
  }

  // ---------------------------------------------------------------- building documents

  /** A .docx built paragraph by paragraph, with heading styles named as Chinese Word names them. */
  static final class Doc {
    private final XWPFDocument doc = new XWPFDocument();
    private XWPFNumbering numbering;
    private int lists;

    Doc() {
      XWPFStyles styles = doc.createStyles();
      style(styles, "1", "heading 1");
      style(styles, "Heading2", "heading 2");
      style(styles, "Title", "Title");
    }

    private static void style(XWPFStyles styles, String id, String name) {
      CTStyle style = CTStyle.Factory.newInstance();
      style.setStyleId(id);
      style.addNewName().setVal(name);
      style.setType(STStyleType.PARAGRAPH);
      styles.addStyle(new XWPFStyle(style));
    }

    Doc p(String... texts) {
      for (String text : texts) {
        doc.createParagraph().createRun().setText(text);
      }
      return this;
    }

    Doc bold(String text) {
      XWPFRun run = doc.createParagraph().createRun();
      run.setText(text);
      run.setBold(true);
      return this;
    }

    Doc styled(String styleId, String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setStyle(styleId);
      p.createRun().setText(text);
      return this;
    }

    Doc lineBreak(String first, String second) {
      XWPFRun run = doc.createParagraph().createRun();
      run.setText(first);
      run.addBreak();
      run.setText(second);
      return this;
    }

    /** Rows of cells; a "\n" in a cell starts another paragraph of the cell. */
    Doc table(String[]... rows) {
      XWPFTable table = doc.createTable(rows.length, rows[0].length);
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < rows[r].length; c++) {
          String[] paragraphs = rows[r][c].split("\n");
          table.getRow(r).getCell(c).setText(paragraphs[0]);
          for (int i = 1; i < paragraphs.length; i++) {
            table.getRow(r).getCell(c).addParagraph().createRun().setText(paragraphs[i]);
          }
        }
      }
      return this;
    }

    /** A paragraph numbered by Word's list numbering (first level, {@code format} and {@code levelText}). */
    Doc numbered(STNumberFormat.Enum format, String levelText, String text) {
      if (numbering == null) {
        numbering = doc.createNumbering();
      }
      CTAbstractNum list = CTAbstractNum.Factory.newInstance();
      list.setAbstractNumId(BigInteger.valueOf(lists++));
      CTLvl level = list.addNewLvl();
      level.setIlvl(BigInteger.ZERO);
      level.addNewStart().setVal(BigInteger.ONE);
      level.addNewNumFmt().setVal(format);
      level.addNewLvlText().setVal(levelText);
      BigInteger numId = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(list)));
      XWPFParagraph p = doc.createParagraph();
      p.setNumID(numId);
      p.setNumILvl(BigInteger.ZERO);
      p.createRun().setText(text);
      return this;
    }

    byte[] bytes() {
      try (doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.write(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
