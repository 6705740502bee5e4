package org.kaohe.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.kaohe.catalogue.CatalogueImportException;
import org.kaohe.catalogue.CatalogueMapper;
import org.kaohe.catalogue.DraftCatalogue;
import org.kaohe.catalogue.WorkPointsImporter;
import org.kaohe.document.PoiPackageWorkbooks.PackageImport;
import org.kaohe.document.PoiSummaryDocument.SummaryImport;
import org.kaohe.document.YouthSurveyWorkbook.CellProblem;
import org.kaohe.document.YouthSurveyWorkbook.ImportResult;
import org.kaohe.document.YouthSurveyWorkbook.UnitRef;
import org.kaohe.organisation.ShippedOrganisations;
import org.kaohe.round.Notice;

/**
 * A generator-based fuzzer of every importer of user files (see {@link FileMutator} for how the files are made).
 * Each input goes through the method the HTTP resource calls, on a worker thread, with a time limit (a timeout is a
 * hang) and a memory guard (bytes the worker allocated for the one input; an {@link OutOfMemoryError} counts too).
 * The only acceptable outcomes are a successful read or the importer's own refusal in Chinese; anything else (an
 * exception or error escaping the importer, a refusal without Chinese, data returned together with a problem) is a
 * failure, and the input is written to {@code target/fuzz/failures/} with its stack trace for replaying.
 *
 * <p>Input {@code i} of a target is made from {@code new Random(mix(seed, target, i))}: the seed printed with the
 * figures and the index printed with a failure give the same file again.
 */
final class ImporterFuzzer {

  /** Anything a user reads must have Chinese in it. */
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final Path FAILURES = Path.of("target", "fuzz", "failures");
  static final Path FIGURES = Path.of("target", "figures");

  /** What a target's reading came to; an unacceptable return throws {@link Unacceptable}. */
  enum Outcome { PARSED, REFUSED }

  /** A return that breaks the importer's contract (no Chinese in a refusal, data with a problem). */
  static final class Unacceptable extends RuntimeException {
    Unacceptable(String message) {
      super(message);
    }
  }

  /** One importer: its name, the kind of file it reads, its seeds, how a file is mutated and read. */
  record Target(String name, String extension, List<byte[]> seeds, List<byte[]> foreign, boolean ooxml,
      Function<byte[], Outcome> read) {}

  /** The figures of one target's run. */
  static final class Stats {
    final String target;
    int inputs;
    int parsed;
    int refused;
    int unhandled;
    int hangs;
    long slowestMillis;
    long mostAllocatedBytes;
    final List<String> failures = new ArrayList<>();

    Stats(String target) {
      this.target = target;
    }

    String figures() {
      return String.format("%s: %d inputs, %d parsed OK, %d refused with a clear error, %d unhandled, %d hangs, "
              + "slowest input %d ms, most allocated for one input %d MB", target, inputs, parsed, refused, unhandled,
          hangs, slowestMillis, mostAllocatedBytes / (1024 * 1024));
    }
  }

  private final Duration perInput;
  private final long memoryGuardBytes;
  private ExecutorService worker = newWorker();

