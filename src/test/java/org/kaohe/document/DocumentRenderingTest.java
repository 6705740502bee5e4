package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A visual check: with LibreOffice ({@code soffice}) and poppler ({@code pdftoppm}) on the PATH, renders every
 * generated document (the published notice, the request and feedback letters, the results workbook, the survey
 * template and the attachment 2 / 3 templates) to PDF under {@code target/rendered/} and the first page of each to
 * PNG, for a person to look at. Skipped, saying why, where they are not installed.
 */
class DocumentRenderingTest {

  private static final Path OUT = Path.of("target", "rendered");

  @Test
  void rendersSampleDocumentsToPdfAndPng() throws Exception {
    assumeTrue(onPath("soffice"), "LibreOffice (soffice) is not on the PATH: rendering skipped. Install "
        + "libreoffice-writer libreoffice-calc poppler-utils fonts-wqy-zenhei to look at the documents.");
    Files.createDirectories(OUT);
    PoiDocuments documents = new PoiDocuments();
    List<Path> inputs = List.of(
        write("party-evaluation-request.docx", documents.partyEvaluationRequest(Samples.request())),
        write("feedback-letter.docx", documents.feedbackLetter(Samples.letter())),
        write("results-workbook.xlsx", documents.resultsWorkbook(Samples.results())),
        write("youth-survey-template.xlsx", new PoiYouthSurveyWorkbook().template("2020年度盟市共青团工作青年评议结果",
            Samples.units())),
        write("published-notice.docx", documents.publishedNotice(PoiDocumentsTest.notice())),
        write("key-work-template.xlsx", new PoiPackageWorkbooks().keyWorkTemplate(PackageNotices.of("guangdong"),
            "广州市团委")),
        write("evaluation-template.xlsx", new PoiPackageWorkbooks().evaluationTemplate(
            PackageNotices.of("inner-mongolia"), "呼和浩特市团委")),
        write("progress-month.docx", ProgressMonthReport.docx("广东团省委重点工作推进情况（2026年5月）", 5,
            ProgressMonthReportTest.ROWS)),
        write("progress-month-table.xlsx", ProgressMonthReport.xlsx("广东团省委重点工作推进情况（2026年5月）",
            ProgressMonthReportTest.ROWS)));
    List<String> command = new ArrayList<>(List.of("soffice", "--headless", "--norestore",
        "-env:UserInstallation=" + OUT.toAbsolutePath().resolve("lo-profile").toUri(), "--convert-to", "pdf",
        "--outdir", OUT.toString()));
    inputs.forEach(p -> command.add(p.toString()));
    run(command, 240);
    boolean pdftoppm = onPath("pdftoppm");
    for (Path input : inputs) {
      String base = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      Path pdf = OUT.resolve(base + ".pdf");
      assertThat(pdf).exists();
      assertThat(Files.size(pdf)).isGreaterThan(1000);
      if (pdftoppm) {
        run(List.of("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf.toString(),
            OUT.resolve(base).toString()), 60);
        assertThat(OUT.resolve(base + ".png")).exists();
      }
    }
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(OUT.resolve(name), bytes);
  }

  private static void run(List<String> command, int seconds) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(OUT.resolve("convert.log").toFile()).start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish in " + seconds + " s");
    }
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
