package org.kaohe.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.review.AreaReviewProcess;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.UnitSubmissionProcess;
import org.kaohe.webapp.WebappApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The office imports a catalogue into a real draft notice through Kaohe's Tasklist API, reviews it and publishes the
 * round with it; and who may import what, with which answers.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CatalogueImportIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String TASKS = "/camunda/api/tasklist/plugin/kaohe/default/tasks/";
  static final String ADMIN_PASSWORD = "test-admin-secret";

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;
  @Autowired
  AuthorizationService authorizationService;

  RoundDriver driver;

  @BeforeEach
  void driver() {
    driver = new RoundDriver(port, managementService);
  }

  @Test
  void theOfficeImportsReviewsAndPublishesTheRoundWithTheImportedCatalogue() throws IOException {
    String roundId = driver.start(2026);
    String draft = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.DRAFT_NOTICE);

    HttpResponse<String> imported = postFile(driver.as("office-staff"), draft, fixture("assessment-catalogue-2017.html"),
        "2017年度考核目录 附件1.html", true);

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    JsonNode answer = driver.tree(imported.body());
    assertThat(answer.path("source").asText()).isEqualTo("2017年度考核目录 附件1.html");
    assertThat(answer.path("unknownDepartments")).isEmpty();
    assertThat(answer.path("warnings")).isNotEmpty();
    ObjectNode catalogue = (ObjectNode) answer.get("catalogue");
    assertThat(catalogue.path("year").asInt()).as("the notice's year").isEqualTo(2026);
    List<String> codes = new ArrayList<>();
    catalogue.path("areas").forEach(area -> codes.add(area.path("code").asText()));
    assertThat(codes).containsExactly("thought-guidance", "deepening-reform", "strict-governance", "online-league",
        "direct-contact", "key-service-projects");
    assertThat(driver.variableJson("office-staff", draft, "notice").path("catalogue").path("title").asText())
        .as("the import stores nothing").isEqualTo("2017年度广东共青团工作考核目录");

    // What the form does on 采用此目录 after the office renamed an area: the catalogue goes into the notice.
    ArrayNode areas = (ArrayNode) catalogue.get("areas");
    ((ObjectNode) areas.get(2)).put("name", "全面从严治团");
    ((ObjectNode) areas.get(0).path("items").get(0)).put("description", "<p>宣讲<b>交流</b>活动</p><script>alert(1)</script>");
    ObjectNode notice = (ObjectNode) driver.variableJson("office-staff", draft, "notice");
    notice.set("catalogue", catalogue);
    driver.schedule(notice, LocalDate.now(ZONE).plusDays(30), null, code -> Set.of("guangzhou", "shenzhen").contains(code));
    driver.complete("office-staff", draft, Map.of("notice", driver.jsonVariable(notice)));

    JsonNode stored = driver.tree(runtimeService.getVariable(roundId, AnnualAssessmentProcess.NOTICE).toString());
    assertThat(stored.path("catalogue").path("areas").get(0).path("items").get(0).path("description").asText())
        .as("descriptions are stored as plain text").isEqualTo("宣讲交流活动");

    driver.approveAndPublish(roundId);
    driver.executeDueJobs();

    // every unit reads the reviewed catalogue in its notice
    for (String unit : List.of("guangzhou", "shenzhen")) {
      ProcessInstance instance = runtimeService.createProcessInstanceQuery()
          .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unit)).singleResult();
      JsonNode unitNotice = driver.tree(runtimeService.getVariable(instance.getId(), UnitSubmissionProcess.NOTICE).toString());
      assertThat(unitNotice.path("catalogue").path("areas")).hasSize(6);
      assertThat(unitNotice.path("catalogue").path("areas").get(2).path("name").asText()).isEqualTo("全面从严治团");
      assertThat(unitNotice.path("catalogue").path("year").asInt()).isEqualTo(2026);
    }

    // one area review per imported area, for its lead department, under the reviewed name
    Map<String, ProcessInstance> reviews = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(AreaReviewProcess.KEY).processInstanceBusinessKeyLike(roundId + ":%").list().stream()
        .collect(Collectors.toMap(p -> p.getBusinessKey().substring(roundId.length() + 1), p -> p));
    assertThat(reviews.keySet()).containsExactlyInAnyOrderElementsOf(codes);
    ProcessInstance strict = reviews.get("strict-governance");
    assertThat(runtimeService.getVariable(strict.getId(), AreaReviewProcess.AREA_NAME)).isEqualTo("全面从严治团");
    assertThat(runtimeService.getVariable(strict.getId(), AreaReviewProcess.LEAD_DEPARTMENT_GROUP)).isEqualTo("unit-grassroots");
    assertThat(runtimeService.getVariable(reviews.get("key-service-projects").getId(),
        AreaReviewProcess.LEAD_DEPARTMENT_GROUP)).isEqualTo("unit-youth-development");

    // attachment 2 of a city has one row per imported area, in catalogue order
    String submit = driver.onlyTask("guangzhou-staff",
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId,
            "guangzhou")).singleResult().getId(), UnitSubmissionProcess.SUBMIT_PACKAGE);
    HttpResponse<byte[]> template = driver.as("guangzhou-staff")
        .sendForBytes(driver.as("guangzhou-staff").request(TASKS + submit + "/templates/key-work").GET().build());
    assertThat(template.statusCode()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
      for (Row row : workbook.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET)) {
        Cell number = row.getCell(0);
        if (number != null && number.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
          rows.add(row.getCell(1).getStringCellValue());
        }
      }
    }
    assertThat(rows).hasSize(6).element(2).isEqualTo("全面从严治团");
  }

  @Test
  void onlyTheOfficeAndAdministratorsImportOnlyAdministratorsFetchAndTheGuardsAnswerClearly() throws IOException {
    String roundId = driver.start(2026);
    String draft = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.DRAFT_NOTICE);
    byte[] page = fixture("work-points-2017.html");

    // a city cannot see the office's task at all
    HttpResponse<String> city = postFile(driver.as("guangzhou-staff"), draft, page, "a.html", true);
    assertThat(city.statusCode()).isEqualTo(404);
    assertThat(message(city)).isEqualTo("找不到该任务，或您无权查看该任务");

    // someone allowed to see the task who is neither office nor administrator (a delegate, a reader)
    WebClient reader = reader(draft);
    HttpResponse<String> notOffice = postFile(reader, draft, page, "a.html", true);
    assertThat(notOffice.statusCode()).isEqualTo(403);
    assertThat(message(notOffice)).isEqualTo("只有办公室工作人员和系统管理员可以导入考核目录");

    // the office may upload, not make the server fetch
    WebClient office = driver.as("office-staff");
    HttpResponse<String> work = postFile(office, draft, page, "2017年工作要点.html", true);
    assertThat(work.statusCode()).as(work.body()).isEqualTo(200);
    assertThat(driver.tree(work.body()).path("catalogue").path("areas")).hasSize(5);
    HttpResponse<String> officeUrl = postUrl(office, draft, "{\"url\":\"https://www.gdgqt.org.cn/\"}", true);
    assertThat(officeUrl.statusCode()).isEqualTo(403);
    assertThat(message(officeUrl)).startsWith("从网址导入只限系统管理员使用");

    // an administrator may, but never into the server's own network
    WebClient admin = new WebClient(port);
    assertThat(admin.loginToTasklist("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    HttpResponse<String> local = postUrl(admin, draft, "{\"url\":\"http://127.0.0.1:" + port + "/camunda/\"}", true);
    assertThat(local.statusCode()).isEqualTo(422);
    assertThat(message(local)).startsWith("出于安全原因，不允许从内部网络或本机地址导入");
    assertThat(postUrl(admin, draft, "{\"url\":\" \"}", true).statusCode()).isEqualTo(400);
    assertThat(postUrl(admin, draft, "not json", true).statusCode()).isEqualTo(400);
    HttpResponse<String> fileScheme = postUrl(admin, draft, "{\"url\":\"file:///etc/passwd\"}", true);
    assertThat(fileScheme.statusCode()).isEqualTo(422);
    assertThat(message(fileScheme)).contains("只能导入 http 或 https 网页地址");
    assertThat(postFile(admin, draft, page, "a.html", true).statusCode()).isEqualTo(200);

    // too large: refused before it is read
    HttpResponse<String> large = postFile(office, draft, new byte[WorkPointsImporter.MAX_BYTES + 1], "a.html", true);
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(message(large)).isEqualTo("文件超过 2 MB，请检查是否选错了文件");

    // Camunda's CSRF filter guards the API like the engine's (and ends the session: fresh logins here)
    WebClient forgetful = new WebClient(port);
    assertThat(forgetful.loginToTasklist("office-staff", RoundDriver.PASSWORD).statusCode()).isEqualTo(200);
    HttpResponse<String> noToken = postFile(forgetful, draft, page, "a.html", false);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(postUrl(admin, draft, "{\"url\":\"https://www.gdgqt.org.cn/\"}", false).statusCode()).isEqualTo(403);

    // not a web page: said so, not "no sections found"
    byte[] docx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
    HttpResponse<String> binary = postFile(office, draft, docx, "通知.docx", true);
    assertThat(binary.statusCode()).isEqualTo(422);
    assertThat(message(binary)).startsWith("“通知.docx”是 Word、Excel 文档（.docx、.xlsx）或压缩文件，不是网页文件。");
    HttpResponse<String> nothing = postFile(office, draft, "<p>没有编号的段落</p>".getBytes(StandardCharsets.UTF_8), "a.html", true);
    assertThat(nothing.statusCode()).isEqualTo(422);
    assertThat(message(nothing)).startsWith("未识别到任何章节");

    // a catalogue that bypasses the form is refused when the draft is completed, naming the area
    ObjectNode notice = (ObjectNode) driver.variableJson("office-staff", draft, "notice");
    driver.schedule(notice, LocalDate.now(ZONE).plusDays(30), null, code -> code.equals("guangzhou"));
    ObjectNode firstArea = (ObjectNode) notice.path("catalogue").path("areas").get(0);
    firstArea.put("leadDepartment", "guangzhou");
    ((ObjectNode) notice.path("catalogue").path("areas").get(1)).put("code", firstArea.path("code").asText());
    HttpResponse<String> refused = driver.submitForm("office-staff", draft, Map.of("notice", driver.jsonVariable(notice)));
    assertThat(refused.statusCode()).isNotEqualTo(204);
    assertThat(refused.body()).contains("考核项目第 1 项「青少年思想引领及青年人才工作」的牵头部门“广州市团委”是地市团委，应为部室或直属单位")
        .contains("考核项目第 2 项「共青团深化改革工作」的代码“thought-guidance”与其他考核项目重复");
    notice.with("catalogue").putArray("areas");
    HttpResponse<String> empty = driver.submitForm("office-staff", draft, Map.of("notice", driver.jsonVariable(notice)));
    assertThat(empty.statusCode()).isNotEqualTo(204);
    assertThat(empty.body()).contains("考核目录至少需要一个考核项目");

    // the configured catalogue passes unchanged; another task of the round is not for importing
    ObjectNode configured = (ObjectNode) driver.variableJson("office-staff", draft, "notice");
    driver.schedule(configured, LocalDate.now(ZONE).plusDays(30), null, code -> code.equals("guangzhou"));
    driver.complete("office-staff", draft, Map.of("notice", driver.jsonVariable(configured)));
    assertThat(driver.tree(runtimeService.getVariable(roundId, AnnualAssessmentProcess.NOTICE).toString()).path("catalogue"))
        .isEqualTo(configured.path("catalogue"));
    String approve = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.APPROVE_NOTICE);
    HttpResponse<String> otherTask = postFile(office, approve, page, "a.html", true);
    assertThat(otherTask.statusCode()).isEqualTo(409);
    assertThat(message(otherTask)).isEqualTo("只有“起草通知”和“起草重点工作目录”任务可以导入考核目录");
  }

  /** A user of no Kaohe group, logged in to Tasklist, who may read the one task. */
  private WebClient reader(String taskId) {
    String id = "reader-" + taskId.substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword(RoundDriver.PASSWORD);
    identityService.saveUser(user);
    grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(id, Resources.TASK, taskId, Permissions.READ);
    WebClient client = new WebClient(port);
    assertThat(client.loginToTasklist(id, RoundDriver.PASSWORD).statusCode()).isEqualTo(200);
    return client;
  }

  private void grant(String userId, Resources resource, String resourceId, Permissions permission) {
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }

  private HttpResponse<String> postFile(WebClient client, String taskId, byte[] body, String fileName, boolean csrf) {
    HttpRequest.Builder request = client.request(TASKS + taskId + "/catalogue-import/file")
        .header("Content-Type", "text/html")
        .header(WebappApi.FILE_NAME_HEADER, URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    if (csrf) {
      request.header(client.csrf()[0], client.csrf()[1]);
    }
    return client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private HttpResponse<String> postUrl(WebClient client, String taskId, String json, boolean csrf) {
    HttpRequest.Builder request = client.request(TASKS + taskId + "/catalogue-import/url")
        .header("Content-Type", "application/json");
    if (csrf) {
      request.header(client.csrf()[0], client.csrf()[1]);
    }
    return client.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private String message(HttpResponse<String> response) {
    return driver.tree(response.body()).path("message").asText();
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = CatalogueImportIT.class.getResourceAsStream("/catalogue/" + name)) {
      return in.readAllBytes();
    }
  }
}
