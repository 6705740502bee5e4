package org.kaohe.progressreport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.webapp.WebappApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A year of monthly key-work progress reports in Tasklist, the clock moved month by month: the office imports seed
 * 001's work points as the catalogue and its leader approves it in April; each month opens on the 25th, the
 * departments report as their staff, the reminder before the due date and the office's reminder after it are mailed,
 * one department is late (waited for once) or missing (compiled without), the office downloads both documents and
 * approves. And a department never sees another's task, instance, variables or lines.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=" + ProgressReportYearIT.SMTP_PORT})
@ActiveProfiles({"demo", "test"})
class ProgressReportYearIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String ENGINE = "/camunda/api/engine/engine/default";
  static final String TASKS = "/camunda/api/tasklist/plugin/kaohe/default/tasks/";
  static final int YEAR = 2026;
  // Not GreenMail's 3025: other ITs may run at the same time on this machine.
  static final int SMTP_PORT = 3427;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  KeyWork keyWork;

  RoundDriver driver;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void driver() {
    driver = new RoundDriver(port, managementService);
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  @Test
  void aYearOfMonthlyReports() throws Exception {
    clock(LocalDateTime.of(YEAR, 4, 10, 9, 0));
    String year = startYear();
    assertThat(startYearResponse().body()).as("a second start of the year is refused")
        .contains(YEAR + "年的重点工作推进流程已在进行中");

    // The office imports seed 001's page into the draft and submits; a first draft without departments is refused.
    String draft = driver.onlyTask("office-staff", year, ProgressReportingProcess.DRAFT_KEY_WORK);
    HttpResponse<String> imported = postFile(driver.as("office-staff"), draft, fixture("work-points-2017.html"), "工作要点.html");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    ObjectNode catalogue = (ObjectNode) driver.tree(imported.body()).get("keyWork");
    ArrayNode lines = (ArrayNode) catalogue.get("lines");
    assertThat(lines).hasSize(16);
    ObjectNode withoutDepartment = catalogue.deepCopy();
    ((ObjectNode) withoutDepartment.get("lines").get(0)).put("department", "");
    HttpResponse<String> refused = driver.submitForm("office-staff", draft,
        Map.of("keyWork", driver.jsonVariable(withoutDepartment)));
    assertThat(refused.body()).contains("第1项未选择责任部门");
    // Seed 001's page names no responsible department: the import leaves them to the office, which chooses among
    // the organisation's departments and affiliated units (four of them here, in turn).
    assertThat(driver.tree(imported.body()).path("warnings").toString()).contains("没有可识别的责任部门");
    JsonNode choices = driver.variableJson("office-staff", draft, ProgressReportingProcess.DEPARTMENT_CHOICES);
    assertThat(choices.toString()).doesNotContain("guangzhou").contains("publicity");
    // Not the office itself: its staff see every task of the cycle, as the office that runs it.
    List<String> picked = new ArrayList<>();
    choices.forEach(c -> {
      if (!c.path("code").asText().equals("office") && picked.size() < 4) {
        picked.add(c.path("code").asText());
      }
    });
    for (int i = 0; i < lines.size(); i++) {
      ((ObjectNode) lines.get(i)).put("department", picked.get(i % picked.size()));
    }
    driver.complete("office-staff", draft, Map.of("keyWork", driver.jsonVariable(catalogue)));
    driver.complete("office-leader", driver.onlyTask("office-leader", year, ProgressReportingProcess.APPROVE_KEY_WORK),
        Map.of("keyWorkApproved", RoundDriver.booleanVariable(true), "keyWorkComment", RoundDriver.stringVariable("")));

    List<KeyWork.Line> stored = keyWork.lines("guangdong", YEAR);
    assertThat(stored).hasSize(16);
    List<String> departments = stored.stream().map(KeyWork.Line::department).distinct().toList();
    assertThat(departments.size()).isGreaterThan(2);
    assertThat(runtimeService.getVariable(year, ProgressReportingProcess.FIRST_MONTH)).as("April's report opens on 25 April").isEqualTo(4);

    String late = departments.get(0);
    String other = departments.get(1);
    for (int month = 4; month <= 12; month++) {
      String missing = month == 4 ? late : month % 2 == 0 ? other : null;
      runMonth(year, month, departments, missing, month == 4);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(year).count()).as("the year ended").isZero();
    assertThat(jdbc.queryForList("SELECT status FROM kaohe_progress_month WHERE report_year = ? ORDER BY report_month",
        String.class, YEAR)).hasSize(9).containsOnly("approved");
  }

  private void runMonth(String year, int month, List<String> departments, String missing, boolean waitOnce)
      throws Exception {
    String roundName = YEAR + "年" + month + "月重点工作推进";
    clock(LocalDateTime.of(YEAR, month, 24, 23, 0));
    driver.executeDueJobs();
    assertThat(reports(month)).as("nothing opens before the 25th").isEmpty();
    clock(LocalDateTime.of(YEAR, month, 25, 0, 0, 1));
    driver.executeDueJobs();
    List<ProcessInstance> opened = reports(month);
    assertThat(opened).as(roundName + " opened").hasSize(departments.size());
    assertThat(jdbc.queryForObject("SELECT status FROM kaohe_progress_month WHERE report_year = ? AND report_month = ?",
        String.class, YEAR, month)).isEqualTo("open");

    // Isolation: the first department sees its own task only, and cannot read the second's instance or variables.
    String a = departments.get(0);
    String b = departments.get(1);
    String bInstance = instanceOf(month, b);
    assertThat(driver.tree(driver.as(a + "-staff").get(ENGINE + "/task?processInstanceId=" + bInstance).body())).isEmpty();
    assertThat(driver.as(a + "-staff").get(ENGINE + "/process-instance/" + bInstance + "/variables").statusCode())
        .isIn(403, 404);
    String bTask = driver.onlyTask(b + "-staff", bInstance, ProgressReportProcess.REPORT_PROGRESS);
    assertThat(driver.as(a + "-staff").get(ENGINE + "/task/" + bTask + "/variables/lines").statusCode()).isIn(403, 404);
    assertThat(driver.tree(driver.as(a + "-staff").get(ENGINE + "/history/process-instance?processInstanceId="
        + bInstance).body())).isEmpty();

    for (String department : departments) {
      if (department.equals(missing)) {
        continue;
      }
      report(month, department, false);
    }

    // The department's reminder, two days before the due date, to the one that has not reported.
    if (missing != null) {
      mail.purgeEmailFromAllMailboxes();
      LocalDateTime due = LocalDateTime.of(YEAR, month, 1, 23, 59, 59).plusMonths(1).withDayOfMonth(8);
      clock(due.minusDays(2).withHour(9).withMinute(0).withSecond(1));
      driver.executeDueJobs();
      assertThat(recipients(mailsWith(roundName, "截止"))).contains(missing + "-staff@kaohe.invalid");

      clock(due.plusSeconds(2));
      driver.executeDueJobs();
      assertThat(recipients(mailsWith(roundName, "未报送"))).contains("office-staff@kaohe.invalid");
      assertThat(jdbc.queryForObject("SELECT late FROM kaohe_progress_department WHERE report_year = ? AND report_month = ?"
          + " AND department = ?", Boolean.class, YEAR, month, missing)).isTrue();
      String followUp = driver.onlyTask("office-staff", year, ProgressReportingProcess.FOLLOW_UP);
      assertThat(driver.variableJson("office-staff", followUp, ProgressReportingProcess.MISSING).toString()).contains(missing);
      if (waitOnce) {
        driver.complete("office-staff", followUp, Map.of("keepWaiting", RoundDriver.booleanVariable(true)));
        clock(due.plusDays(3).plusMinutes(1));
        driver.executeDueJobs();
        driver.onlyTask("office-staff", year, ProgressReportingProcess.FOLLOW_UP);
        report(month, missing, true);
        assertThat(jdbc.queryForObject("SELECT late FROM kaohe_progress_department WHERE report_year = ?"
            + " AND report_month = ? AND department = ?", Boolean.class, YEAR, month, missing)).isTrue();
      } else {
        driver.complete("office-staff", followUp, Map.of("keepWaiting", RoundDriver.booleanVariable(false)));
      }
    }

    String approve = driver.onlyTask("office-staff", year, ProgressReportingProcess.APPROVE_MONTH);
    List<KeyWork.Line> lines = keyWork.lines("guangdong", YEAR);
    HttpResponse<byte[]> docx = driver.as("office-staff").getBytes(TASKS + approve + "/progress-documents/docx");
    assertThat(docx.statusCode()).isEqualTo(200);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()))) {
      XWPFTable table = doc.getTables().get(0);
      assertThat(table.getRows()).hasSize(lines.size() + 1);
      for (int i = 0; i < lines.size(); i++) {
        KeyWork.Line line = lines.get(i);
        String progress = table.getRow(i + 1).getCell(2).getText();
        boolean reported = waitOnce || !line.department().equals(missing);
        assertThat(progress).as(month + "月 line " + line.number())
            .isEqualTo(reported ? progressText(month, line.number()) : "未报送");
      }
    }
    HttpResponse<byte[]> xlsx = driver.as("office-staff").getBytes(TASKS + approve + "/progress-documents/xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(lines.size() + 1);
    }
    assertThat(driver.as(missing == null ? departments.get(0) + "-staff" : missing + "-staff")
        .getBytes(TASKS + approve + "/progress-documents/docx").statusCode()).as("departments do not download")
        .isIn(403, 404);
    driver.complete("office-staff", approve, Map.of("monthReportApproved", RoundDriver.booleanVariable(true)));
    assertThat(jdbc.queryForObject("SELECT status FROM kaohe_progress_month WHERE report_year = ? AND report_month = ?",
        String.class, YEAR, month)).isEqualTo("approved");
    if (missing != null && !waitOnce) {
      assertThat(jdbc.queryForObject("SELECT status FROM kaohe_progress_department WHERE report_year = ?"
          + " AND report_month = ? AND department = ?", String.class, YEAR, month, missing)).isEqualTo("missing");
    }
  }

  /** The department's staff fills every one of its lines (checking it sees its own previous months only) and submits. */
  private void report(int month, String department, boolean late) throws IOException {
    String instance = instanceOf(month, department);
    String task = driver.onlyTask(department + "-staff", instance, ProgressReportProcess.REPORT_PROGRESS);
    JsonNode lines = driver.variableJson(department + "-staff", task, ProgressReportProcess.LINES);
    Set<Integer> own = new LinkedHashSet<>();
    lines.forEach(l -> own.add(l.path("number").asInt()));
    assertThat(own).isNotEmpty();
    JsonNode previous = driver.variableJson(department + "-staff", task, ProgressReportProcess.PREVIOUS_ENTRIES);
    previous.forEach(e -> {
      assertThat(own).contains(e.path("number").asInt());
      assertThat(e.path("month").asInt()).isLessThan(month);
    });
    ArrayNode report = json.createArrayNode();
    lines.forEach(l -> report.addObject().put("number", l.path("number").asInt()).put("progress", "")
        .put("nextPlan", "下一步"));
    HttpResponse<String> refused = driver.submitForm(department + "-staff", task,
        Map.of(ProgressReportProcess.REPORT, driver.jsonVariable(report)));
    assertThat(refused.body()).contains("本月推进情况未填写");
    report.forEach(e -> ((ObjectNode) e).put("progress", progressText(month, e.path("number").asInt())));
    driver.complete(department + "-staff", task, Map.of(ProgressReportProcess.REPORT, driver.jsonVariable(report)));
    assertThat(jdbc.queryForObject("SELECT late FROM kaohe_progress_department WHERE report_year = ? AND report_month = ?"
        + " AND department = ?", Boolean.class, YEAR, month, department)).isEqualTo(late);
  }

  private static String progressText(int month, int line) {
    return month + "月第" + line + "项：开展工作\n覆盖青年" + line + "万人次";
  }

  private List<ProcessInstance> reports(int month) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ProgressReportProcess.KEY)
        .processInstanceBusinessKeyLike("progress:" + ProgressCalendar.monthKey(YEAR, month) + ":%").list();
  }

  private String instanceOf(int month, String department) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(ProgressReportProcess.businessKey(YEAR, month, department)).singleResult().getId();
  }

  private String startYear() {
    HttpResponse<String> started = startYearResponse();
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return driver.tree(started.body()).get("id").asText();
  }

  private HttpResponse<String> startYearResponse() {
    WebClient office = driver.as("office-staff");
    return office.postJson(ENGINE + "/process-definition/key/progress-reporting/submit-form",
        "{\"variables\":{\"reportYear\":{\"value\":" + YEAR + ",\"type\":\"Integer\"}}}", office.csrf());
  }

  private static void clock(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
  }

  private HttpResponse<String> postFile(WebClient client, String taskId, byte[] body, String fileName) {
    HttpRequest.Builder request = client.request(TASKS + taskId + "/catalogue-import/file")
        .header("Content-Type", "text/html")
        .header(WebappApi.FILE_NAME_HEADER, URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
        .header(client.csrf()[0], client.csrf()[1]);
    return client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ProgressReportYearIT.class.getResourceAsStream("/catalogue/" + name)) {
      return in.readAllBytes();
    }
  }

  private static Set<String> recipients(List<MimeMessage> messages) throws MessagingException {
    Set<String> addresses = new java.util.TreeSet<>();
    for (MimeMessage message : messages) {
      for (var address : message.getAllRecipients()) {
        addresses.add(address.toString());
      }
    }
    return addresses;
  }

  private static List<MimeMessage> mailsWith(String... words) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      String subject = message.getSubject();
      if (java.util.Arrays.stream(words).allMatch(subject::contains)) {
        found.add(message);
      }
    }
    return found;
  }
}
