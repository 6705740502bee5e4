package org.kaohe.stationing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.RoundDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Guangdong stationing year in Tasklist, month by month on the engine's clock: the grassroots department starts it,
 * April..November the reports open, remind, fall due and are checked (a department with 2 days is flagged to the
 * supervisors, one with 3 is not), the grassroots department compiles each month; the city plans fall due on 10 May;
 * the December filings open and are received. A department sees only its own cities' reports, a city its own plan.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=" + StationingYearIT.SMTP_PORT})
@ActiveProfiles({"demo", "test"})
class StationingYearIT {

  /** Not GreenMail's 3025: ITs of other features may run beside this one on the same machine. */
  static final int SMTP_PORT = 3625;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int YEAR = 2026;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  org.camunda.bpm.engine.HistoryService historyService;
  @Autowired
  StationingRecords records;
  @Autowired
  Organisation organisation;

  RoundDriver driver;

  @BeforeEach
  void driver() {
    driver = new RoundDriver(port, managementService);
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  private static void clock(int month, int day, int hour) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(YEAR, month, day, hour, 0, 1).atZone(ZONE).toInstant()));
  }

  private HttpResponse<String> startYear(String user, int year) {
    WebClient client = driver.as(user);
    return client.postJson(ENGINE_API + "/process-definition/key/stationing/submit-form",
        "{\"variables\":{\"year\":{\"value\":" + year + ",\"type\":\"Long\"}}}", client.csrf());
  }

  private String reportInstance(int month, String department, String city) {
    // The history has running and ended instances alike.
    return historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(StationingReportProcess.businessKey(YEAR, month, department, city)).singleResult().getId();
  }

  private ObjectNode report(int month, Map<Integer, List<String>> days) {
    ObjectNode report = StationingReportRulesTest.valid();
    ArrayNode list = report.putArray("days");
    days.forEach((day, cadres) -> {
      ObjectNode row = list.addObject().put("date", String.format("%d-%02d-%02d", YEAR, month, day));
      cadres.forEach(row.putArray("cadres")::add);
    });
    return report;
  }

  private void file(String department, int month, String city, Map<Integer, List<String>> days) {
    String user = department + "-staff";
    String task = driver.onlyTask(user, reportInstance(month, department, city), StationingReportProcess.FILE_REPORT);
    driver.complete(user, task, Map.of(StationingReportProcess.REPORT, driver.jsonVariable(report(month, days))));
  }

  private static List<MimeMessage> mailsWith(String word) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getSubject().contains(word)) {
        found.add(message);
      }
    }
    return found;
  }

  private static Set<String> recipients(List<MimeMessage> messages) throws MessagingException {
    Set<String> addresses = new TreeSet<>();
    for (MimeMessage message : messages) {
      for (var address : message.getAllRecipients()) {
        addresses.add(address.toString());
      }
    }
    return addresses;
  }

  private static String body(MimeMessage message) throws Exception {
    return String.valueOf(message.getContent());
  }

  @Test
  void aStationingYearRunsMonthByMonth() throws Exception {
    clock(3, 20, 10);

    // Only the office and the grassroots department start a year, and a year once.
    assertThat(startYear("publicity-staff", YEAR).statusCode()).isEqualTo(403);
    HttpResponse<String> started = startYear("grassroots-staff", YEAR);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String yearInstance = driver.tree(started.body()).get("id").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(yearInstance).singleResult().getBusinessKey())
        .isEqualTo("stationing:2026");
    HttpResponse<String> again = startYear("office-staff", YEAR);
    // Camunda's REST answers a refused start form with 400 or 500 by where it is refused; Tasklist shows the message.
    assertThat(again.statusCode()).isIn(400, 500);
    assertThat(driver.tree(again.body()).get("message").asText()).contains("2026年驻点工作已经开始，不能重复开始");

    // The city plans open at once, due 10 May; a city sees its own plan only.
    assertThat(records.filings(organisation.code(), YEAR)).hasSize(21)
        .allSatisfy(f -> assertThat(f.dueAt()).isEqualTo(OffsetDateTime.parse("2026-05-10T23:59:59+08:00")));
    List<JsonNode> plans = driver.tasks("guangzhou-staff", StationingFilingProcess.FILE_CITY_PLAN);
    assertThat(plans).hasSize(1);
    String guangzhouPlan = plans.get(0).get("processInstanceId").asText();
    assertThat(driver.tasks("shenzhen-staff", StationingFilingProcess.FILE_CITY_PLAN))
        .extracting(t -> t.get("processInstanceId").asText()).doesNotContain(guangzhouPlan).hasSize(1);
    assertThat(driver.as("shenzhen-staff").get(ENGINE_API + "/process-instance/" + guangzhouPlan + "/variables")
        .statusCode()).isIn(403, 404);
    driver.complete("guangzhou-staff", plans.get(0).get("id").asText(), Map.of(StationingFilingProcess.FILING,
        driver.jsonVariable(driver.tree("{\"content\": \"广州市驻点工作实施方案\"}"))));
    driver.complete("grassroots-staff", driver.onlyTask("grassroots-staff", guangzhouPlan, StationingFilingProcess.RECEIVE_FILING),
        Map.of(StationingFilingProcess.ACCEPTED, booleanVariable(true)));
    assertThat(records.filing(organisation.code(), YEAR, StationingFilingProcess.CITY_PLAN, "guangzhou").orElseThrow()
        .status()).isEqualTo("received");

    int pairedCities = organisation.stationingPairings().stream().mapToInt(p -> p.cities().size()).sum();
    for (int month = 4; month <= 11; month++) {
      clock(month, 1, 0);
      driver.executeDueJobs();
      String monthKey = String.format(":%d-%02d:", YEAR, month);
      assertThat(records.reports(organisation.code(), YEAR, month)).as("month " + month).hasSize(pairedCities);
      assertThat(driver.tasks("publicity-staff", StationingReportProcess.FILE_REPORT).stream()
          .map(t -> runtimeService.createProcessInstanceQuery().processInstanceId(t.get("processInstanceId").asText())
              .singleResult().getBusinessKey())
          .filter(key -> key.contains(monthKey)).toList())
          .containsExactlyInAnyOrder("stationing" + monthKey + "publicity:guangzhou", "stationing" + monthKey + "publicity:foshan");

      if (month == 4) {
        // A report with a date outside the month is refused in Chinese and the task stays open.
        String task = driver.onlyTask("office-staff", reportInstance(4, "office", "zhongshan"), StationingReportProcess.FILE_REPORT);
        HttpResponse<String> refused = driver.submitForm("office-staff", task, Map.of(StationingReportProcess.REPORT,
            driver.jsonVariable(report(5, Map.of(3, List.of("李四"))))));
        // As for the package (PackageFilesIT): Camunda's REST answers a refused form field 400 or 500, with the message.
        assertThat(refused.statusCode()).isIn(400, 500);
        assertThat(refused.body()).contains("本月驻点时间第1行：日期2026-05-03不在2026年4月内");
      }
      // The office files 3 days every month; the publicity department in May 2 (the 6th in both cities counts once).
      file("office", month, "zhongshan", Map.of(3, List.of("李四"), 4, List.of("李四"), 5, List.of("李四")));
      if (month == 5) {
        file("publicity", month, "guangzhou", Map.of(5, List.of("张三"), 6, List.of("张三")));
        file("publicity", month, "foshan", Map.of(6, List.of("王五")));
      } else {
        file("publicity", month, "guangzhou", Map.of(10, List.of("王五"), 11, List.of("王五"), 12, List.of("王五")));
      }

      // Five days before the month's end the departments that have not filed are reminded; the office is not.
      int reminded = mailsWith("【提醒】").size();
      clock(month, java.time.YearMonth.of(YEAR, month).lengthOfMonth() - 4, 0);
      driver.executeDueJobs();
      List<MimeMessage> reminders = mailsWith("【提醒】" + StationingCalendar.monthName(YEAR, month));
      assertThat(mailsWith("【提醒】").size()).isGreaterThan(reminded);
      assertThat(recipients(reminders)).contains("school-staff@kaohe.invalid").doesNotContain("office-staff@kaohe.invalid");
      // The publicity department filed both cities in May only; otherwise Foshan's report is reminded.
      assertThat(recipients(reminders).contains("publicity-staff@kaohe.invalid")).isEqualTo(month != 5);

      // After the month's end: the check, mailed to the supervisors, and the compile task.
      ClockUtil.setCurrentTime(Date.from(java.time.YearMonth.of(YEAR, month).plusMonths(1).atDay(1).atTime(0, 0, 1)
          .atZone(ZONE).toInstant()));
      driver.executeDueJobs();
      int m = month;
      List<StationingRecords.Shortfall> shortfalls = records.shortfalls(organisation.code(), YEAR).stream()
          .filter(s -> s.month() == m && s.kind().equals("department-month")).toList();
      assertThat(shortfalls).extracting(StationingRecords.Shortfall::department).doesNotContain("office")
          .contains("school");
      assertThat(shortfalls.stream().anyMatch(s -> s.department().equals("publicity"))).isEqualTo(month == 5);
      List<MimeMessage> flagged = mailsWith("【驻点天数不足】" + StationingCalendar.monthName(YEAR, month));
      assertThat(recipients(flagged)).containsExactly("supervisor@kaohe.invalid");
      assertThat(body(flagged.get(0))).contains("学校部：0天（本月未报送驻点月报，按0天计）").doesNotContain("办公室");
      if (month == 5) {
        assertThat(body(flagged.get(0))).contains("宣传部：2天");
      }

      String compile = driver.onlyTask("grassroots-staff", yearInstance, StationingProcess.COMPILE_REPORTS);
      WebClient grassroots = driver.as("grassroots-staff");
      String api = "/camunda/api/tasklist/plugin/kaohe/default/tasks/" + compile + "/stationing-month";
      JsonNode view = driver.tree(grassroots.get(api).body());
      assertThat(view.get("month").asInt()).isEqualTo(month);
      assertThat(view.get("reports")).hasSize(pairedCities);
      if (month == 5) {
        HttpResponse<byte[]> workbook = grassroots.getBytes(api + "/workbook");
        assertThat(workbook.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
          assertThat(book.getSheet(StationingWorkbook.REPORTS_SHEET).getLastRowNum()).isGreaterThanOrEqualTo(pairedCities);
        }
        // Another department cannot read the compile task's month.
        assertThat(driver.as("publicity-staff").get(api).statusCode()).isEqualTo(404);
      }
      driver.complete("grassroots-staff", compile, Map.of(StationingProcess.COMPILED, booleanVariable(true)));
    }

    // A department sees only its own cities' reports: not the office's task, instance, variables or history.
    String officeMay = reportInstance(5, "office", "zhongshan");
    String schoolMay = reportInstance(5, "school", "jieyang");
    String schoolTask = driver.onlyTask("school-staff", schoolMay, StationingReportProcess.FILE_REPORT);
    WebClient publicity = driver.as("publicity-staff");
    assertThat(driver.tasks("publicity-staff", StationingReportProcess.FILE_REPORT))
        .allSatisfy(t -> assertThat(t.get("processInstanceId").asText()).isNotEqualTo(schoolMay));
    assertThat(publicity.get(ENGINE_API + "/task/" + schoolTask).statusCode()).isIn(403, 404);
    assertThat(publicity.get(ENGINE_API + "/process-instance/" + schoolMay + "/variables").statusCode()).isIn(403, 404);
    assertThat(driver.tree(publicity.get(ENGINE_API + "/history/process-instance?processInstanceId=" + officeMay).body()))
        .isEmpty();
    assertThat(driver.tree(publicity.get(ENGINE_API + "/history/variable-instance?processInstanceId=" + officeMay).body()))
        .isEmpty();
    assertThat(driver.tree(publicity.get(ENGINE_API + "/process-instance/" + reportInstance(4, "publicity", "foshan")
        + "/variables").body()).get("unitName").get("value").asText()).isEqualTo("宣传部");

    // December: the filings open; the cadres' year was checked after November (张三: 2 days).
    clock(12, 1, 0);
    driver.executeDueJobs();
    assertThat(records.shortfalls(organisation.code(), YEAR)).filteredOn(s -> s.kind().equals("cadre-year"))
        .extracting(StationingRecords.Shortfall::cadre, StationingRecords.Shortfall::days)
        .contains(org.assertj.core.groups.Tuple.tuple("张三", 2)).doesNotContain(org.assertj.core.groups.Tuple.tuple("李四", 24));
    assertThat(recipients(mailsWith("【干部驻点天数不足】"))).containsExactly("supervisor@kaohe.invalid");
    assertThat(records.filings(organisation.code(), YEAR)).hasSize(21 + 2 * organisation.stationingPairings().size());

    String project = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(
        StationingFilingProcess.businessKey(YEAR, StationingFilingProcess.PROJECT_REPORT, "publicity")).singleResult().getId();
    driver.complete("publicity-staff", driver.onlyTask("publicity-staff", project, StationingFilingProcess.FILE_PROJECT_REPORT),
        Map.of(StationingFilingProcess.FILING, driver.jsonVariable(driver.tree(
            "{\"project\": \"希望乡村教师计划\", \"content\": \"项目报告\"}"))));
    driver.complete("publicity-leader", driver.onlyTask("publicity-leader", project, StationingFilingProcess.APPROVE_PROJECT_REPORT),
        Map.of(StationingFilingProcess.APPROVED, booleanVariable(true)));
    driver.complete("organisation-staff", driver.onlyTask("organisation-staff", project, StationingFilingProcess.RECEIVE_FILING),
        Map.of(StationingFilingProcess.ACCEPTED, booleanVariable(true)));

    String courses = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(
        StationingFilingProcess.businessKey(YEAR, StationingFilingProcess.PARTY_COURSES, "school")).singleResult().getId();
    String bad = driver.onlyTask("school-staff", courses, StationingFilingProcess.FILE_PARTY_COURSES);
    HttpResponse<String> refused = driver.submitForm("school-staff", bad, Map.of(StationingFilingProcess.FILING,
        driver.jsonVariable(driver.tree("{\"courses\": []}"))));
    assertThat(refused.statusCode()).isIn(400, 500);
    assertThat(refused.body()).contains("请至少填写一次党团课");
    driver.complete("school-staff", bad, Map.of(StationingFilingProcess.FILING, driver.jsonVariable(driver.tree(
        "{\"courses\": [{\"courseware\": \"青春心向党.pptx\", \"date\": \"2026-06-01\", \"place\": \"揭阳市\","
            + " \"attendance\": 45, \"lecturer\": \"张三\"}]}"))));
    driver.complete("publicity-staff", driver.onlyTask("publicity-staff", courses, StationingFilingProcess.RECEIVE_FILING),
        Map.of(StationingFilingProcess.ACCEPTED, booleanVariable(true)));
    assertThat(records.filing(organisation.code(), YEAR, StationingFilingProcess.PARTY_COURSES, "school").orElseThrow()
        .status()).isEqualTo("received");

    // All months compiled, the December filings opened, the cadres checked: the year is done.
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(yearInstance).count()).isZero();
  }
}
