package org.kaohe.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.IRunElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.stereotype.Component;

/**
 * A unit's yearly work summary written in Word (.docx) read into the four parts of the package's {@code summary}
 * ({@link #PART_KEYS}; docs/annual-assessment-processes.md), so the form can be filled from the document.
 *
 * <p>The file passes {@link OoxmlUpload}'s guards (size {@value #MAX_BYTES} bytes, file type, encryption, zip bombs,
 * DOCTYPEs). A part starts at its heading and runs to the next one. A heading is a short paragraph (at most
 * {@value #MAX_HEADING} characters) whose words point to one part (工作情况 … → yearWork, 问题 … → problems, 思路 …
 * → nextYearIdeas, 意见 … → suggestions) and that starts with a Chinese ordinal (一、 二． 三. 第四部分), is numbered so
 * by Word's own list numbering, or, unnumbered, is styled as a heading or is bold throughout. Cities number the four
 * parts as the form does (seed 000), so the ordinal is what is trusted most; "1." numbering is a list item of body
 * text in Chinese official writing and is not taken for a heading, but a missing part's look-alike is named in a
 * warning. A heading of the part already being read (a bold sub-heading 主要工作 in 工作情况) is a line of its
 * text. Body text is plain: paragraphs and table rows (cells joined by a tab) one a line, blank lines dropped, no
 * markup, no control characters.
 *
 * <p>What could not be placed is said in Chinese warnings; a document without any heading is refused with one
 * problem and no parts. Stateless and thread-safe.
 */
@Component
public class PoiSummaryDocument {

  /** The summary's parts in the order of the form. */
  public static final List<String> PART_KEYS = List.of("yearWork", "problems", "nextYearIdeas", "suggestions");

  public static final int MAX_BYTES = OoxmlUpload.DOCX_MAX_BYTES;
  static final int MAX_HEADING = 40;
  /** Length of a piece of the document quoted in a warning. */
  static final int QUOTE = 30;

  static final String NOT_DOCX = OoxmlUpload.NOT_DOCX;
  static final String ENCRYPTED = OoxmlUpload.ENCRYPTED;
  static final String TOO_LARGE = OoxmlUpload.DOCX_TOO_LARGE;
  static final String BOMB = OoxmlUpload.BOMB;

