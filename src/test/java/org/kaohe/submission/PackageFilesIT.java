package org.kaohe.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.round.RoundDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Guangdong city does its submission with the attachment templates through Kaohe's Tasklist API: download,
 * fill, upload, the form receives exactly what was typed; bad files and other users get clear refusals and
 * nothing changes. (Inner Mongolia: {@code InnerMongoliaRoundIT}.)
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class PackageFilesIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String API = PackageFilesFlow.API;

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  Submissions submissions;

  RoundDriver driver;
  String roundId;

  @BeforeEach
  void publish() {
    driver = new RoundDriver(port, managementService);
    roundId = driver.publish(2026, LocalDate.now(ZONE).plusDays(30),
        code -> code.equals("guangzhou") || code.equals("shenzhen") || code.equals("publicity"));
  }

  @Test
  void aCityDoesItsSubmissionWithTheTwoTemplatesAndTheFormHoldsExactlyWhatWasTyped() throws Exception {
    String task = submissionTask("guangzhou");
    JsonNode notice = driver.variableJson("guangzhou-staff", task, "notice");
    PackageFilesFlow.Filled filled =
        PackageFilesFlow.fillAndUpload(driver.as("guangzhou-staff"), task, notice, "广州市团委");

    // The form merges what it received into its package, saves a draft, and submits.
    ObjectNode pkg = driver.validPackage(notice, "city", "广州市团委");
    pkg.set("keyWork", filled.keyWork());
    ObjectNode evaluation = filled.evaluation().deepCopy();
    evaluation.put("otherNotes", "无");
    pkg.set("evaluation", evaluation);
    assertThat(driver.saveDraft("guangzhou-staff", task, pkg).statusCode()).isEqualTo(204);
    assertThat(driver.variableJson("guangzhou-staff", task, "submissionPackage")).isEqualTo(pkg);
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    driver.complete("guangzhou-leader", driver.onlyTask("guangzhou-leader", instance("guangzhou"),
        UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));

    JsonNode recorded = driver.tree(submissions.latestOfRound(roundId).stream()
        .filter(s -> s.unitCode().equals("guangzhou")).findFirst().orElseThrow().packageJson());
    assertThat(recorded.get("keyWork")).isEqualTo(filled.keyWork());
    assertThat(recorded.get("evaluation")).isEqualTo(evaluation);
  }

  @Test
  void aWorkbookWithProblemsIsAnsweredCellByCellAndTheTaskIsUnchanged() throws Exception {
    String task = submissionTask("guangzhou");
    JsonNode notice = driver.variableJson("guangzhou-staff", task, "notice");
    WebClient city = driver.as("guangzhou-staff");
    ObjectNode draft = driver.validPackage(notice, "city", "广州市团委");
    assertThat(driver.saveDraft("guangzhou-staff", task, draft).statusCode()).isEqualTo(204);
    Map<String, String> before = variables(task);

    byte[] template = city.getBytes(API + task + "/templates/evaluation").body();
    byte[] bad = PackageFilesFlow.fill(template, wb -> {
      PackageFilesFlow.row(wb.getSheetAt(0), PackageFilesFlow.FIRST, "", "市委书记", "明天", "", "", "", "也许", "否");
      PackageFilesFlow.row(wb.getSheetAt(1), PackageFilesFlow.FIRST + 2, "任务", "", "2026-02-30", "", "", "");
    });
    HttpResponse<String> refused = city.upload(API + task + "/workbooks/evaluation", bad, "附件3.xlsx");
    assertThat(refused.statusCode()).isEqualTo(422);
    JsonNode answer = driver.tree(refused.body());
    assertThat(answer.path("message").asText()).contains("处问题");
    assertThat(answer.path("problems")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(answer.path("problems").findValuesAsText("text"))
        .allSatisfy(text -> assertThat(text).startsWith("工作表“").contains("第 ").contains(" 列："))
        .anySatisfy(text -> assertThat(text).contains("附表1").contains("第 5 行"));
    assertThat(answer.has("evaluation")).isFalse();

    // A file that is no workbook, an empty body, one over the limit: each one clear message.
    HttpResponse<String> pdf = city.upload(API + task + "/workbooks/key-work", "%PDF-1.7 …".getBytes(), "附件2.xlsx");
    assertThat(pdf.statusCode()).isEqualTo(422);
    assertThat(driver.tree(pdf.body()).path("message").asText()).contains("不是有效的 Excel");
    HttpResponse<String> large = city.upload(API + task + "/workbooks/key-work",
        new byte[PackageFilesResource.MAX_WORKBOOK_BYTES + 1], "附件2.xlsx");
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(driver.tree(large.body()).path("message").asText()).contains("5 MB");

    assertThat(variables(task)).isEqualTo(before);
    assertThat(driver.variableJson("guangzhou-staff", task, "submissionPackage")).isEqualTo(draft);
  }

  @Test
  void onlyTheUnitsOwnSubmissionTaskOffersTemplatesAndNobodyElseReadsThroughIt() throws Exception {
    String task = submissionTask("guangzhou");
    // Another city's staff and leader: not found, and nothing of the task in the answer.
    for (String user : new String[] {"shenzhen-staff", "shenzhen-leader"}) {
      HttpResponse<byte[]> other = driver.as(user).getBytes(API + task + "/templates/key-work");
      assertThat(other.statusCode()).as(user).isEqualTo(404);
      assertThat(new String(other.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("找不到该任务").doesNotContain("广州");
      HttpResponse<String> upload = driver.as(user).upload(API + task + "/workbooks/key-work", new byte[10], "x.xlsx");
      assertThat(upload.statusCode()).as(user).isEqualTo(404);
    }
    // Not logged in: the webapps' filter refuses before Kaohe's code runs.
    HttpResponse<byte[]> anonymous = new WebClient(port).getBytes(API + task + "/templates/key-work");
    assertThat(anonymous.statusCode()).isIn(401, 403);
    // A modifying call without the CSRF token is refused by Camunda's CSRF filter.
    WebClient city = new WebClient(port);
    city.loginToTasklist("guangzhou-staff", RoundDriver.PASSWORD);
    HttpResponse<String> noCsrf = city.send(city.request(API + task + "/workbooks/key-work")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    // A department submits the summary only: no templates.
    String department = submissionTask("publicity");
    HttpResponse<byte[]> summaryOnly = driver.as("publicity-staff").getBytes(API + department + "/templates/key-work");
    assertThat(summaryOnly.statusCode()).isEqualTo(409);
    assertThat(new String(summaryOnly.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("只需填写工作总结");
    // Another task of the unit (the leader's approval) is not a submission task.
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage",
        driver.jsonVariable(driver.validPackage(driver.variableJson("guangzhou-staff", task, "notice"), "city", "广州市团委"))));
    String approval = driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);
    assertThat(driver.as("guangzhou-leader").getBytes(API + approval + "/templates/key-work").statusCode())
        .isEqualTo(409);
  }

  @Test
  void theNoticeComesAsAnOfficialDocumentFromTheUnitsTask() throws Exception {
    String task = submissionTask("shenzhen");
    HttpResponse<byte[]> notice = driver.as("shenzhen-staff").getBytes(API + task + "/documents/notice");
    assertThat(notice.statusCode()).isEqualTo(200);
    assertThat(notice.headers().firstValue("Content-Disposition").orElse("")).contains("filename*=UTF-8''");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(notice.body()))) {
      String text = doc.getParagraphs().stream().map(p -> p.getText()).reduce("", (a, b) -> a + "\n" + b);
      assertThat(text).contains("关于开展2026年度工作总结和考核的通知").contains("附件：").contains("团省委办公室")
          .contains(PoiPackageWorkbooks.keyWorkTitle(noticeOf(task)));
    }
  }

  @Test
  void theSummaryWrittenInWordFillsTheFourPartsAndTheFileGoesWithThePackage() throws Exception {
    String task = submissionTask("publicity");
    WebClient department = driver.as("publicity-staff");
    byte[] docx = summaryDocx("宣传部2026年工作总结",
        "一、2026年工作情况", "全年开展主题宣传 36 场。", "新媒体矩阵粉丝增长 20%。",
        "二、当前工作中存在的问题与困难", "基层宣传力量不足。",
        "三、2027年工作思路", "推进网上共青团建设。",
        "四、对有关工作的意见建议", "建议增加宣传经费。");

    // A document whose headings cannot be found is refused and nothing is kept.
    HttpResponse<String> noHeadings = department.upload(API + task + "/summary-document",
        summaryDocx("随笔", "今年做了很多工作。"), "随笔.docx");
    assertThat(noHeadings.statusCode()).isEqualTo(422);
    assertThat(driver.tree(noHeadings.body()).path("message").asText()).contains("未能在文档中识别出工作总结的四个部分标题");
    assertThat(taskService.getVariable(task, UnitSubmissionProcess.SUMMARY_DOCUMENT)).isNull();
    byte[] xlsx;
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
      wb.createSheet("总结");
      wb.write(out);
      xlsx = out.toByteArray();
    }
    HttpResponse<String> workbook = department.upload(API + task + "/summary-document", xlsx, "总结.docx");
    assertThat(workbook.statusCode()).isEqualTo(422);
    assertThat(driver.tree(workbook.body()).path("message").asText()).contains("不是有效的 Word");
    assertThat(taskService.getVariable(task, UnitSubmissionProcess.SUMMARY_DOCUMENT)).isNull();

    HttpResponse<String> read = department.upload(API + task + "/summary-document", docx, "宣传部2026年工作总结.docx");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode answer = driver.tree(read.body());
    assertThat(answer.path("parts").path("yearWork").asText()).isEqualTo("全年开展主题宣传 36 场。\n新媒体矩阵粉丝增长 20%。");
    assertThat(answer.path("parts").path("suggestions").asText()).isEqualTo("建议增加宣传经费。");
    assertThat(answer.path("warnings").toString()).contains("宣传部2026年工作总结");
    assertThat(answer.path("fileName").asText()).isEqualTo("宣传部2026年工作总结.docx");

    ObjectNode pkg = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    ObjectNode summary = pkg.putObject("summary");
    answer.path("parts").fields().forEachRemaining(e -> summary.put(e.getKey(), e.getValue().asText()));
    driver.complete("publicity-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    String approval = driver.onlyTask("publicity-leader", instance("publicity"), UnitSubmissionProcess.APPROVE_PACKAGE);
    HttpResponse<byte[]> kept = driver.as("publicity-leader").getBytes(RoundDriver.ENGINE_API + "/task/" + approval
        + "/variables/summaryDocument/data");
    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(kept.body()).isEqualTo(docx);
    driver.complete("publicity-leader", approval, Map.of("packageApproved", booleanVariable(true)));
    JsonNode recorded = driver.tree(submissions.latestOfRound(roundId).stream()
        .filter(s -> s.unitCode().equals("publicity")).findFirst().orElseThrow().packageJson());
    assertThat(recorded.path("summary")).isEqualTo(summary);
    assertThat(recorded.path("summaryDocument").path("fileName").asText()).isEqualTo("宣传部2026年工作总结.docx");
    assertThat(recorded.path("summaryDocument").path("sha256").asText())
        .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(docx)));
  }

  @Test
  void aSummaryDocumentSetAroundTheFormIsCheckedWhenThePackageIsSubmitted() throws Exception {
    String task = submissionTask("publicity");
    WebClient department = driver.as("publicity-staff");
    String html = java.util.Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes());
    HttpResponse<String> set = department.postJson(RoundDriver.ENGINE_API + "/task/" + task + "/variables",
        "{\"modifications\":{\"summaryDocument\":{\"type\":\"File\",\"value\":\"" + html + "\","
            + "\"valueInfo\":{\"filename\":\"总结.docx\",\"mimeType\":\"text/html\"}}}}", department.csrf());
    assertThat(set.statusCode()).isEqualTo(204);
    ObjectNode pkg = driver.validPackage(driver.variableJson("publicity-staff", task, "notice"), "department", "宣传部");
    HttpResponse<String> refused = driver.submitForm("publicity-staff", task,
        Map.of("submissionPackage", driver.jsonVariable(pkg)));
    // A validator's refusal: 400 with Kaohe's reasons, without Camunda's English prefix (security.TaskConflictFilter).
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(driver.tree(refused.body()).path("message").asText()).contains("工作总结原文件“总结.docx”无法读取")
        .doesNotContain("Cannot submit");
    // Removing it through the form's button lets the package go.
    HttpRequest delete = department.request(API + task + "/summary-document", department.csrf()).DELETE().build();
    assertThat(department.send(delete).statusCode()).isEqualTo(204);
    driver.complete("publicity-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
  }

  /** A .docx with one paragraph per line; lines ending in a part's heading text become headings as typed. */
  private static byte[] summaryDocx(String... lines) throws Exception {
    try (XWPFDocument doc = new XWPFDocument(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      for (String line : lines) {
        doc.createParagraph().createRun().setText(line);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  private org.kaohe.round.Notice noticeOf(String task) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
        .readValue(driver.variableJson("shenzhen-staff", task, "notice").toString(), org.kaohe.round.Notice.class);
  }

  /** The task's variables as text: JSON values compare by content. */
  private Map<String, String> variables(String task) {
    Map<String, String> texts = new java.util.TreeMap<>();
    taskService.getVariables(task).forEach((name, value) -> texts.put(name, String.valueOf(value)));
    return texts;
  }

  private String instance(String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  private String submissionTask(String unitCode) {
    return driver.onlyTask(unitCode + "-staff", instance(unitCode), UnitSubmissionProcess.SUBMIT_PACKAGE);
  }
}