  private final ch.qos.logback.classic.Logger poiLog =
      (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.poi");
  private final ch.qos.logback.classic.Level poiLevel = poiLog.getLevel();

  ImporterFuzzer(Duration perInput, long memoryGuardBytes) {
    this.perInput = perInput;
    this.memoryGuardBytes = memoryGuardBytes;
    // POI logs every broken part it skips, with its stack trace: thousands of lines that say nothing here
    poiLog.setLevel(ch.qos.logback.classic.Level.OFF);
  }

  // ---------------------------------------------------------------- the importers

  static final int YEAR = 2026;

  static List<Target> targets() throws Exception {
    PoiPackageWorkbooks workbooks = new PoiPackageWorkbooks();
    PoiYouthSurveyWorkbook survey = new PoiYouthSurveyWorkbook();
    PoiSummaryDocument summary = new PoiSummaryDocument();
    WorkPointsImporter importer = new WorkPointsImporter();
    CatalogueMapper mapper = new CatalogueMapper(ShippedOrganisations.load("guangdong"), importer);
    Notice notice = PackageNotices.of("guangdong");
    List<UnitRef> units = Samples.units();

    byte[] keyWorkTemplate = workbooks.keyWorkTemplate(notice, "广州");
    byte[] keyWorkFilled = fill(keyWorkTemplate, PoiPackageWorkbooks.KEY_WORK_SHEET, (sheet, i) ->
        sheet.getRow(4 + i).getCell(2).setCellValue("全年开展主题团日活动" + (100 + i) + "场。"),
        notice.catalogue().areas().size());
    byte[] evaluationTemplate = workbooks.evaluationTemplate(notice, "广州");
    byte[] evaluationFilled = fill(evaluationTemplate, PoiPackageWorkbooks.INSTRUCTIONS_SHEET, (sheet, i) -> {
      sheet.getRow(4 + i).getCell(1).setCellValue("张三" + i);
      sheet.getRow(4 + i).getCell(3).setCellValue("2026-0" + (1 + i) + "-15");
      sheet.getRow(4 + i).getCell(5).setCellValue("批示内容" + i);
      sheet.getRow(4 + i).getCell(7).setCellValue(i % 2 == 0 ? "否" : "是");
    }, 3);
    byte[] surveyTemplate = survey.template("2026年度青年评议结果", units);
    byte[] surveyFilled = fill(surveyTemplate, PoiYouthSurveyWorkbook.SHEET, (sheet, i) -> {
      sheet.getRow(3 + i).getCell(2).setCellValue(100 + i);
      sheet.getRow(3 + i).getCell(3).setCellValue(80.5 + i);
      sheet.getRow(3 + i).getCell(4).setCellValue(90);
    }, units.size());

    byte[] summaryDocx = new PoiSummaryDocumentTest.Doc()
        .styled("1", "一、2026年工作情况").p("全年开展主题团日活动1200余场。").bold("（一）思想引领")
        .table(new String[] {"项目", "数量"}, new String[] {"团日活动", "1200"})
        .p("二、当前工作中存在的问题与困难").lineBreak("基层团组织活力仍需增强。", "第二行")
        .p("三、2027年工作思路").p("持续加强青少年思想政治引领。")
        .p("四、对有关工作的意见建议").p("建议加大经费保障。").bytes();
    byte[] requestDocx = new PoiDocuments().partyEvaluationRequest(Samples.request());
    byte[] letterDocx = new PoiDocuments().feedbackLetter(Samples.letter());
    List<byte[]> docx = List.of(summaryDocx, requestDocx, letterDocx);

    List<byte[]> html = new ArrayList<>();
    for (String name : List.of("work-points-2017.html", "assessment-catalogue-2017.html")) {
      try (InputStream in = ImporterFuzzer.class.getResourceAsStream("/catalogue/" + name)) {
        html.add(in.readAllBytes());
      }
    }
    html.add(FileMutator.utf8("<html><head><meta charset=\"gbk\"><title>工作要点</title></head><body><p>一、思想引领</p>"
        + "<ol><li><b>青年大学习。</b>全年开展（牵头部门：宣传部；配合部门：组织部）</li></ol></body></html>"));

    List<byte[]> everything = new ArrayList<>();
    everything.addAll(List.of(keyWorkTemplate, keyWorkFilled, evaluationTemplate, evaluationFilled,
        surveyTemplate, surveyFilled));
    everything.addAll(docx);
    everything.addAll(html);
    everything.add(new byte[0]);
    everything.add(FileMutator.utf8("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"));

    return List.of(
        new Target("readKeyWork", "xlsx", List.of(keyWorkFilled, keyWorkFilled, keyWorkTemplate), everything, true,
            bytes -> workbook(workbooks.readKeyWork(bytes, notice))),
        new Target("readEvaluation", "xlsx", List.of(evaluationFilled, evaluationFilled, evaluationTemplate), everything, true,
            bytes -> workbook(workbooks.readEvaluation(bytes))),
        new Target("youthSurvey", "xlsx", List.of(surveyFilled, surveyFilled, surveyTemplate), everything, true,
            bytes -> survey(survey.read(bytes, units))),
        new Target("summaryDocument", "docx", docx, everything, true, bytes -> summary(summary.read(bytes, YEAR))),
        new Target("catalogueHtml", "html", html, everything, false, bytes -> catalogue(importer, mapper, bytes)));
  }

  private static Outcome workbook(PackageImport r) {
    if (r.ok()) {
      if (r.value() == null) {
        throw new Unacceptable("ok without a value");
      }
      return Outcome.PARSED;
    }
    if (r.value() != null) {
      throw new Unacceptable("a value returned with problems: " + r.problems());
    }
    r.problems().forEach(p -> chinese(p.text()));
    return Outcome.REFUSED;
  }

  private static Outcome survey(ImportResult r) {
    if (r.ok()) {
      return Outcome.PARSED;
    }
    if (!r.rows().isEmpty()) {
      throw new Unacceptable("rows returned with problems: " + r.problems());
    }
    r.problems().stream().map(CellProblem::text).forEach(ImporterFuzzer::chinese);
    return Outcome.REFUSED;
  }

  private static Outcome summary(SummaryImport r) {
    r.warnings().forEach(ImporterFuzzer::chinese);
    if (r.ok()) {
      return Outcome.PARSED;
    }
    if (!r.parts().isEmpty()) {
      throw new Unacceptable("parts returned with a problem: " + r.problem());
    }
    chinese(r.problem());
    return Outcome.REFUSED;
  }

  /** What the catalogue resource does with an uploaded page: import it, then map it onto the notice's shape. */
  private static Outcome catalogue(WorkPointsImporter importer, CatalogueMapper mapper, byte[] bytes) {
    DraftCatalogue draft;
    try {
      draft = importer.importHtml(bytes);
    } catch (CatalogueImportException e) {
      chinese(e.getMessage());
      return Outcome.REFUSED;
    }
    draft.warnings().forEach(ImporterFuzzer::chinese);
    if (draft.isEmpty()) {
      return Outcome.REFUSED;
    }
    mapper.map(draft, YEAR, "考核目录").warnings().forEach(ImporterFuzzer::chinese);
    return Outcome.PARSED;
  }

  private static void chinese(String message) {
    if (message == null || !CHINESE.matcher(message).find()) {
      throw new Unacceptable("a message without Chinese: " + message);
    }
  }

  @FunctionalInterface
  private interface Filler {
    void fill(XSSFSheet sheet, int i);
  }

  private static byte[] fill(byte[] template, String sheetName, Filler filler, int rows) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      XSSFSheet sheet = wb.getSheet(sheetName);
      for (int i = 0; i < rows; i++) {
        filler.fill(sheet, i);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  // ---------------------------------------------------------------- running

  /** The file input {@code i} of {@code target} is, for {@code seed}. */
  static byte[] input(Target target, long seed, int i) {
    List<byte[]> foreign = target.foreign();
    Random r = new Random(mix(seed, target.name(), i));
    // one in ten is a file of another kind, changed or not
    if (r.nextInt(10) == 0) {
      byte[] other = foreign.get(r.nextInt(foreign.size()));
      return r.nextBoolean() ? other : FileMutator.mutateBytes(other, foreign, r, 1 + r.nextInt(3));
    }
    byte[] base = target.seeds().get(r.nextInt(target.seeds().size()));
    return target.ooxml() ? FileMutator.mutateOoxml(base, foreign, r) : FileMutator.mutateHtml(base, foreign, r);
  }

  static long mix(long seed, String target, int i) {
    long h = seed * 0x9E3779B97F4A7C15L + target.hashCode();
    return h * 31 + i;
  }

  /** Runs up to {@code maxInputs} inputs of {@code target}, stopping at {@code budget}. */
  Stats run(Target target, long seed, int maxInputs, Duration budget) {
    Stats stats = new Stats(target.name());
    long deadline = System.nanoTime() + budget.toNanos();
    for (int i = 0; i < maxInputs && System.nanoTime() < deadline; i++) {
      byte[] bytes = input(target, seed, i);
      String id = target.name() + "-s" + seed + "-i" + i;
      runOne(target, bytes, id, stats);
    }
    return stats;
  }

  /** One input through the target; the outcome is counted in {@code stats}. */
  void runOne(Target target, byte[] bytes, String id, Stats stats) {
    stats.inputs++;
    long start = System.nanoTime();
    Future<long[]> future = worker.submit(() -> {
      long threadId = Thread.currentThread().getId();
      long before = allocated(threadId);
      Outcome outcome = target.read().apply(bytes);
      return new long[] {outcome.ordinal(), allocated(threadId) - before};
    });
    try {
      long[] result = future.get(perInput.toMillis(), TimeUnit.MILLISECONDS);
      if (result[1] > memoryGuardBytes) {
        stats.unhandled++;
        fail(stats, target, bytes, id, "memory guard: " + result[1] / (1024 * 1024) + " MB allocated", null);
      } else if (result[0] == Outcome.PARSED.ordinal()) {
        stats.parsed++;
      } else {
        stats.refused++;
      }
      stats.mostAllocatedBytes = Math.max(stats.mostAllocatedBytes, result[1]);
    } catch (TimeoutException e) {
      stats.hangs++;
      future.cancel(true);
      // the stuck thread is left to itself (a daemon); the next input gets a fresh one
      worker.shutdownNow();
      worker = newWorker();
      fail(stats, target, bytes, id, "hang: no answer within " + perInput.toMillis() + " ms", null);
    } catch (ExecutionException e) {
      stats.unhandled++;
      fail(stats, target, bytes, id, "unhandled", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      stats.slowestMillis = Math.max(stats.slowestMillis, (System.nanoTime() - start) / 1_000_000);
    }
  }

  void close() {
    worker.shutdownNow();
    poiLog.setLevel(poiLevel);
  }

  private static void fail(Stats stats, Target target, byte[] bytes, String id, String what, Throwable cause) {
    StringWriter trace = new StringWriter();
    if (cause != null) {
      cause.printStackTrace(new PrintWriter(trace));
    }
    String line = id + ": " + what + (cause == null ? "" : ": " + cause);
    stats.failures.add(line);
    try {
      Files.createDirectories(FAILURES);
      Files.write(FAILURES.resolve(id + "." + target.extension()), bytes);
      Files.writeString(FAILURES.resolve(id + ".txt"), line + "\n" + trace);
    } catch (IOException e) {
      stats.failures.add(id + ": could not be saved: " + e);
    }
    System.out.println("[fuzz] FAILURE " + line + " (saved under " + FAILURES.toAbsolutePath() + ")");
  }

  private static long allocated(long threadId) {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean) {
      return bean.getThreadAllocatedBytes(threadId);
    }
    return 0;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      // a large stack would hide a recursion the default one overflows: the worker has the default stack
      Thread thread = new Thread(runnable, "fuzz-worker");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Prints a figures line and appends it to target/figures/{@code testClass}.txt. */
  static void figures(String testClass, String line) {
    String text = "[figures] " + line;
    System.out.println(text);
    try {
      Files.createDirectories(FIGURES);
      Files.writeString(FIGURES.resolve(testClass + ".txt"), text + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("[figures] could not be written: " + e);
    }
  }
}
