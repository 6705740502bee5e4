package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.extractor.XSSFExcelExtractor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kaohe.catalogue.DraftCatalogue;
import org.kaohe.catalogue.WorkPointsImporter;
import org.kaohe.document.PoiPackageWorkbooks.PackageImport;
import org.kaohe.document.PoiSummaryDocument.SummaryImport;
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.document.YouthSurveyWorkbook.ImportResult;
import org.kaohe.round.Notice;
import org.slf4j.LoggerFactory;

/**
 * Every uploaded-file reader against every kind of bad file, each built here: zip bombs (one huge part, many
 * entries, many parts together), XML external entities (a local file and a local HTTP server that must never be
 * called), a wrong file type under the right name, a password-protected file, cut-off and corrupt bytes. Each is
 * refused with exactly its Chinese message, without data, within a bound on hanging, and the heap does not grow
 * when the whole set is read again and again. The catalogue importer, which takes HTML, gets what applies to it.
 */
class BadFilesTest {

  /** A bound on hanging, not a measure of speed: each refusal takes milliseconds. */
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final long HEAP_BOUND = 64L * 1024 * 1024;
  private static final int ROUNDS = 20;
  private static final int YEAR = 2026;

  private static final PoiPackageWorkbooks WORKBOOKS = new PoiPackageWorkbooks();
  private static final PoiYouthSurveyWorkbook SURVEY = new PoiYouthSurveyWorkbook();
  private static final PoiSummaryDocument SUMMARY = new PoiSummaryDocument();
  private static final WorkPointsImporter CATALOGUE = new WorkPointsImporter();
  private static final Notice NOTICE = PackageNotices.of("guangdong");

  private static final String NO_SECTIONS = "未识别到任何章节（一、二、…）或编号条目，目录为空。请检查网页内容或改为手工录入。";
  private static final String CUT = "内容超过 2 MB，只导入了前面部分。";

  private static ServerSocket server;
  private static final AtomicInteger CONNECTIONS = new AtomicInteger();
  private static String entityServer;
  private static List<String> secrets;

  private static byte[] validXlsx;
  private static byte[] validDocx;
  private static Format xlsxFormat;
  private static Format docxFormat;
  private static List<BadFile> xlsxFiles;
  private static List<BadFile> docxFiles;