  private static final String CN_ORDINALS = "一二三四五六七八九十";
  /** 一、 二． 三. (spaces already removed); also 第一部分, with or without a separator after it. */
  private static final Pattern ORDINAL = Pattern.compile(
      "^(?:([" + CN_ORDINALS + "]{1,3})[、．.]|第([" + CN_ORDINALS + "]{1,3})部分[、．.：:]?)");
  /** Numbering of a lower level or of a list: （一） (1) 1. 1、 ① 第一条; never a part's heading (2026年… is no number). */
  private static final Pattern OTHER_NUMBERING = Pattern.compile(
      "^(?:[（(〔\\[【]|[0-9]{1,3}[.．、，,)）:：]|[①-⑳]|第[" + CN_ORDINALS + "0-9]+[条章节项点])");
  private static final Pattern DIGIT_NUMBER = Pattern.compile("^([1-4])[.．、]");
  private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})年");
  /** A document's title, which is bold and sometimes a heading style, and may say 工作情况 too. */
  private static final Pattern TITLE_ENDING = Pattern.compile("(总结|报告|汇报|材料)$");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000\\u2000-\\u200B\\uFEFF]+");
  private static final Pattern EDGE_SPACES =
      Pattern.compile("^[\\s\\u00A0\\u3000\\u2000-\\u200B\\uFEFF]+|[\\s\\u00A0\\u3000\\u2000-\\u200B\\uFEFF]+$");
  private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n|[\\r\\u000B\\f\\u0085\\u2028\\u2029]");
  private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
  private static final Pattern HEADING_STYLE = Pattern.compile("(?i)(heading|标题)\\s*[1-9]");
  private static final Pattern HEADING_END = Pattern.compile("[：:。]");
  /** Word's number formats of 一 二 三 (chineseCounting, chineseCountingThousand, …; not 壹 贰 or 甲 乙). */
  private static final Pattern CHINESE_COUNTING = Pattern.compile("(chinese|taiwanese)Counting(Thousand)?");
  private static final Pattern AUTO_ORDINAL = Pattern.compile("%1[、．.]");

  private static final List<List<String>> KEYWORDS = List.of(
      List.of("工作情况", "工作总结", "工作开展", "主要工作"),
      List.of("问题", "困难", "不足"),
      List.of("思路", "计划", "打算", "安排"),
      List.of("意见", "建议"));

  static {
    OoxmlUpload.secure();
  }

  /**
   * The parts found ({@link #PART_KEYS} order, only those with a heading and text) and warnings, or, when not
   * {@link #ok()}, the one problem and nothing else.
   */
  public record SummaryImport(Map<String, String> parts, List<String> warnings, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** The form's label of a part: "一、2026年工作情况"; without a year "一、本年度工作情况". */
  static String label(String key, Integer year) {
    return switch (key) {
      case "yearWork" -> "一、" + (year == null ? "本年度" : year + "年") + "工作情况";
      case "problems" -> "二、当前工作中存在的问题与困难";
      case "nextYearIdeas" -> "三、" + (year == null ? "下一年度" : (year + 1) + "年") + "工作思路";
      case "suggestions" -> "四、对有关工作的意见建议";
      default -> throw new IllegalArgumentException(key);
    };
  }

  /** The problem of a document in which no part's heading was found. */
  static String noHeadings(Integer year) {
    return "未能在文档中识别出工作总结的四个部分标题（如“" + label("yearWork", year)
        + "”），请按模板的四个部分标题整理后再上传，或直接在表单中填写";
  }

  static String missing(String key, Integer year) {
    return "未找到“" + label(key, year) + "”部分的标题，请在表单中补填";
  }

  /**
   * Reads a .docx; {@code year} is the round's (null: labels say 本年度 and the headings' years are not checked).
   */
  public SummaryImport read(byte[] docx, Integer year) {
    return OoxmlUpload.readDocx(docx, doc -> new Reader(doc, year).read(),
        problem -> new SummaryImport(Map.of(), List.of(), problem));
  }

  /**
   * One line of the document: a paragraph, a table row, or a piece of a content control. {@code autoOrdinal}: Word
   * numbers the paragraph 一、 二、 … itself (a list of the first level in Chinese counting), the number is not in the
   * text.
   */
  private record Line(String text, boolean paragraph, boolean headingStyled, boolean bold, boolean autoOrdinal) {}

  /** A paragraph numbered "2." that reads like a part's heading, and the part whose text it went into (or null). */
  private record LookAlike(String key, String text, String into) {}

  /** One reading of one document. */
  private static final class Reader {

    private final XWPFDocument doc;
    private final Integer year;
    private final List<String> warnings = new ArrayList<>();
    private final List<List<String>> texts = new ArrayList<>();
    private final boolean[] found = new boolean[PART_KEYS.size()];
    private final List<String> preamble = new ArrayList<>();
    private final List<LookAlike> lookAlikes = new ArrayList<>();
    private int current = -1;

    Reader(XWPFDocument doc, Integer year) {
      this.doc = doc;
      this.year = year;
      for (int i = 0; i < PART_KEYS.size(); i++) {
        texts.add(new ArrayList<>());
      }
    }

    SummaryImport read() {
      List<Line> lines = new ArrayList<>();
      for (IBodyElement element : doc.getBodyElements()) {
        lines(element, lines);
      }
      for (Line line : lines) {
        take(line);
      }
      if (current < 0) {
        return new SummaryImport(Map.of(), List.of(), noHeadings(year));
      }
      if (!preamble.isEmpty()) {
        warnings.add(0, "文档开头的“" + quote(String.join(" ", preamble)) + "”不属于工作总结的四个部分，未导入");
      }
      Map<String, String> parts = new LinkedHashMap<>();
      for (int i = 0; i < PART_KEYS.size(); i++) {
        String key = PART_KEYS.get(i);
        String text = strip(String.join("\n", texts.get(i)));
        if (!found[i]) {
          warnings.add(missing(key, year));
          for (LookAlike look : lookAlikes) {
            if (look.key().equals(key)) {
              warnings.add("“" + look.text() + "”用的是数字编号，未作为部分标题识别（部分标题的编号应为“"
                  + label(key, year).substring(0, 2) + "”），其下内容" + (look.into() == null ? "未导入"
                  : "已并入“" + label(look.into(), year) + "”") + "，请检查");
            }
          }
        } else if (text.isEmpty()) {
          warnings.add("“" + label(key, year) + "”部分的标题下没有文字，请在表单中补填");
        } else {
          parts.put(key, text);
        }
      }
      return new SummaryImport(Collections.unmodifiableMap(parts), List.copyOf(warnings), null);
    }

    // ------------------------------------------------------------ lines of the document

    private void lines(IBodyElement element, List<Line> out) {
      if (element instanceof XWPFParagraph p) {
        String text = paragraphText(p);
        out.add(new Line(text, true, headingStyled(p), bold(p), autoOrdinal(p)));
      } else if (element instanceof XWPFTable table) {
        for (XWPFTableRow row : table.getRows()) {
          List<String> cells = new ArrayList<>();
          for (XWPFTableCell cell : row.getTableCells()) {
            cells.add(cellText(cell));
          }
          while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
          }
          out.add(new Line(String.join("\t", cells), false, false, false, false));
        }
      } else if (element instanceof XWPFSDT sdt) {
        // A content control around paragraphs: its text, line by line, as paragraphs without style.
        for (String piece : clean(sdt.getContent().getText()).split("\n")) {
          out.add(new Line(piece, true, false, false, false));
        }
      }
    }

    /**
     * The runs' text as Word shows it (tabs, line breaks), without the footnotes' text that POI's getText() appends
     * and without text deleted under track changes.
     */
    private static String paragraphText(XWPFParagraph p) {
      StringBuilder text = new StringBuilder();
      for (IRunElement run : p.getIRuns()) {
        if (run instanceof XWPFRun r) {
          if (!r.getCTR().isSetRsidDel()) {
            text.append(r.text());
          }
        } else if (run instanceof XWPFSDT sdt) {
          text.append(sdt.getContent().getText());
        } else {
          text.append(run);
        }
      }
      return clean(text.toString());
    }

    /** A cell on one line: its paragraphs (and those of a table inside it) joined with a space. */
    private static String cellText(XWPFTableCell cell) {
      List<String> pieces = new ArrayList<>();
      for (IBodyElement element : cell.getBodyElements()) {
        if (element instanceof XWPFParagraph p) {
          pieces.add(paragraphText(p));
        } else if (element instanceof XWPFTable inner) {
          for (XWPFTableRow row : inner.getRows()) {
            for (XWPFTableCell c : row.getTableCells()) {
              pieces.add(cellText(c));
            }
          }
        }
      }
      return pieces.stream().map(s -> strip(s.replace('\n', ' ').replace('\t', ' ')))
          .filter(s -> !s.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
    }

    private boolean headingStyled(XWPFParagraph p) {
      String id = p.getStyleID();
      if (id == null) {
        return false;
      }
      XWPFStyle style = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
      String name = style == null ? null : style.getName();
      return HEADING_STYLE.matcher(id).find() || name != null && HEADING_STYLE.matcher(name).find();
    }

    /** Numbered by Word 一、 二、 … (or 一. 一．), at the list's first level. */
    private static boolean autoOrdinal(XWPFParagraph p) {
      String format = p.getNumFmt();
      String text = p.getNumLevelText();
      return format != null && text != null && CHINESE_COUNTING.matcher(format).matches()
          && AUTO_ORDINAL.matcher(text.strip()).matches();
    }

    /** Bold throughout: every run with text is bold (as set on the run; a bold paragraph style is a heading's). */
    private static boolean bold(XWPFParagraph p) {
      boolean any = false;
      for (XWPFRun run : p.getRuns()) {
        String text = run.text();
        if (text == null || SPACES.matcher(text).replaceAll("").isEmpty()) {
          continue;
        }
        if (!run.isBold()) {
          return false;
        }
        any = true;
      }
      return any;
    }

    // ------------------------------------------------------------ parts

    private void take(Line line) {
      if (line.paragraph()) {
        Heading heading = heading(line);
        if (heading == null) {
          lookAlike(line);
        } else if (heading.part() != current) {
          start(heading);
          return;
        }
        // A heading of the part we are in (a sub-heading, a list item naming it) is a line of its text.
      }
      body(line.text(), line.paragraph());
    }

    /** A short numbered paragraph that is no part's heading: said in a warning, kept as text. */
    private void lookAlike(Line line) {
      String compact = compact(line.text());
      if (length(compact) > MAX_HEADING) {
        return;
      }
      Matcher digit = DIGIT_NUMBER.matcher(compact);
      if (digit.find()) {
        int number = digit.group(1).charAt(0) - '1';
        if (partsOf(compact.substring(digit.end())).contains(number)) {
          lookAlikes.add(new LookAlike(PART_KEYS.get(number), quote(line.text()),
              current < 0 ? null : PART_KEYS.get(current)));
        }
      }
      if ((ORDINAL.matcher(compact).find() || line.autoOrdinal()) && current >= 0) {
        warnings.add("“" + quote(line.text()) + "”不是工作总结的四个部分之一，其下内容已并入“"
            + label(PART_KEYS.get(current), year) + "”，请检查");
      }
    }

    private void body(String text, boolean paragraph) {
      List<String> into = current < 0 ? preamble : texts.get(current);
      for (String piece : text.split("\n")) {
        // A table row keeps its leading empty cells (tabs), so its columns stay where they were.
        String s = paragraph ? strip(piece) : strip(piece).isEmpty() ? "" : piece.stripTrailing();
        if (!s.isEmpty()) {
          into.add(s);
        }
      }
    }

    private void start(Heading heading) {
      int part = heading.part();
      String key = PART_KEYS.get(part);
      if (found[part]) {
        warnings.add("“" + label(key, year) + "”部分的标题出现了不止一次（“" + quote(heading.text())
            + "”），两处内容已合并，请检查");
      }
      found[part] = true;
      current = part;
      checkYear(part, heading.text());
      if (heading.rest() != null) {
        body(heading.rest(), true);
      }
    }

    /** A heading naming another year than the round's is likely last year's summary uploaded by mistake. */
    private void checkYear(int part, String text) {
      if (year == null || part != 0 && part != 2) {
        return;
      }
      Matcher m = YEAR.matcher(compact(text));
      int expected = part == 0 ? year : year + 1;
      if (m.find() && Integer.parseInt(m.group(1)) != expected) {
        warnings.add("标题“" + quote(text) + "”中的年份与本次考核的年度不符（应为" + expected
            + "年），请确认上传的是" + year + "年的工作总结");
      }
    }

    private record Heading(int part, String text, String rest) {}

    /** The heading this paragraph is, or null: see the class comment. */
    private Heading heading(Line line) {
      String text = strip(line.text());
      String compact = compact(text);
      if (compact.isEmpty()) {
        return null;
      }
      Matcher ordinal = ORDINAL.matcher(compact);
      boolean written = ordinal.find();
      if (written || line.autoOrdinal()) {
        // Word's own numbering is not in the text: its number is not known here, only the words decide.
        int number = written ? ordinalValue(ordinal.group(1) != null ? ordinal.group(1) : ordinal.group(2)) : 0;
        if (written && (number < 1 || number > PART_KEYS.size())) {
          return null;
        }
        if (length(compact) <= MAX_HEADING) {
          int part = choose(partsOf(written ? compact.substring(ordinal.end()) : compact), number - 1);
          return part < 0 ? null : new Heading(part, text, null);
        }
        // "一、2026年工作情况。今年以来……": the heading and the first paragraph written as one.
        Matcher end = HEADING_END.matcher(text);
        if (end.find()) {
          String head = text.substring(0, end.start());
          String headCompact = compact(head);
          Matcher o = ORDINAL.matcher(headCompact);
          boolean headWritten = o.find();
          if (length(headCompact) <= MAX_HEADING && headWritten == written) {
            int part = choose(partsOf(written ? headCompact.substring(o.end()) : headCompact), number - 1);
            if (part >= 0) {
              return new Heading(part, head, text.substring(end.end()));
            }
          }
        }
        return null;
      }
      if (!(line.headingStyled() || line.bold()) || length(compact) > MAX_HEADING
          || OTHER_NUMBERING.matcher(compact).find() || TITLE_ENDING.matcher(compact).find()) {
        return null;
      }
      int part = choose(partsOf(compact), -1);
      return part < 0 ? null : new Heading(part, text, null);
    }

    /** The part the ordinal names when the words allow it, else the first the words point to; -1 if none. */
    private static int choose(List<Integer> parts, int byOrdinal) {
      if (parts.isEmpty()) {
        return -1;
      }
      return parts.contains(byOrdinal) ? byOrdinal : parts.get(0);
    }

    private static List<Integer> partsOf(String words) {
      List<Integer> parts = new ArrayList<>();
      for (int i = 0; i < KEYWORDS.size(); i++) {
        for (String keyword : KEYWORDS.get(i)) {
          if (words.contains(keyword)) {
            parts.add(i);
            break;
          }
        }
      }
      return parts;
    }

    private static int ordinalValue(String s) {
      if (s.length() == 1) {
        return CN_ORDINALS.indexOf(s.charAt(0)) + 1;
      }
      return -1; // 十一 and beyond: no part of the four
    }
  }

  // ------------------------------------------------------------ text

  /** Line breaks as "\n", no other control character but the tab. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    return CONTROLS.matcher(LINE_BREAKS.matcher(text).replaceAll("\n")).replaceAll("");
  }

  private static String strip(String s) {
    return EDGE_SPACES.matcher(s).replaceAll("");
  }

  /** Without any space, full-width digits as ASCII: what headings are matched on. */
  private static String compact(String s) {
    StringBuilder out = new StringBuilder(s.length());
    SPACES.matcher(s).replaceAll("").codePoints().forEach(c -> out.appendCodePoint(
        c >= '０' && c <= '９' ? c - '０' + '0' : c));
    return out.toString();
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String quote(String text) {
    String s = SPACES.matcher(strip(text)).replaceAll(" ");
    return length(s) > QUOTE ? s.substring(0, s.offsetByCodePoints(0, QUOTE)) + "…" : s;
  }
}
