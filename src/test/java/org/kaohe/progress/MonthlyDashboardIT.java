package org.kaohe.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.RoundDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The monthly cycles on the dashboard against rows this test writes into the V3/V4 tables as the processes would:
 * a month with departments in every status, stationing days below and at the minimums, filings open, late and
 * submitted; the clock moved across the deadlines; who may read it.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class MonthlyDashboardIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String API = "/camunda/api/cockpit/plugin/kaohe-progress/default";
  static final int YEAR = 2025;

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Organisation organisation;

  RoundDriver driver;
  String org;

  @BeforeEach
  void records() {
    driver = new RoundDriver(port, managementService);
    org = organisation.code();
    for (String table : List.of("kaohe_progress_entry", "kaohe_progress_department", "kaohe_progress_month",
        "kaohe_key_work_line", "kaohe_key_work_catalogue", "kaohe_stationing_report", "kaohe_stationing_day",
        "kaohe_stationing_shortfall", "kaohe_stationing_filing")) {
      jdbc.update("DELETE FROM " + table);
    }
    progressReports();
    stationing();
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  /** Five lines; May open and past due with one department in each status; April approved, all reported. */
  private void progressReports() {
    jdbc.update("INSERT INTO kaohe_key_work_catalogue VALUES (?, ?, ?, ?, ?, ?)", org, YEAR, "2025年重点工作",
        "office-staff", at(2025, 1, 10, 9, 0), "catalogue-instance");
    line(1, "深化共青团改革", "publicity");
    line(2, "网络新媒体建设", "publicity");
    line(3, "团干部教育培训", "organisation");
    line(4, "基层团组织建设", "grassroots");
    line(5, "青少年权益维护", "rights");

    month(4, "approved");
    for (String department : List.of("publicity", "organisation", "grassroots", "rights")) {
      department(4, department, "submitted", at(2025, 5, 6, 10, 0), false);
    }
    for (int line = 1; line <= 5; line++) {
      entry(4, line);
    }

    month(5, "open");
    department(5, "publicity", "submitted", at(2025, 6, 7, 16, 30), false);
    department(5, "organisation", "submitted", at(2025, 6, 9, 9, 15), true);
    department(5, "grassroots", "open", null, false);
    department(5, "rights", "missing", null, false);
    entry(5, 1);
    entry(5, 2);
    entry(5, 3);
  }

  private void stationing() {
    // 张三 (publicity): 9 days; 王五 (publicity) on one of 张三's days in another city; 李四 (organisation): 10 days
    for (int d = 1; d <= 5; d++) {
      day(4, "publicity", "guangzhou", LocalDate.of(YEAR, 4, d), "张三");
    }
    day(5, "publicity", "guangzhou", LocalDate.of(YEAR, 5, 10), "张三");
    day(5, "publicity", "foshan", LocalDate.of(YEAR, 5, 11), "张三");
    day(5, "publicity", "foshan", LocalDate.of(YEAR, 5, 10), "王五");
    day(6, "publicity", "guangzhou", LocalDate.of(YEAR, 6, 2), "张三");
    day(6, "publicity", "guangzhou", LocalDate.of(YEAR, 6, 3), "张三");
    for (int d = 1; d <= 7; d++) {
      day(4, "organisation", "meizhou", LocalDate.of(YEAR, 4, d), "李四");
    }
    for (int d = 20; d <= 22; d++) {
      day(5, "organisation", "qingyuan", LocalDate.of(YEAR, 5, d), "李四");
    }

    OffsetDateTime mayEnd = at(2025, 5, 31, 23, 59).plusSeconds(59);
    report(5, "publicity", "guangzhou", "submitted", mayEnd, at(2025, 5, 30, 10, 0), false);
    report(5, "publicity", "foshan", "submitted", mayEnd, at(2025, 6, 2, 11, 0), true);
    report(5, "organisation", "meizhou", "open", mayEnd, null, false);
    report(5, "organisation", "qingyuan", "submitted", mayEnd, at(2025, 5, 31, 20, 0), false);

    jdbc.update("INSERT INTO kaohe_stationing_shortfall VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", org, YEAR, 5,
        "department-month", "publicity", "", 2, 3, at(2025, 6, 1, 0, 5));

    OffsetDateTime may10 = at(2025, 5, 10, 23, 59).plusSeconds(59);
    filing("city-plan", "guangzhou", "grassroots", "submitted", may10, at(2025, 5, 8, 9, 0), false);
    filing("city-plan", "shenzhen", "grassroots", "open", may10, null, false);
    filing("city-plan", "foshan", "grassroots", "submitted", may10, at(2025, 5, 12, 9, 0), true);
    filing("project-report", "publicity", "organisation", "open", at(2025, 12, 10, 23, 59).plusSeconds(59), null,
        false);
    filing("party-courses", "organisation", "publicity", "received", at(2025, 12, 31, 23, 59).plusSeconds(59),
        at(2025, 6, 1, 9, 0), false);
  }

  @Test
  void aMonthPastItsDueDateShowsEveryDepartmentsStatusTheMissingLinesAndTheStationingFigures() {
    moveClockTo(LocalDateTime.of(2025, 6, 10, 10, 0));
    JsonNode view = json(cockpitSession("supervisor").get(API + "/monthly/" + YEAR));
    assertThat(view.get("year").asInt()).isEqualTo(YEAR);
    assertThat(view.get("today").asText()).isEqualTo("2025-06-10");

    JsonNode progress = view.get("progress");
    assertThat(progress.get("lines").asInt()).isEqualTo(5);
    assertThat(progress.get("months").findValuesAsText("month")).containsExactly("4", "5");
    JsonNode april = progress.get("months").get(0);
    assertThat(april.get("statusLabel").asText()).isEqualTo("已审定");
    assertThat(april.get("missingLines")).isEmpty();

    JsonNode may = progress.get("months").get(1);
    assertThat(may.get("title").asText()).isEqualTo("2025年5月重点工作推进");
    assertThat(may.get("statusLabel").asText()).isEqualTo("填报中");
    assertThat(may.get("deadline").asText()).isEqualTo("2025-06-08T23:59:59+08:00");
    assertThat(may.get("deadlinePassed").asBoolean()).isTrue();
    assertThat(may.get("daysLeft").asInt()).isEqualTo(-2);
    assertThat(counts(may)).containsEntry("已报送", 1).containsEntry("逾期报送", 1).containsEntry("未报送", 0)
        .containsEntry("未报送（已逾期）", 1).containsEntry("未报送（已汇编）", 1);
    assertThat(may.get("linesReported").asInt()).isEqualTo(3);
    assertThat(may.get("missingLines").findValuesAsText("title")).containsExactly("基层团组织建设", "青少年权益维护");
    Map<String, JsonNode> departments = byField(may.get("departments"), "code");
    assertThat(departments.get("publicity").get("statusLabel").asText()).isEqualTo("已报送");
    assertThat(departments.get("publicity").get("name").asText()).isEqualTo(unitName("publicity"));
    assertThat(departments.get("publicity").get("lines").asInt()).isEqualTo(2);
    assertThat(departments.get("organisation").get("statusLabel").asText()).isEqualTo("逾期报送");
    assertThat(departments.get("organisation").get("submittedAt").asText()).isEqualTo("2025-06-09T09:15:00+08:00");
    assertThat(departments.get("grassroots").get("statusLabel").asText()).isEqualTo("未报送（已逾期）");
    assertThat(departments.get("grassroots").get("daysOverdue").asInt()).isEqualTo(2);
    assertThat(departments.get("grassroots").get("missingLines").findValuesAsText("number")).containsExactly("4");
    assertThat(departments.get("rights").get("statusLabel").asText()).isEqualTo("未报送（已汇编）");

    JsonNode stationing = view.get("stationing");
    assertThat(stationing.get("minDaysPerDepartmentPerMonth").asInt()).isEqualTo(3);
    assertThat(stationing.get("months").findValuesAsText("month"))
        .containsExactly("4", "5", "6", "7", "8", "9", "10", "11");
    JsonNode mayStationing = stationing.get("months").get(1);
    assertThat(mayStationing.get("deadline").asText()).isEqualTo("2025-05-31T23:59:59+08:00");
    int cells = organisation.stationingPairings().stream().mapToInt(p -> p.cities().size()).sum();
    assertThat(mayStationing.get("reports")).hasSize(cells);
    assertThat(counts(mayStationing)).containsEntry("已报送", 2).containsEntry("逾期报送", 1)
        .containsEntry("未报送（已逾期）", 1).containsEntry("未开启", cells - 4);
    JsonNode meizhou = find(mayStationing.get("reports"), "city", "meizhou");
    assertThat(meizhou.get("statusLabel").asText()).isEqualTo("未报送（已逾期）");
    assertThat(meizhou.get("daysOverdue").asInt()).isEqualTo(10);
    assertThat(meizhou.get("cityName").asText()).isEqualTo(unitName("meizhou"));

    Map<String, JsonNode> mayDays = byField(mayStationing.get("departments"), "department");
    assertThat(mayDays.get("publicity").get("days").asInt()).as("two cadres on 10 May are one day").isEqualTo(2);
    assertThat(mayDays.get("publicity").get("label").asText()).isEqualTo("未达标（差 1 天）");
    assertThat(mayDays.get("organisation").get("days").asInt()).isEqualTo(3);
    assertThat(mayDays.get("organisation").get("label").asText()).isEqualTo("达标");
    Map<String, JsonNode> juneDays = byField(stationing.get("months").get(2).get("departments"), "department");
    assertThat(juneDays.get("publicity").get("label").asText()).as("June still runs").isEqualTo("尚差 1 天");
    assertThat(juneDays.get("organisation").get("label").asText()).isEqualTo("尚差 3 天");
    assertThat(byField(stationing.get("months").get(3).get("departments"), "department").get("publicity")
        .get("label").asText()).isEqualTo("未开始");

    Map<String, JsonNode> cadres = byField(stationing.get("cadres"), "cadre");
    assertThat(cadres.get("张三").get("days").asInt()).isEqualTo(9);
    assertThat(cadres.get("张三").get("label").asText()).as("the year still runs").isEqualTo("尚差 1 天");
    assertThat(cadres.get("李四").get("days").asInt()).isEqualTo(10);
    assertThat(cadres.get("李四").get("label").asText()).isEqualTo("达标");
    assertThat(cadres.get("王五").get("days").asInt()).isEqualTo(1);

    assertThat(stationing.get("shortfalls")).hasSize(1);
    JsonNode shortfall = stationing.get("shortfalls").get(0);
    assertThat(shortfall.get("kindLabel").asText()).isEqualTo("部门当月驻点天数不足");
    assertThat(shortfall.get("departmentName").asText()).isEqualTo(unitName("publicity"));
    assertThat(shortfall.get("cadre").isNull()).isTrue();

    List<String> filings = new ArrayList<>();
    stationing.get("filings").forEach(f -> filings.add(f.get("kindLabel").asText() + "/" + f.get("unit").asText()
        + "/" + f.get("statusLabel").asText()));
    assertThat(filings).containsExactlyInAnyOrder("驻点工作实施方案/guangzhou/已报送",
        "驻点工作实施方案/shenzhen/未报送（已逾期）", "驻点工作实施方案/foshan/逾期报送", "联系服务青年工作项目报告/publicity/未报送",
        "党团课材料/organisation/已接收");
    assertThat(filings.get(0)).as("city plans first").startsWith("驻点工作实施方案");
    assertThat(find(stationing.get("filings"), "kind", "project-report").get("daysLeft").asInt()).isEqualTo(183);
  }

  @Test
  void beforeTheDueDateADepartmentIsStillToReportAndAfterTheYearACadreBelowTheMinimumFallsShort() {
    moveClockTo(LocalDateTime.of(2025, 6, 5, 10, 0));
    WebClient office = driver.as("office-staff");
    JsonNode may = json(office.get(API + "/monthly/" + YEAR)).get("progress").get("months").get(1);
    assertThat(may.get("deadlinePassed").asBoolean()).isFalse();
    assertThat(may.get("daysLeft").asInt()).isEqualTo(3);
    assertThat(counts(may)).containsEntry("未报送", 1).containsEntry("未报送（已逾期）", 0);
    assertThat(byField(may.get("departments"), "code").get("grassroots").get("daysOverdue").isNull()).isTrue();

    moveClockTo(LocalDateTime.of(2025, 12, 1, 0, 0, 1));
    JsonNode stationing = json(office.get(API + "/monthly/" + YEAR)).get("stationing");
    assertThat(stationing.get("yearEnded").asBoolean()).isTrue();
    Map<String, JsonNode> cadres = byField(stationing.get("cadres"), "cadre");
    assertThat(cadres.get("张三").get("label").asText()).isEqualTo("未达标（差 1 天）");
    assertThat(cadres.get("张三").get("status").asText()).isEqualTo("short");
    assertThat(cadres.get("李四").get("status").asText()).isEqualTo("met");

    JsonNode years = json(office.get(API + "/monthly"));
    assertThat(years.get("currentYear").asInt()).isEqualTo(YEAR);
    assertThat(years.get("years").get(0).asInt()).isEqualTo(YEAR);
    assertThat(years.get("progressReports").asBoolean()).isTrue();
    assertThat(years.get("stationing").asBoolean()).isTrue();
  }

  @Test
  void onlyTheOfficeAndSupervisorsMayReadTheMonthlyCyclesAndABadYearIsRefused() {
    moveClockTo(LocalDateTime.of(2025, 6, 10, 10, 0));
    WebClient anonymous = new WebClient(port);
    assertThat(anonymous.get(API + "/monthly/" + YEAR).statusCode()).isEqualTo(401);
    assertThat(anonymous.get(API + "/monthly").statusCode()).isEqualTo(401);
    for (String user : List.of("shantou-staff", "publicity-staff", "publicity-leader")) {
      HttpResponse<String> refused = driver.as(user).get(API + "/monthly/" + YEAR);
      assertThat(refused.statusCode()).as(user).isEqualTo(403);
      assertThat(refused.body()).contains("只对办公室和督查人员开放").doesNotContain("张三");
    }
    WebClient supervisor = cockpitSession("supervisor");
    for (String bad : List.of("abcd", "20x5", "20255", "-2025")) {
      HttpResponse<String> refused = supervisor.get(API + "/monthly/" + bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).contains("年份格式不正确");
    }
    assertThat(supervisor.get(API + "/monthly/1999").statusCode()).isEqualTo(404);
    assertThat(supervisor.get(API + "/monthly/2027").statusCode()).as("after next year").isEqualTo(404);
    assertThat(supervisor.get(API + "/monthly/2026").statusCode()).isEqualTo(200);
    JsonNode empty = json(supervisor.get(API + "/monthly/2024"));
    assertThat(empty.get("progress").get("months")).isEmpty();
    assertThat(empty.get("stationing").get("cadres")).isEmpty();
  }

  // ---- rows as the processes write them ----

  private void line(int number, String title, String department) {
    jdbc.update("INSERT INTO kaohe_key_work_line VALUES (?, ?, ?, ?, ?, ?, ?)", org, YEAR, number, "一、重点任务",
        title, null, department);
  }

  private void month(int month, String status) {
    jdbc.update("INSERT INTO kaohe_progress_month VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", org, YEAR, month,
        at(YEAR, month, 25, 0, 0), at(YEAR, month + 1, 8, 23, 59).plusSeconds(59),
        "open".equals(status) ? null : at(YEAR, month + 1, 10, 9, 0),
        "approved".equals(status) ? at(YEAR, month + 1, 11, 9, 0) : null,
        "approved".equals(status) ? "office-leader" : null, status, "month-" + month);
  }

  private void department(int month, String department, String status, OffsetDateTime submittedAt, boolean late) {
    jdbc.update("INSERT INTO kaohe_progress_department VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", org, YEAR, month,
        department, status, submittedAt == null ? null : department + "-staff", submittedAt, late,
        "progress-" + month + "-" + department);
  }

  private void entry(int month, int line) {
    String department = jdbc.queryForObject("SELECT department FROM kaohe_key_work_line WHERE organisation = ?"
        + " AND work_year = ? AND line_number = ?", String.class, org, YEAR, line);
    jdbc.update("INSERT INTO kaohe_progress_entry VALUES (?, ?, ?, ?, ?, ?, ?)", org, YEAR, month, line, department,
        "本月推进情况", "下一步推进计划");
  }

  private void day(int month, String department, String city, LocalDate date, String cadre) {
    jdbc.update("INSERT INTO kaohe_stationing_day VALUES (?, ?, ?, ?, ?, ?, ?)", org, YEAR, month, department, city,
        date, cadre);
  }

  private void report(int month, String department, String city, String status, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, boolean late) {
    jdbc.update("INSERT INTO kaohe_stationing_report VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", org, YEAR, month,
        department, city, status, dueAt, submittedAt == null ? null : "{}", submittedAt == null ? null : "x",
        submittedAt, late, null);
  }

  private void filing(String kind, String unit, String receiving, String status, OffsetDateTime dueAt,
      OffsetDateTime submittedAt, boolean late) {
    jdbc.update("INSERT INTO kaohe_stationing_filing VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", org, YEAR, kind,
        unit, receiving, status, dueAt, null, submittedAt == null ? null : "x", submittedAt, late, null);
  }

  private static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(ZONE).toOffsetDateTime();
  }

  // ---- reading the answer ----

  private String unitName(String code) {
    return organisation.unit(code).orElseThrow().name();
  }

  private static Map<String, Integer> counts(JsonNode month) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    month.get("counts").forEach(c -> counts.put(c.get("label").asText(), c.get("count").asInt()));
    return counts;
  }

  private static Map<String, JsonNode> byField(JsonNode rows, String field) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    rows.forEach(row -> map.put(row.get(field).asText(), row));
    return map;
  }

  private static JsonNode find(JsonNode rows, String field, String value) {
    for (JsonNode row : rows) {
      if (value.equals(row.get(field).asText())) {
        return row;
      }
    }
    throw new AssertionError("no row with " + field + " = " + value);
  }

  private void moveClockTo(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
  }

  /** Logs in to Cockpit the way its login page does (supervisors have no Tasklist). */
  private WebClient cockpitSession(String user) {
    WebClient client = new WebClient(port);
    client.get("/camunda/app/cockpit/default/");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(RoundDriver.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = client.send(client.request("/camunda/api/admin/auth/user/default/login/cockpit",
            client.csrf())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    assertThat(login.statusCode()).as("login " + user).isEqualTo(200);
    client.get("/camunda/api/admin/auth/user/default");
    return client;
  }

  private JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return driver.tree(response.body());
  }
}