  /** A bad file and the one message every reader of its format must answer with. */
  private record BadFile(String name, byte[] bytes, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What a reader returned, reduced to what the suite checks. */
  private record Outcome(boolean ok, List<String> messages, boolean hasData, String everything) {}

  private record Reader(String name, boolean docx, Function<byte[], Outcome> read) {}

  private static final List<Reader> READERS = List.of(
      new Reader("readKeyWork", false, bytes -> workbook(WORKBOOKS.readKeyWork(bytes, NOTICE))),
      new Reader("readEvaluation", false, bytes -> workbook(WORKBOOKS.readEvaluation(bytes))),
      new Reader("youth survey", false, bytes -> survey(SURVEY.read(bytes, Samples.units()))),
      new Reader("summary", true, bytes -> summary(SUMMARY.read(bytes, YEAR))));

  private static Outcome workbook(PackageImport r) {
    return new Outcome(r.ok(), r.problems().stream().map(CellProblem::text).toList(), r.value() != null,
        r.toString());
  }

  private static Outcome survey(ImportResult r) {
    return new Outcome(r.ok(), r.problems().stream().map(CellProblem::text).toList(), !r.rows().isEmpty(),
        r.toString());
  }

  private static Outcome summary(SummaryImport r) {
    return new Outcome(r.ok(), r.problem() == null ? List.of() : List.of(r.problem()),
        !r.parts().isEmpty() || !r.warnings().isEmpty(), r.toString());
  }

  // ---------------------------------------------------------------- set-up

  @BeforeAll
  static void buildTheBadFiles() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    entityServer = "http://127.0.0.1:" + server.getLocalPort() + "/kaohe.dtd";
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket ignored = server.accept()) {
          CONNECTIONS.incrementAndGet();
        } catch (IOException e) {
          // closed at the end
        }
      }
    }, "entity-server");
    acceptor.setDaemon(true);
    acceptor.start();

    secrets = new ArrayList<>(List.of("root:"));
    Path passwd = Path.of("/etc/passwd");
    if (Files.isReadable(passwd)) {
      Files.readAllLines(passwd).stream().limit(1).filter(l -> !l.isBlank()).forEach(secrets::add);
    }

    validXlsx = filledKeyWork();
    validDocx = new PoiSummaryDocumentTest.Doc()
        .p("一、2026年工作情况").p("全年开展主题团日活动1200余场。")
        .p("二、当前工作中存在的问题与困难").p("基层团组织活力仍需增强。")
        .p("三、2027年工作思路").p("持续加强青少年思想政治引领。")
        .p("四、对有关工作的意见建议").p("建议加大经费保障。")
        .bytes();
    xlsxFormat = new Format(validXlsx, validDocx, "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
        "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>", "</sheetData></worksheet>",
        OoxmlUpload.NOT_XLSX, OoxmlUpload.XLSX_TOO_LARGE, OoxmlUpload.XLSX_MAX_BYTES, xls());
    docxFormat = new Format(validDocx, validXlsx, "word/document.xml", "word/document.xml",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
        "<w:p><w:r><w:t>一、2026年工作情况</w:t></w:r></w:p>", "</w:body></w:document>",
        OoxmlUpload.NOT_DOCX, OoxmlUpload.DOCX_TOO_LARGE, OoxmlUpload.DOCX_MAX_BYTES, doc());
    xlsxFiles = badFiles(xlsxFormat);
    docxFiles = badFiles(docxFormat);
  }

  @AfterAll
  static void stopTheEntityServer() throws IOException {
    server.close();
  }

  // ---------------------------------------------------------------- every reader, every bad file

  @TestFactory
  Stream<DynamicTest> everyReaderRefusesEveryBadFileWithItsMessageAndNothingElse() {
    return READERS.stream().flatMap(reader -> (reader.docx() ? docxFiles : xlsxFiles).stream()
        .map(file -> DynamicTest.dynamicTest(reader.name() + ": " + file.name(), () -> {
          Outcome outcome = assertTimeoutPreemptively(BOUND, () -> reader.read().apply(file.bytes()));
          assertRefused(outcome, file);
        })));
  }

  @Test
  void theFilesTheBadOnesAreMadeFromAreRead() throws Exception {
    assertThat(WORKBOOKS.readKeyWork(validXlsx, NOTICE).problems()).isEmpty();
    SummaryImport summary = SUMMARY.read(validDocx, YEAR);
    assertThat(summary.problem()).isNull();
    assertThat(summary.parts()).hasSize(4);
    assertThat(xlsxFiles).hasSameSizeAs(docxFiles).hasSizeGreaterThan(25);
    // the renamed part is read as the main part: without the DOCTYPE the package is fine
    assertThat(SUMMARY.read(renamedPart(docxFormat, ""), YEAR).parts()).hasSize(4);
    assertThat(WORKBOOKS.readKeyWork(renamedPart(xlsxFormat, ""), NOTICE).problems()).isEmpty();
  }

  @Test
  void noExternalEntityIsEverFetched() throws Exception {
    int before = CONNECTIONS.get();
    for (Reader reader : READERS) {
      for (BadFile file : reader.docx() ? docxFiles : xlsxFiles) {
        if (aboutEntities(file)) {
          assertRefused(assertTimeoutPreemptively(BOUND, () -> reader.read().apply(file.bytes())), file);
        }
      }
    }
    Thread.sleep(200); // a connection made while reading would be counted by now
    assertThat(CONNECTIONS.get()).as("connections to the entity server").isEqualTo(before);
    // the server does count a connection: the zero above is not for want of listening
    try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertThat(probe.isConnected()).isTrue();
    }
    for (int i = 0; i < 50 && CONNECTIONS.get() == before; i++) {
      Thread.sleep(20);
    }
    assertThat(CONNECTIONS.get()).isEqualTo(before + 1);
  }

  @Test
  void poisOwnParsersResolveNoEntityWithoutTheUploadsScanEither() throws Exception {
    int before = CONNECTIONS.get();
    Logger poi = (Logger) LoggerFactory.getLogger("org.apache.poi");
    Level level = poi.getLevel();
    poi.setLevel(Level.OFF); // POI logs each refused DOCTYPE as an error with its stack trace
    try {
      for (boolean docx : List.of(false, true)) {
        for (BadFile file : docx ? docxFiles : xlsxFiles) {
          if (!aboutEntities(file)) {
            continue;
          }
          String seen = assertTimeoutPreemptively(BOUND, () -> openedByPoi(file.bytes(), docx));
          for (String secret : secrets) {
            assertThat(seen).as(file.name()).doesNotContain(secret);
          }
        }
      }
    } finally {
      poi.setLevel(level);
    }
    Thread.sleep(200);
    assertThat(CONNECTIONS.get()).as("connections to the entity server").isEqualTo(before);
  }

  private static boolean aboutEntities(BadFile file) {
    return file.name().contains("XXE") || file.name().contains("DTD") || file.name().contains("entities");
  }

  /** Everything POI reads from the package (text, core properties), or the message it fails with. */
  private static String openedByPoi(byte[] bytes, boolean docx) {
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      String properties = pkg.getPackageProperties().getCreatorProperty().orElse("")
          + pkg.getPackageProperties().getTitleProperty().orElse("");
      if (docx) {
        try (XWPFDocument doc = new XWPFDocument(pkg); XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
          return properties + text.getText();
        }
      }
      try (XSSFWorkbook wb = new XSSFWorkbook(pkg); XSSFExcelExtractor text = new XSSFExcelExtractor(wb)) {
        return properties + text.getText();
      }
    } catch (Exception e) {
      StringBuilder messages = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages.append(t).append('\n');
      }
      return messages.toString();
    }
  }

  @Test
  void theHeapDoesNotGrowWhenTheBadFilesAreReadAgainAndAgain() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      readAll(0); // class loading, POI's schema types and the JIT settle before measuring
      long before = usedHeapAfterGc();
      for (int round = 1; round <= ROUNDS; round++) {
        readAll(round);
      }
      long after = usedHeapAfterGc();
      assertThat(after - before).as("heap growth in bytes over %d rounds", ROUNDS).isLessThan(HEAP_BOUND);
    });
  }

  /** Every bad file once, each format's readers taking turns from round to round. */
  private static void readAll(int round) {
    List<Reader> xlsxReaders = READERS.stream().filter(r -> !r.docx()).toList();
    List<Reader> docxReaders = READERS.stream().filter(Reader::docx).toList();
    for (BadFile file : xlsxFiles) {
      assertRefused(xlsxReaders.get(round % xlsxReaders.size()).read().apply(file.bytes()), file);
    }
    for (BadFile file : docxFiles) {
      assertRefused(docxReaders.get(round % docxReaders.size()).read().apply(file.bytes()), file);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
    }
    return least;
  }

  private static void assertRefused(Outcome outcome, BadFile file) {
    assertThat(outcome.ok()).as(file.name()).isFalse();
    assertThat(outcome.messages()).as(file.name()).containsExactly(file.message());
    assertThat(outcome.hasData()).as(file.name() + ": data returned with a problem").isFalse();
    for (String secret : secrets) {
      assertThat(outcome.everything()).as(file.name()).doesNotContain(secret);
    }
  }

  // ---------------------------------------------------------------- the catalogue importer (HTML)

  @Test
  void theCatalogueImporterCutsOversizedInputAndFindsNothingInBinaryFiles() throws Exception {
    byte[] oversized = new byte[3 * 1024 * 1024];
    new Random(3).nextBytes(oversized);
    DraftCatalogue cut = assertTimeoutPreemptively(BOUND, () -> CATALOGUE.importHtml(oversized));
    assertThat(cut.sections()).isEmpty();
    assertThat(cut.warnings()).containsExactly(CUT, NO_SECTIONS);

    byte[] noise = new byte[1024 * 1024];
    new Random(4).nextBytes(noise);
    Map<String, byte[]> binaries = Map.of("random bytes", noise, "PNG", png(), "PDF", pdf(), ".doc", doc(),
        "zip bomb", docxFiles.get(0).bytes(), ".docx", validDocx);
    binaries.forEach((name, bytes) -> {
      DraftCatalogue catalogue = assertTimeoutPreemptively(BOUND, () -> CATALOGUE.importHtml(bytes));
      assertThat(catalogue.sections()).as(name).isEmpty();
      assertThat(catalogue.warnings()).as(name).containsExactly(NO_SECTIONS);
    });
  }

  @Test
  void theCatalogueImporterKeepsNoControlCharacterOfBinaryGarbageAroundText() {
    // Binary garbage as in a binary file: control bytes and bytes that are no UTF-8, none of them markup.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] noise = new byte[4096];
    Random random = new Random(5);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) (random.nextBoolean() ? random.nextInt(32) : 0x80 + random.nextInt(128));
    }
    bytes.writeBytes(noise);
    bytes.writeBytes(("<p>一、总体要求\u0001\u0007</p><p>1.\u0002强化思想建团\u001b。全年开展\u0000主题团日活动\u007f。</p>")
        .getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(noise);
    DraftCatalogue catalogue = assertTimeoutPreemptively(BOUND, () -> CATALOGUE.importHtml(bytes.toByteArray()));
    assertThat(catalogue.sections()).singleElement().satisfies(section -> {
      assertThat(section.title()).isEqualTo("总体要求");
      assertThat(section.items()).singleElement().satisfies(item -> {
        assertThat(item.title()).isEqualTo("强化思想建团");
        assertThat(item.text()).startsWith("强化思想建团。全年开展");
      });
    });
    assertThat(catalogue.toString()).doesNotContainPattern("[\\p{Cc}&&[^\\n\\t]]");
  }

  @Test
  void theCatalogueImporterResolvesNoEntityOfAnXhtmlPage() throws Exception {
    int before = CONNECTIONS.get();
    String xhtml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE html [<!ENTITY e SYSTEM \"file:///etc/passwd\"><!ENTITY h SYSTEM \"" + entityServer + "\">"
        + "<!ENTITY % p SYSTEM \"" + entityServer + "\">%p;]>\n"
        + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>2017年工作要点</title></head><body>"
        + "<p>一、全面推进从严治团&e;</p><p>1.强化思想建团。&e;&h;</p></body></html>";
    String external = "<?xml version=\"1.0\"?><!DOCTYPE html SYSTEM \"" + entityServer + "\">"
        + "<html><body><p>一、全面推进从严治团</p><p>1.强化思想建团。&e;</p></body></html>";
    for (String page : List.of(xhtml, external)) {
      DraftCatalogue catalogue = assertTimeoutPreemptively(BOUND,
          () -> CATALOGUE.importHtml(page.getBytes(StandardCharsets.UTF_8)));
      assertThat(catalogue.sections()).singleElement().satisfies(section -> {
        assertThat(section.number()).isEqualTo("一");
        assertThat(section.items()).singleElement()
            .satisfies(item -> assertThat(item.title()).isEqualTo("强化思想建团"));
      });
      for (String secret : secrets) {
        assertThat(catalogue.toString()).doesNotContain(secret);
      }
    }
    Thread.sleep(200);
    assertThat(CONNECTIONS.get()).as("connections to the entity server").isEqualTo(before);
  }

  // ---------------------------------------------------------------- building the bad files

  /** The first text of a part: a shared string, a run's text, the author in the core properties. */
  private static final String TEXT = "(<(?:w:)?t(?: [^>]*)?>|<dc:creator>)[^<]*(</(?:w:)?t>|</dc:creator>)";

  /** What differs between a workbook and a document when making bad ones. */
  private record Format(byte[] valid, byte[] otherFormat, String mainPart, String textPart, String bombHead,
      String bombRepeat, String bombTail, String notThisFormat, String tooLarge, int maxBytes, byte[] ole2) {}

  private static List<BadFile> badFiles(Format f) throws Exception {
    String wrong = f.notThisFormat();
    List<BadFile> files = new ArrayList<>();
    // zip bombs: first in the list, the catalogue test takes the docx one
    files.add(new BadFile("zip bomb: a 256 MiB part", bomb(f), OoxmlUpload.BOMB));
    files.add(new BadFile("zip bomb: 3,000 entries", manyEntries(f.valid(), 3_000, 16), OoxmlUpload.BOMB));
    files.add(new BadFile("zip bomb: 80 parts of 1 MiB", manyEntries(f.valid(), 80, 1024 * 1024), OoxmlUpload.BOMB));
    // XML external entities and DTDs, in the part that carries text and in the package's own parts
    String fileEntity = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
    String httpEntity = "<!DOCTYPE x [<!ENTITY e SYSTEM \"" + entityServer + "\">]>";
    files.add(new BadFile("XXE file:///etc/passwd in the text", withEntity(f.valid(), f.textPart(), fileEntity, true),
        wrong));
    files.add(new BadFile("XXE to a local HTTP server in the text",
        withEntity(f.valid(), f.textPart(), httpEntity, true), wrong));
    files.add(new BadFile("XXE parameter entity to a local HTTP server",
        withEntity(f.valid(), f.mainPart(), "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + entityServer + "\">%p;]>", false),
        wrong));
    files.add(new BadFile("external DTD on a local HTTP server",
        withEntity(f.valid(), f.mainPart(), "<!DOCTYPE x SYSTEM \"" + entityServer + "\">", false), wrong));
    files.add(new BadFile("XXE in [Content_Types].xml",
        withEntity(f.valid(), "[Content_Types].xml", httpEntity, false), wrong));
    files.add(new BadFile("XXE in _rels/.rels", withEntity(f.valid(), "_rels/.rels", fileEntity, false), wrong));
    files.add(new BadFile("XXE in docProps/core.xml",
        withEntity(f.valid(), "docProps/core.xml", httpEntity, true), wrong));
    files.add(new BadFile("XXE in a main part not named .xml (POI's parser refuses it)", renamedPart(f,
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + entityServer + "\"> %p; <!ENTITY e SYSTEM \"file:///etc/passwd\">]>"),
        wrong));
    files.add(new BadFile("XXE in a UTF-16 part", utf16Entity(f.valid(), f.textPart(), httpEntity), wrong));
    files.add(new BadFile("billion laughs entities", withEntity(f.valid(), f.textPart(), "<!DOCTYPE x ["
        + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
        + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>", true), wrong));
    // a wrong file type under the right name
    files.add(new BadFile("OLE2 (.xls or .doc)", f.ole2(), wrong));
    files.add(new BadFile("the other OOXML format", f.otherFormat(), wrong));
    files.add(new BadFile("OpenDocument", odf(), wrong));
    files.add(new BadFile("PDF", pdf(), wrong));
    files.add(new BadFile("PNG", png(), wrong));
    files.add(new BadFile("text", "一、2026年工作情况\n全年开展主题团日活动1200余场。\n".getBytes(StandardCharsets.UTF_8),
        wrong));
    files.add(new BadFile("HTML", "<html><body><p>一、2026年工作情况</p></body></html>".getBytes(StandardCharsets.UTF_8),
        wrong));
    // password-protected, cut off, corrupt, empty, too large
    files.add(new BadFile("password-protected (agile)", encrypted(f.valid()), OoxmlUpload.ENCRYPTED));
    files.add(new BadFile("first half of a valid file", Arrays.copyOf(f.valid(), f.valid().length / 2), wrong));
    files.add(new BadFile("random bytes after PK", pkNoise(false), wrong));
    files.add(new BadFile("random bytes between PK and an end record", pkNoise(true), wrong));
    files.add(new BadFile("empty", new byte[0], wrong));
    files.add(new BadFile("null", null, wrong));
    files.add(new BadFile("one byte over the size limit", new byte[f.maxBytes() + 1], f.tooLarge()));
    return List.copyOf(files);
  }

  private static byte[] filledKeyWork() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(WORKBOOKS.keyWorkTemplate(NOTICE, "广州")))) {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      for (int i = 0; i < NOTICE.catalogue().areas().size(); i++) {
        sheet.getRow(4 + i).getCell(2).setCellValue("全年开展主题团日活动" + (100 + i) + "场。");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  @FunctionalInterface
  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * The package with {@code part}'s content replaced by {@code writer}'s (streamed, so a huge part needs no memory
   * here) and {@code extra} entries after it; the part must be there.
   */
  private static byte[] rewrite(byte[] zip, String part, Function<byte[], byte[]> change, List<String> extraNames,
      Writer extra) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] content = in.readAllBytes();
        if (e.getName().equals(part)) {
          found = true;
          content = change.apply(content);
        }
        out.write(content);
        out.closeEntry();
      }
      for (String name : extraNames) {
        out.putNextEntry(new ZipEntry(name));
        extra.write(out);
        out.closeEntry();
      }
    }
    assertThat(found || part == null).as(part + " in the package").isTrue();
    return bytes.toByteArray();
  }

  /** The main part replaced by 256 MiB of one repeated element: well under a megabyte compressed. */
  private static byte[] bomb(Format f) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(f.valid()));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      byte[] repeat = f.bombRepeat().getBytes(StandardCharsets.UTF_8);
      byte[] block = new byte[repeat.length * 16_384];
      for (int i = 0; i < 16_384; i++) {
        System.arraycopy(repeat, 0, block, i * repeat.length, repeat.length);
      }
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(f.mainPart())) {
          out.write(f.bombHead().getBytes(StandardCharsets.UTF_8));
          for (long written = 0; written < (256L << 20); written += block.length) {
            out.write(block);
          }
          out.write(f.bombTail().getBytes(StandardCharsets.UTF_8));
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    byte[] bomb = bytes.toByteArray();
    assertThat(bomb.length).isLessThan(f.maxBytes());
    return bomb;
  }

  /** The package with {@code count} more entries of {@code size} zeros each. */
  private static byte[] manyEntries(byte[] valid, int count, int size) throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add("customXml/item" + i + ".xml");
    }
    byte[] zeros = new byte[size];
    return rewrite(valid, null, c -> c, names, out -> out.write(zeros));
  }

  /**
   * {@code doctype} right after the XML declaration of {@code part}; with {@code use}, the part's first text
   * (a shared string, a paragraph's run) becomes a reference to the entity e.
   */
  private static byte[] withEntity(byte[] valid, String part, String doctype, boolean use) throws IOException {
    return rewrite(valid, part, content -> {
      String xml = new String(content, StandardCharsets.UTF_8);
      int declaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
      xml = xml.substring(0, declaration) + doctype + xml.substring(declaration);
      if (use) {
        xml = xml.replaceFirst(TEXT, "$1&e;$2");
        assertThat(xml).contains("&e;");
      }
      return xml.getBytes(StandardCharsets.UTF_8);
    }, List.of(), out -> { });
  }

  /**
   * The main part under another name (sheet1.dat, document.dat; OPC allows any, the content type says what it is)
   * with {@code doctype}: the upload's scan looks for DOCTYPEs in .xml and .rels parts only, so here POI's own
   * parser must refuse it.
   */
  private static byte[] renamedPart(Format f, String doctype) throws IOException {
    String from = f.mainPart().substring(f.mainPart().lastIndexOf('/') + 1);
    String to = from.replace(".xml", ".dat");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(f.valid()));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (e.getName().equals(f.mainPart())) {
          int declaration = content.indexOf("?>") + 2;
          content = content.substring(0, declaration) + doctype + content.substring(declaration);
        } else if (e.getName().endsWith(".rels") || e.getName().equals("[Content_Types].xml")) {
          content = content.replace(from, to);
        }
        out.putNextEntry(new ZipEntry(e.getName().replace(from, to)));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The part re-encoded as UTF-16LE with a byte-order mark, declaring an entity and using it. */
  private static byte[] utf16Entity(byte[] valid, String part, String doctype) throws IOException {
    return rewrite(valid, part, content -> {
      String xml = new String(content, StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
      xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + doctype
          + xml.replaceFirst(TEXT, "$1&e;$2");
      byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16LE);
      byte[] withBom = new byte[utf16.length + 2];
      withBom[0] = (byte) 0xff;
      withBom[1] = (byte) 0xfe;
      System.arraycopy(utf16, 0, withBom, 2, utf16.length);
      return withBom;
    }, List.of(), out -> { });
  }

  private static byte[] encrypted(byte[] valid) throws Exception {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("kaohe");
      try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(valid));
          OutputStream os = encryptor.getDataStream(fs)) {
        pkg.save(os);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  private static byte[] xls() throws IOException {
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      wb.createSheet(PoiPackageWorkbooks.KEY_WORK_SHEET).createRow(0).createCell(0).setCellValue("序号");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  /** An OLE2 container with the streams of a Word 97–2003 document (their content does not matter here). */
  private static byte[] doc() throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      fs.createDocument(new ByteArrayInputStream(new byte[512]), "WordDocument");
      fs.createDocument(new ByteArrayInputStream(new byte[512]), "1Table");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  /** An OpenDocument text (what WPS or LibreOffice may save): a zip, but no OOXML package. */
  private static byte[] odf() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
      ZipEntry first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(mimetype.length);
      CRC32 crc = new CRC32();
      crc.update(mimetype);
      first.setCrc(crc.getValue());
      out.putNextEntry(first);
      out.write(mimetype);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("content.xml"));
      out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
          + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] pdf() {
    return ("%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> "
        + "endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** 64 KiB of noise after a local file header's signature; optionally ending in a well-formed end record. */
  private static byte[] pkNoise(boolean endRecord) {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    noise[0] = 'P';
    noise[1] = 'K';
    noise[2] = 3;
    noise[3] = 4;
    if (endRecord) {
      int at = noise.length - 22;
      Arrays.fill(noise, at, noise.length, (byte) 0);
      noise[at] = 'P';
      noise[at + 1] = 'K';
      noise[at + 2] = 5;
      noise[at + 3] = 6;
    }
    return noise;
  }
}
