package org.kaohe.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Makes bad files out of good ones for {@link ImporterFuzzer}. Everything comes from the {@link Random} it is given,
 * so one seed gives one file again (that is how a failure is replayed).
 *
 * <p>Byte-level changes (flips, cuts, duplicated and spliced ranges) find little in an OOXML file: its parts are
 * deflated, so almost any changed byte just breaks the zip. Most changes are therefore made inside the package: its
 * entries deleted, duplicated, renamed or swapped, their XML changed as text (numbers, cell references, tags, deep
 * nesting, entity declarations, external relationships, huge text), zip bombs and lying zip headers. The zip is
 * written here by hand so that it may hold what a real zip library refuses to write (two entries of one name,
 * sizes that lie). HTML gets text-level changes of its own (deep nesting, numbering lines by the thousand, unclosed
 * department brackets, odd charsets).
 */
final class FileMutator {

  private static final String[] NUMBERS = {"0", "-1", "1", "2147483647", "2147483648", "-2147483649",
      "9223372036854775807", "99999999999999999999999999", "1e308", "-1e308", "4.9e-324", "NaN", "Infinity", "-0",
      "", "0x10", "1048576", "1048577", "16384", "65536", "3.5", "２０２６"};
  private static final String[] CELL_REFS = {"A0", "A1048577", "XFD1048576", "XFE1", "ZZZZ1", "", "1A", "A-1",
      "A99999999999", "$A$1", "a1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1", "R1C1"};
  private static final String[] TEXTS = {"", "是", "否", "2026年13月45日", "2026-02-30", "9999-99-99", "一、", "（一）",
      "重点工作项目", "工作开展情况", "\u0000", "\uFFFF", "\uD800", "&amp;&lt;", "{{constructor.constructor('x')()}}",
      "<script>x</script>", "=cmd|' /C calc'!A0", "#REF!"};
  private static final String[] RELATIONSHIP_TARGETS = {"file:///etc/passwd", "http://127.0.0.1:1/x.xml",
      "../../../../../../etc/passwd", "/xl/missing.xml", "/word/missing.xml", "", "%00", "\\\\host\\share\\x",
      "worksheets/sheet1.xml#x", "/[Content_Types].xml", "/_rels/.rels", "jar:file:/x.jar!/a"};
  private static final String[] CONTENT_TYPES = {
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "text/html", "", "application/xml"};
  private static final String[] ENTITY_ATTACKS = {
      "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
          + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
      "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
      "<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/kaohe.dtd\">",
      "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p.dtd\"> %p;]>"};
  private static final String[] NESTING_TAGS = {"w:p", "w:r", "w:tbl", "w:tc", "w:sdt", "c", "row", "x", "is", "r"};
  /** Nestings the schemas allow, each as its opening and closing tags: tables in cells, controls in controls. */
  private static final String[][] SCHEMA_NESTING = {
      {"<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>"},
      {"<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"},
      {"<w:p><w:sdt><w:sdtContent><w:r><w:t>x</w:t></w:r>", "</w:sdtContent></w:sdt></w:p>"},
      {"<w:p><w:hyperlink><w:r><w:t>x</w:t></w:r>", "</w:hyperlink></w:p>"},
      {"<w:p><w:fldSimple w:instr=\"PAGE\">", "</w:fldSimple></w:p>"},
      {"<w:p><w:smartTag w:uri=\"u\" w:element=\"e\">", "</w:smartTag></w:p>"},
      {"<w:p><w:customXml w:element=\"e\">", "</w:customXml></w:p>"}};
  private static final String[] HTML_NESTING = {"div", "span", "b", "strong", "li", "ol", "ul", "table", "td", "p",
      "font", "a", "blockquote", "section"};
  private static final String[] HTML_LINES = {"一、第一部分", "（一）条目", "1.条目。正文", "（1）小点", "十百零〇两、",
      "（牵头部门：团省委办公室；配合部门：组织部）", "（牵头部门：（（（（", "<li>条目", "<ol start=\"2147483647\"><li>x",
      "<ol start=\"-99999999999\"><li>x", "<b>加粗标题</b>正文", "<br>", "&#xFFFFFFFF;", "&#0;", "<!--", "<![CDATA[",
      "<script>", "<meta charset=\"x-unknown\">", "<meta charset=\"utf-32\">", "<meta http-equiv=\"Content-Type\" "
          + "content=\"text/html; charset=gb2312\">", "<title>标题</title>", "<h1>一、标题</h1>", "<nav>菜单</nav>"};
  private static final Pattern DIGITS = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern CELL_REF = Pattern.compile("(r|ref|sqref|s|t|w:val|w:ilvl|w:numId|count)=\"([^\"]*)\"");
  private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][\\w:.-]*)");
  private static final Pattern TEXT_NODE = Pattern.compile(">([^<]+)<");
  private static final Pattern TARGET = Pattern.compile("Target=\"([^\"]*)\"");

  /** One stored or deflated file inside a package, with the sizes its headers claim (which may lie). */
  record Entry(String name, byte[] data) {}

  /** 40 MiB of zeros deflated once: a part that inflates 1000 times over, well over every limit. */
  private static volatile byte[] bombDeflated;
  private static final int BOMB_BYTES = 40 * 1024 * 1024;

  private FileMutator() {}

  // ---------------------------------------------------------------- entry points

  /** A bad file made from {@code seed} (an OOXML package), sometimes from {@code others} too. */
  static byte[] mutateOoxml(byte[] seed, List<byte[]> others, Random r) {
    int roll = r.nextInt(100);
    if (roll < 12) {
      return mutateBytes(seed, others, r, 1 + r.nextInt(4));
    }
    List<Entry> entries = entries(seed);
    // mostly one change: a file broken in three places is refused at the first, and finds nothing behind it
    int changes = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
    boolean lie = false;
    boolean store = r.nextInt(5) == 0;
    for (int i = 0; i < changes && !entries.isEmpty(); i++) {
      int what = r.nextInt(100);
      if (what < 45) {
        int at = pickXml(entries, r);
        Entry e = entries.get(at);
        if (e.data() == null) {
          continue; // the bomb part, added by an earlier change
        }
        String xml = new String(e.data(), StandardCharsets.UTF_8);
        entries.set(at, new Entry(e.name(), mutateXml(xml, e.name(), r).getBytes(charsetFor(r))));
      } else if (what < 52) {
        entries.remove(r.nextInt(entries.size()));
      } else if (what < 58) {
        Entry e = entries.get(r.nextInt(entries.size()));
        entries.add(r.nextInt(entries.size() + 1), r.nextBoolean() || e.data() == null ? e
            : new Entry(e.name(), mutateXml(new String(e.data(), StandardCharsets.UTF_8), e.name(), r)
                .getBytes(StandardCharsets.UTF_8)));
      } else if (what < 63) {
        int at = r.nextInt(entries.size());
        Entry e = entries.get(at);
        entries.set(at, new Entry(rename(e.name(), r), e.data()));
      } else if (what < 67) {
        int a = r.nextInt(entries.size());
        int b = r.nextInt(entries.size());
        Entry ea = entries.get(a);
        Entry eb = entries.get(b);
        entries.set(a, new Entry(ea.name(), eb.data()));
        entries.set(b, new Entry(eb.name(), ea.data()));
      } else if (what < 72) {
        int at = r.nextInt(entries.size());
        Entry e = entries.get(at);
        if (e.data() != null) {
          entries.set(at, new Entry(e.name(), mutateBytes(e.data(), List.of(), r, 1 + r.nextInt(3))));
        }
      } else if (what < 76) {
        // a part of another file: a .docx's document in a workbook, a sheet in a document
        byte[] other = others.get(r.nextInt(others.size()));
        List<Entry> foreign = entries(other);
        if (!foreign.isEmpty()) {
          Entry f = foreign.get(r.nextInt(foreign.size()));
          entries.add(r.nextBoolean() ? f : new Entry(entries.get(r.nextInt(entries.size())).name(), f.data()));
        }
      } else if (what < 80) {
        entries.add(new Entry(r.nextBoolean() ? "xl/media/bomb.bin" : entries.get(r.nextInt(entries.size())).name(),
            null));
      } else if (what < 83) {
        for (int n = 0; n < 1100; n++) {
          entries.add(new Entry("customXml/item" + n + ".xml", "<x/>".getBytes(StandardCharsets.US_ASCII)));
        }
      } else if (what < 88) {
        lie = true;
      } else if (what < 93) {
        int at = pickXml(entries, r);
        Entry e = entries.get(at);
        if (e.data() != null) {
          entries.set(at, new Entry(e.name(), hugeText(e.data(), r)));
        }
      } else {
        entries.add(new Entry(randomName(r), randomBytes(r, r.nextInt(2048))));
      }
    }
    byte[] zip = zip(entries, lie, store, r);
    return r.nextInt(10) == 0 ? mutateBytes(zip, others, r, 1) : zip;
  }

  /** A bad page made from {@code seed} (HTML), sometimes from {@code others} (any file) too. */
  static byte[] mutateHtml(byte[] seed, List<byte[]> others, Random r) {
    int roll = r.nextInt(100);
    if (roll < 25) {
      return mutateBytes(seed, others, r, 1 + r.nextInt(6));
    }
    String html = new String(seed, StandardCharsets.UTF_8);
    int changes = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
    for (int i = 0; i < changes; i++) {
      int what = r.nextInt(100);
      int at = html.isEmpty() ? 0 : r.nextInt(html.length());
      if (what < 20) {
        String tag = HTML_NESTING[r.nextInt(HTML_NESTING.length)];
        int depth = pick(r, 100, 5_000, 50_000, 200_000);
        html = html.substring(0, at) + ("<" + tag + ">").repeat(depth) + HTML_LINES[r.nextInt(HTML_LINES.length)]
            + (r.nextBoolean() ? ("</" + tag + ">").repeat(depth) : "") + html.substring(at);
      } else if (what < 40) {
        StringBuilder lines = new StringBuilder();
        int n = pick(r, 10, 1_000, 30_000, 100_000);
        String line = HTML_LINES[r.nextInt(HTML_LINES.length)];
        for (int k = 0; k < n; k++) {
          lines.append("<p>").append(line).append(r.nextInt(10) == 0 ? HTML_LINES[r.nextInt(HTML_LINES.length)] : "")
              .append(k).append("</p>");
        }
        html = html.substring(0, at) + lines + html.substring(at);
      } else if (what < 55) {
        Matcher m = TAG.matcher(html);
        List<int[]> tags = new ArrayList<>();
        while (m.find() && tags.size() < 5000) {
          tags.add(new int[] {m.start(2), m.end(2)});
        }
        if (!tags.isEmpty()) {
          int[] t = tags.get(r.nextInt(tags.size()));
          html = html.substring(0, t[0]) + HTML_NESTING[r.nextInt(HTML_NESTING.length)] + html.substring(t[1]);
        }
      } else if (what < 70) {
        html = html.substring(0, at) + HTML_LINES[r.nextInt(HTML_LINES.length)] + html.substring(at);
      } else if (what < 80) {
        int end = Math.min(html.length(), at + r.nextInt(5000));
        html = html.substring(0, at) + (r.nextBoolean() ? "" : html.substring(at, end).repeat(1 + r.nextInt(50)))
            + html.substring(end);
      } else if (what < 90) {
        String text = "（牵头部门：" + "团省委（组织部".repeat(pick(r, 1, 100, 10_000, 60_000));
        html = html.substring(0, at) + text + html.substring(at);
      } else {
        html = html.substring(0, at) + TEXTS[r.nextInt(TEXTS.length)] + NUMBERS[r.nextInt(NUMBERS.length)]
            + html.substring(at);
      }
    }
    byte[] bytes = html.getBytes(charsetFor(r));
    return r.nextInt(8) == 0 ? mutateBytes(bytes, others, r, 1) : bytes;
  }

  // ---------------------------------------------------------------- bytes

  static byte[] mutateBytes(byte[] seed, List<byte[]> others, Random r, int changes) {
    byte[] b = seed.clone();
    for (int i = 0; i < changes; i++) {
      int what = r.nextInt(7);
      if (b.length == 0) {
        b = randomBytes(r, 1 + r.nextInt(64));
        continue;
      }
      int at = r.nextInt(b.length);
      switch (what) {
        case 0 -> {
          for (int k = 0, n = 1 + r.nextInt(16); k < n; k++) {
            int p = r.nextInt(b.length);
            b[p] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = Arrays.copyOf(b, at);
        case 2 -> {
          int len = Math.min(b.length - at, 1 + r.nextInt(4096));
          b = concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, b.length));
        }
        case 3 -> {
          byte[] other = others.isEmpty() ? seed : others.get(r.nextInt(others.size()));
          int from = other.length == 0 ? 0 : r.nextInt(other.length);
          b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, from, other.length));
        }
        case 4 -> b = concat(concat(Arrays.copyOf(b, at), randomBytes(r, 1 + r.nextInt(256))),
            Arrays.copyOfRange(b, at, b.length));
        case 5 -> {
          int len = Math.min(b.length - at, 1 + r.nextInt(256));
          b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
        }
        default -> {
          // interesting values where a length or an offset may stand
          int[] values = {0, 0xff, 0x7f, 0x80, 0xfe};
          for (int k = 0; k < 4 && at + k < b.length; k++) {
            b[at + k] = (byte) values[r.nextInt(values.length)];
          }
        }
      }
    }
    return b;
  }

  // ---------------------------------------------------------------- XML

  static String mutateXml(String xml, String name, Random r) {
    int what = r.nextInt(100);
    if (name.endsWith(".rels") && what < 30) {
      return replaceOne(xml, TARGET, r, m -> "Target=\"" + RELATIONSHIP_TARGETS[r.nextInt(RELATIONSHIP_TARGETS.length)]
          + "\"" + (r.nextBoolean() ? " TargetMode=\"External\"" : ""));
    }
    if (name.equals("[Content_Types].xml") && what < 30) {
      return xml.replaceFirst("ContentType=\"[^\"]*main\\+xml\"",
          "ContentType=\"" + CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)] + "\"");
    }
    if (what < 18) {
      return replaceOne(xml, DIGITS, r, m -> NUMBERS[r.nextInt(NUMBERS.length)]);
    }
    if (what < 32) {
      return replaceOne(xml, CELL_REF, r, m -> m.group(1) + "=\""
          + (r.nextBoolean() ? CELL_REFS[r.nextInt(CELL_REFS.length)] : NUMBERS[r.nextInt(NUMBERS.length)]) + "\"");
    }
    if (what < 42) {
      return replaceOne(xml, TEXT_NODE, r, m -> ">" + TEXTS[r.nextInt(TEXTS.length)] + "<");
    }
    if (what < 52) {
      Matcher m = TAG.matcher(xml);
      List<String> names = new ArrayList<>();
      List<int[]> spans = new ArrayList<>();
      while (m.find() && spans.size() < 20_000) {
        names.add(m.group(2));
        spans.add(new int[] {m.start(2), m.end(2)});
      }
      if (spans.isEmpty()) {
        return xml;
      }
      int[] s = spans.get(r.nextInt(spans.size()));
      return xml.substring(0, s[0]) + names.get(r.nextInt(names.size())) + xml.substring(s[1]);
    }
    int lt = randomIndexOf(xml, '<', r);
    if (lt < 0) {
      return xml;
    }
    if (what < 62) {
      // a span cut out or doubled between two tag starts: unbalanced, or an element twice
      int end = xml.indexOf('<', Math.min(xml.length(), lt + 1 + r.nextInt(2000)));
      end = end < 0 ? xml.length() : end;
      String span = xml.substring(lt, end);
      return xml.substring(0, lt) + (r.nextBoolean() ? "" : span.repeat(2 + r.nextInt(r.nextBoolean() ? 3 : 5000)))
          + xml.substring(end);
    }
    if (what < 68 && name.startsWith("word/") && xml.contains("<w:body>")) {
      String[] nesting = SCHEMA_NESTING[r.nextInt(SCHEMA_NESTING.length)];
      int depth = pick(r, 50, 2_000, 20_000, 100_000);
      int body = xml.indexOf("<w:body>") + "<w:body>".length();
      return xml.substring(0, body) + nesting[0].repeat(depth) + nesting[1].repeat(depth) + xml.substring(body);
    }
    if (what < 74) {
      if (lt == 0 || xml.charAt(lt + 1) == '?') {
        lt = xml.indexOf('<', xml.indexOf("?>") + 1);
        lt = lt < 0 ? xml.length() : lt;
      }
      String tag = NESTING_TAGS[r.nextInt(NESTING_TAGS.length)];
      int depth = pick(r, 100, 2_000, 20_000, 150_000);
      String open = "<" + tag + (tag.contains(":") ? "" : "") + ">";
      return xml.substring(0, lt) + open.repeat(depth) + (r.nextBoolean() ? ("</" + tag + ">").repeat(depth) : "")
          + xml.substring(lt);
    }
    if (what < 82) {
      int decl = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
      return xml.substring(0, decl) + ENTITY_ATTACKS[r.nextInt(ENTITY_ATTACKS.length)] + xml.substring(decl)
          .replaceFirst(">([^<]{1,40})<", ">&" + (r.nextBoolean() ? "d" : "e") + ";<");
    }
    if (what < 90) {
      return xml.replaceFirst("encoding=\"[^\"]*\"", "encoding=\"" + new String[] {"UTF-16", "x-unknown", "UTF-32",
          "GB2312", "", "ISO-2022-JP"}[r.nextInt(6)] + "\"");
    }
    // an attribute no schema knows, or the same attribute twice
    int gt = xml.indexOf('>', lt);
    if (gt < 0) {
      return xml;
    }
    int insertAt = xml.charAt(gt - 1) == '/' ? gt - 1 : gt;
    String attribute = r.nextBoolean() ? " r=\"" + CELL_REFS[r.nextInt(CELL_REFS.length)] + "\""
        : " xmlns:x=\"" + RELATIONSHIP_TARGETS[r.nextInt(RELATIONSHIP_TARGETS.length)] + "\" x:a=\"1\"";
    return xml.substring(0, insertAt) + attribute + xml.substring(insertAt);
  }

  private static String replaceOne(String xml, Pattern pattern, Random r,
      java.util.function.Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(xml);
    List<int[]> spans = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    int seen = 0;
    int chosen = -1;
    // reservoir sampling: one match chosen evenly without listing a large part's matches
    while (m.find()) {
      seen++;
      if (r.nextInt(seen) == 0) {
        chosen = seen;
        spans.clear();
        replacements.clear();
        spans.add(new int[] {m.start(), m.end()});
        replacements.add(replacement.apply(m));
      }
      if (seen > 50_000) {
        break;
      }
    }
    if (chosen < 0) {
      return xml;
    }
    int[] s = spans.get(0);
    return xml.substring(0, s[0]) + replacements.get(0) + xml.substring(s[1]);
  }

  private static byte[] hugeText(byte[] data, Random r) {
    String xml = new String(data, StandardCharsets.UTF_8);
    int at = xml.lastIndexOf("</t>");
    if (at < 0) {
      at = xml.lastIndexOf("</w:t>");
    }
    if (at < 0) {
      at = Math.max(0, xml.lastIndexOf('<'));
    }
    String filler = r.nextBoolean() ? "团" : "a ";
    return (xml.substring(0, at) + filler.repeat(pick(r, 1_000, 100_000, 1_000_000, 3_000_000)) + xml.substring(at))
        .getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- zip

  static List<Entry> entries(byte[] zip) {
    List<Entry> entries = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(new Entry(e.getName(), in.readNBytes(16 * 1024 * 1024)));
      }
    } catch (IOException | RuntimeException e) {
      // not a zip (a foreign seed): no entries
    }
    return entries;
  }

  /**
   * The entries as a zip. An entry without data is the zip bomb part. With {@code lie}, one entry's headers claim
   * another size or checksum than its data has.
   */
  static byte[] zip(List<Entry> entries, boolean lie, boolean store, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    int liar = lie && !entries.isEmpty() ? r.nextInt(entries.size()) : -1;
    int lieKind = r.nextInt(4);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      boolean bomb = e.data() == null;
      byte[] stored = bomb ? bomb() : store ? e.data() : deflate(e.data());
      int method = bomb || !store ? 8 : 0;
      long size = bomb ? BOMB_BYTES : e.data().length;
      long crc = bomb ? BOMB_CRC : crc(e.data());
      long compressed = stored.length;
      if (i == liar) {
        switch (lieKind) {
          case 0 -> size = new long[] {0, 1, 0xFFFFFFFFL, 0x7FFFFFFFL}[r.nextInt(4)];
          case 1 -> crc ^= 0x5a5a5a5aL;
          case 2 -> compressed = new long[] {0, 1, 0xFFFFFFFFL}[r.nextInt(3)];
          default -> method = new int[] {0, 12, 14, 99}[r.nextInt(4)];
        }
      }
      int offset = out.size();
      header(out, 0x04034b50, false, method, crc, compressed, size, name, offset);
      out.writeBytes(stored);
      header(central, 0x02014b50, true, method, crc, compressed, size, name, offset);
    }
    int cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    int count = Math.min(entries.size(), 0xffff);
    le32(out, 0x06054b50);
    le16(out, 0);
    le16(out, 0);
    le16(out, count);
    le16(out, count);
    le32(out, central.size());
    le32(out, cdOffset);
    le16(out, 0);
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, int signature, boolean central, int method, long crc,
      long compressed, long size, byte[] name, int offset) {
    le32(out, signature);
    if (central) {
      le16(out, 20);
    }
    le16(out, 20);
    le16(out, 0x0800); // names in UTF-8
    le16(out, method);
    le16(out, 0);
    le16(out, 0x21);
    le32(out, crc);
    le32(out, compressed);
    le32(out, size);
    le16(out, name.length);
    le16(out, 0);
    if (central) {
      le16(out, 0);
      le16(out, 0);
      le16(out, 0);
      le32(out, 0);
      le32(out, offset);
    }
    out.writeBytes(name);
  }

  private static byte[] bomb() {
    if (bombDeflated == null) {
      synchronized (FileMutator.class) {
        if (bombDeflated == null) {
          bombDeflated = deflate(new byte[BOMB_BYTES]);
        }
      }
    }
    return bombDeflated;
  }

  private static final long BOMB_CRC = crc(new byte[BOMB_BYTES]);

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static long crc(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private static void le32(ByteArrayOutputStream out, long v) {
    le16(out, (int) (v & 0xffff));
    le16(out, (int) ((v >>> 16) & 0xffff));
  }

  // ---------------------------------------------------------------- helpers

  private static int pickXml(List<Entry> entries, Random r) {
    List<Integer> xml = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String n = entries.get(i).name();
      if (entries.get(i).data() != null && (n.endsWith(".xml") || n.endsWith(".rels"))) {
        xml.add(i);
      }
    }
    if (xml.isEmpty()) {
      return r.nextInt(entries.size());
    }
    // the parts that hold the content are the interesting ones: prefer sheets, documents, shared strings
    for (int i = 0; i < 2; i++) {
      int at = xml.get(r.nextInt(xml.size()));
      String n = entries.get(at).name();
      if (n.contains("sheet") || n.contains("document") || n.contains("sharedStrings") || n.contains("workbook")) {
        return at;
      }
    }
    int at = xml.get(r.nextInt(xml.size()));
    return entries.get(at).data() == null ? xml.get(0) : at;
  }

  private static String rename(String name, Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> name.toUpperCase(java.util.Locale.ROOT);
      case 1 -> "/" + name;
      case 2 -> name.replace('/', '\\');
      case 3 -> "../" + name;
      default -> name + "x";
    };
  }

  private static String randomName(Random r) {
    String[] names = {"xl/worksheets/sheet9.xml", "word/document2.xml", "../../evil.xml", "/abs.xml", "a/b/c/d/e/f",
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/vbaProject.bin", "word/embeddings/x.bin", ""};
    return names[r.nextInt(names.length)];
  }

  private static java.nio.charset.Charset charsetFor(Random r) {
    int roll = r.nextInt(40);
    return roll == 0 ? StandardCharsets.UTF_16LE : roll == 1 ? StandardCharsets.UTF_16 : roll == 2
        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
  }

  private static int randomIndexOf(String s, char c, Random r) {
    if (s.isEmpty()) {
      return -1;
    }
    int start = r.nextInt(s.length());
    int at = s.indexOf(c, start);
    return at >= 0 ? at : s.indexOf(c);
  }

  /** Mostly small, sometimes large: the large values are where the limits are. */
  private static int pick(Random r, int small, int medium, int large, int huge) {
    int roll = r.nextInt(20);
    int bound = roll < 10 ? small : roll < 16 ? medium : roll < 19 ? large : huge;
    return 1 + r.nextInt(bound);
  }

  static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
