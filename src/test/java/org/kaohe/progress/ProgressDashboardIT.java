package org.kaohe.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard's numbers against a round this test drives into every status through the engine API, as the units'
 * users; urging all late units; who may call it.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ProgressDashboardIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String API = "/camunda/api/cockpit/plugin/kaohe-progress/default";
  static final Set<String> UNITS = Set.of("guangzhou", "shenzhen", "zhuhai", "shantou", "foshan", "zhongshan",
      "jiangmen", "publicity");

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  JdbcTemplate jdbc;
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

  @Test
  void theDashboardCountsEveryStatusOfARoundTheTestBuiltAndUrgesExactlyTheLateUnits() {
    String older = driver.publish(2016, LocalDate.now(ZONE).plusDays(40), Set.of("yunfu")::contains);
    LocalDate deadline = LocalDate.now(ZONE).plusDays(10);
    String roundId = driver.publish(2017, deadline, UNITS::contains);
    JsonNode notice = driver.variableJson("guangzhou-staff",
        driver.onlyTask("guangzhou-staff", instanceOf(roundId, "guangzhou"), UnitSubmissionProcess.SUBMIT_PACKAGE),
        "notice");

    // guangzhou: submitted on time. shenzhen: with its leader. zhongshan: returned by the office.
    submit(roundId, "guangzhou", notice);
    approve(roundId, "guangzhou");
    submit(roundId, "shenzhen", notice);
    submit(roundId, "zhongshan", notice);
    approve(roundId, "zhongshan");
    driver.complete("office-staff", driver.onlyTask("office-staff", instanceOf(roundId, "zhongshan"),
            UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of("packageAccepted", booleanVariable(false), "receiptComment", stringVariable("请补充附表3。<b>急</b>")));
    // foshan: claimed only. zhuhai: a draft saved, not claimed. shantou, jiangmen, publicity: untouched.
    String foshanTask = driver.onlyTask("foshan-staff", instanceOf(roundId, "foshan"), UnitSubmissionProcess.SUBMIT_PACKAGE);
    WebClient foshan = driver.as("foshan-staff");
    assertThat(foshan.postJson(ENGINE_API + "/task/" + foshanTask + "/claim", "{\"userId\":\"foshan-staff\"}",
        foshan.csrf()).statusCode()).isEqualTo(204);
    String zhuhaiTask = driver.onlyTask("zhuhai-staff", instanceOf(roundId, "zhuhai"), UnitSubmissionProcess.SUBMIT_PACKAGE);
    assertThat(driver.saveDraft("zhuhai-staff", zhuhaiTask, driver.validPackage(notice, "city", "珠海市团委"))
        .statusCode()).isEqualTo(204);

    WebClient supervisor = cockpitSession("supervisor");
    JsonNode rounds = json(supervisor.get(API + "/rounds"));
    assertThat(rounds.findValuesAsText("roundId")).as("newest first").containsSubsequence(roundId, older);
    JsonNode listed = rounds.get(0);
    assertThat(listed.get("year").asInt()).isEqualTo(2017);
    assertThat(listed.get("daysLeft").asInt()).isEqualTo(10);
    assertThat(listed.get("unitCount").asInt()).isEqualTo(8);
    assertThat(listed.get("active").asBoolean()).isTrue();

    JsonNode before = json(supervisor.get(API + "/rounds/" + roundId));
    assertThat(before.at("/round/daysLeft").asInt()).isEqualTo(10);
    assertThat(before.at("/round/deadlineDate").asText()).isEqualTo(deadline.toString());
    assertThat(before.at("/round/deadlinePassed").asBoolean()).isFalse();
    assertThat(counts(before)).containsExactly(Map.entry("notStarted", 3), Map.entry("drafting", 2),
        Map.entry("awaitingLeader", 1), Map.entry("submitted", 1), Map.entry("late", 0), Map.entry("returned", 1));
    assertThat(statuses(before)).containsExactly(
        Map.entry("guangzhou", "submitted"), Map.entry("shenzhen", "awaitingLeader"), Map.entry("zhuhai", "drafting"),
        Map.entry("shantou", "notStarted"), Map.entry("foshan", "drafting"), Map.entry("zhongshan", "returned"),
        Map.entry("jiangmen", "notStarted"), Map.entry("publicity", "notStarted"));
    assertThat(before.get("overdue")).isEmpty();
    JsonNode zhongshan = row(before, "zhongshan");
    assertThat(zhongshan.get("returnedComment").asText()).isEqualTo("请补充附表3。<b>急</b>");
    assertThat(zhongshan.get("version").asInt()).isEqualTo(1);
    assertThat(row(before, "foshan").get("assignee").asText()).isEqualTo("foshan-staff");
    assertThat(row(before, "guangzhou").get("submittedLate").asBoolean()).isFalse();
    assertThat(row(before, "shantou").get("daysOverdue").isNull()).isTrue();

    // Three days past the deadline: the deadline's timers run; jiangmen then submits, late.
    moveClockTo(deadline.plusDays(3).atTime(10, 0));
    driver.executeDueJobs();
    submit(roundId, "jiangmen", notice);
    approve(roundId, "jiangmen");

    JsonNode after = json(supervisor.get(API + "/rounds/" + roundId));
    assertThat(after.at("/round/daysLeft").asInt()).isEqualTo(-3);
    assertThat(after.at("/round/deadlinePassed").asBoolean()).isTrue();
    assertThat(counts(after)).containsExactly(Map.entry("notStarted", 0), Map.entry("drafting", 0),
        Map.entry("awaitingLeader", 0), Map.entry("submitted", 2), Map.entry("late", 6), Map.entry("returned", 0));
    assertThat(after.get("overdue").findValuesAsText("code"))
        .as("by days overdue, then the least advanced first, in the organisation's order")
        .containsExactly("shantou", "publicity", "zhuhai", "foshan", "zhongshan", "shenzhen");
    assertThat(after.get("overdue").findValuesAsText("stage"))
        .containsExactly("notStarted", "notStarted", "drafting", "drafting", "returned", "awaitingLeader");
    assertThat(after.get("overdue")).allSatisfy(late -> assertThat(late.get("daysOverdue").asInt()).isEqualTo(3));
    JsonNode jiangmen = row(after, "jiangmen");
    assertThat(jiangmen.get("status").asText()).isEqualTo("submitted");
    assertThat(jiangmen.get("submittedLate").asBoolean()).isTrue();
    assertThat(OffsetDateTime.parse(jiangmen.get("submittedAt").asText()).toLocalDateTime())
        .isEqualTo(deadline.plusDays(3).atTime(10, 0));
    assertThat(row(after, "guangzhou").get("submittedLate").asBoolean()).isFalse();

    // Urge all: exactly the six late units, each once, with the message as text.
    String message = "请于今日17时前报送<script>alert(1)</script>";
    HttpResponse<String> urged = supervisor.postJson(API + "/rounds/" + roundId + "/urge-late-units",
        "{\"message\":" + quote(message) + "}", supervisor.csrf());
    assertThat(urged.statusCode()).as(urged.body()).isEqualTo(200);
    assertThat(json(urged).get("urged").asInt()).isEqualTo(6);
    for (String code : UNITS) {
      List<String> comments = urgeComments(roundId, code);
      if (Set.of("guangzhou", "jiangmen").contains(code)) {
        assertThat(comments).as(code).isEmpty();
      } else {
        assertThat(comments).as(code).containsExactly("催办：" + message + "（催办人：督查 人员）");
      }
    }
    JsonNode urgedView = json(supervisor.get(API + "/rounds/" + roundId));
    assertThat(row(urgedView, "shantou").get("urgeCount").asInt()).isEqualTo(1);
    assertThat(OffsetDateTime.parse(row(urgedView, "shantou").get("lastUrgedAt").asText()).toLocalDateTime())
        .isEqualTo(deadline.plusDays(3).atTime(10, 0));
    assertThat(row(urgedView, "guangzhou").get("urgeCount").asInt()).isZero();

    // Sent again at once (a double click, a retry): nobody is urged twice.
    JsonNode again = json(supervisor.postJson(API + "/rounds/" + roundId + "/urge-late-units", "{}", supervisor.csrf()));
    assertThat(again.get("urged").asInt()).isZero();
    assertThat(again.get("skipped")).hasSize(6);
    assertThat(urgeComments(roundId, "shantou")).hasSize(1);

    // Later, shenzhen's leader has approved meanwhile: the office urges the five still late, with the default text.
    moveClockTo(deadline.plusDays(3).atTime(10, 30));
    approve(roundId, "shenzhen");
    WebClient office = driver.as("office-staff");
    JsonNode byOffice = json(office.postJson(API + "/rounds/" + roundId + "/urge-late-units", "", office.csrf()));
    assertThat(byOffice.get("urged").asInt()).isEqualTo(5);
    assertThat(byOffice.get("units").findValuesAsText("code"))
        .containsExactly("shantou", "publicity", "zhuhai", "foshan", "zhongshan");
    assertThat(urgeComments(roundId, "shenzhen")).hasSize(1);
    assertThat(urgeComments(roundId, "shantou")).hasSize(2).last().asString()
        .startsWith("催办：" + LateUnitUrging.DEFAULT_MESSAGE + "（催办人：");
  }

  @Test
  void reviewProgressPerAreaAndLeadDepartmentAndTheGradesOnceAggregated() {
    String roundId = driver.publish(2018, LocalDate.now(ZONE).plusDays(10), UNITS::contains);
    WebClient supervisor = cockpitSession("supervisor");
    JsonNode view = json(supervisor.get(API + "/rounds/" + roundId));
    JsonNode areas = view.at("/review/areas");
    List<Organisation.Area> catalogue = organisation.catalogue().areas();
    assertThat(areas.findValuesAsText("code")).containsExactlyElementsOf(catalogue.stream().map(Organisation.Area::code).toList());
    assertThat(view.at("/review/assessedUnits").asInt()).as("the round's cities").isEqualTo(7);
    // The round opens every area's review at publication: each waits for its lead department and cooperating ones.
    for (int i = 0; i < catalogue.size(); i++) {
      JsonNode area = areas.get(i);
      assertThat(area.get("status").asText()).isEqualTo("inReview");
      assertThat(area.get("reviewed").asInt()).isZero();
      assertThat(area.get("total").asInt()).isEqualTo(7);
      assertThat(area.get("leadDepartment").asText()).isEqualTo(catalogue.get(i).leadDepartment());
      assertThat(area.get("cooperating").asInt()).isEqualTo(catalogue.get(i).cooperatingDepartments().size());
      assertThat(area.get("opinionsPending").asInt()).isEqualTo(catalogue.get(i).cooperatingDepartments().size());
      assertThat(area.get("reviewTaskOpen").asBoolean()).isTrue();
    }
    assertThat(view.get("grades").isNull()).isTrue();

    // The lead department of the first area has scored it; aggregation has graded four cities.
    Organisation.Area first = catalogue.get(0);
    for (String city : List.of("guangzhou", "shenzhen", "zhuhai", "shantou", "foshan", "zhongshan", "jiangmen")) {
      jdbc.update("INSERT INTO kaohe_review (round_id, area_code, unit_code, grade, score, review_comment, department,"
              + " reviewed_by, reviewed_at) VALUES (?, ?, ?, 'good', 95, '好', ?, 'x', ?)",
          roundId, first.code(), city, first.leadDepartment(), OffsetDateTime.now());
    }
    Map<String, String> grades = Map.of("guangzhou", "good", "shenzhen", "good", "zhuhai", "fairly-good", "foshan", "poor");
    grades.forEach((city, grade) -> jdbc.update("INSERT INTO kaohe_result (round_id, unit_code, unit_kind,"
            + " indicator_score, party_score, youth_score, oral_score, bonus_points, late_deduction, total, grade,"
            + " rank_in_kind, trace_json, computed_at) VALUES (?, ?, 'city', 0, 0, 0, 0, 0, 0, ?, ?, 1, '{}', ?)",
        roundId, city, BigDecimal.ONE, grade, OffsetDateTime.now()));

    JsonNode reviewed = json(supervisor.get(API + "/rounds/" + roundId));
    JsonNode area = reviewed.at("/review/areas/0");
    assertThat(area.get("status").asText()).isEqualTo("done");
    assertThat(area.get("reviewed").asInt()).isEqualTo(7);
    assertThat(reviewed.at("/review/areas/1/status").asText()).isEqualTo("inReview");
    Map<String, int[]> expected = new LinkedHashMap<>();
    for (Organisation.Area a : catalogue) {
      int[] d = expected.computeIfAbsent(a.leadDepartment(), k -> new int[4]);
      d[0]++;
      d[3] += 7;
      if (a == first) {
        d[1]++;
        d[2] += 7;
      }
    }
    Map<String, int[]> actual = new LinkedHashMap<>();
    reviewed.at("/review/departments").forEach(d -> actual.put(d.get("code").asText(), new int[] {
        d.get("areas").asInt(), d.get("areasDone").asInt(), d.get("reviewed").asInt(), d.get("total").asInt()}));
    assertThat(actual).containsOnlyKeys(expected.keySet());
    expected.forEach((department, numbers) -> assertThat(actual.get(department)).as(department).containsExactly(numbers));

    JsonNode distribution = reviewed.get("grades");
    assertThat(distribution.get("total").asInt()).isEqualTo(4);
    assertThat(distribution.get("grades").findValuesAsText("label")).containsExactly("好", "较好", "一般", "差");
    assertThat(distribution.get("grades").findValues("count")).extracting(JsonNode::asInt).containsExactly(2, 1, 0, 1);
    assertThat(distribution.at("/byKind/0/kindLabel").asText()).isEqualTo("地市团委");
  }

  @Test
  void onlyTheOfficeAndSupervisorsMayReadOrUrgeAndUrgingNeedsTheCsrfToken() {
    String roundId = driver.publish(2019, LocalDate.now(ZONE).plusDays(1), Set.of("shantou")::contains);
    moveClockTo(LocalDate.now(ZONE).plusDays(2).atTime(9, 0));
    driver.executeDueJobs();

    WebClient anonymous = new WebClient(port);
    assertThat(anonymous.get(API + "/rounds").statusCode()).isEqualTo(401);
    assertThat(anonymous.get(API + "/rounds/" + roundId).statusCode()).isEqualTo(401);

    WebClient city = driver.as("shantou-staff");
    HttpResponse<String> refused = city.get(API + "/rounds/" + roundId);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("只对办公室和督查人员开放").doesNotContain("汕头");
    assertThat(city.postJson(API + "/rounds/" + roundId + "/urge-late-units", "{}", city.csrf()).statusCode())
        .isEqualTo(403);
    WebClient admin = cockpitSession("admin", "test-admin-secret");
    assertThat(admin.get(API + "/rounds").statusCode()).isEqualTo(403);
    assertThat(urgeComments(roundId, "shantou")).isEmpty();

    WebClient withoutToken = cockpitSession("supervisor");
    assertThat(withoutToken.postJson(API + "/rounds/" + roundId + "/urge-late-units", "{}").statusCode())
        .as("no CSRF token").isEqualTo(403);
    assertThat(withoutToken.get(API + "/rounds").statusCode()).as("Camunda ends such a session").isEqualTo(401);
    assertThat(urgeComments(roundId, "shantou")).isEmpty();

    WebClient supervisor = cockpitSession("supervisor");
    HttpResponse<String> tooLong = supervisor.postJson(API + "/rounds/" + roundId + "/urge-late-units",
        "{\"message\":" + quote("催".repeat(501)) + "}", supervisor.csrf());
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("催办内容不能超过 500 字");
    assertThat(supervisor.get(API + "/rounds/no-such-round").statusCode()).isEqualTo(404);
    assertThat(json(supervisor.postJson(API + "/rounds/" + roundId + "/urge-late-units", "{}", supervisor.csrf()))
        .get("urged").asInt()).isEqualTo(1);
    assertThat(urgeComments(roundId, "shantou")).hasSize(1);
  }

  // ---- helpers ----

  private void submit(String roundId, String unit, JsonNode notice) {
    String kind = organisation.unit(unit).orElseThrow().kind().code();
    String task = driver.onlyTask(unit + "-staff", instanceOf(roundId, unit), UnitSubmissionProcess.SUBMIT_PACKAGE);
    driver.complete(unit + "-staff", task, Map.of("submissionPackage",
        driver.jsonVariable(driver.validPackage(notice, kind, organisation.unit(unit).orElseThrow().name()))));
  }

  private void approve(String roundId, String unit) {
    driver.complete(unit + "-leader", driver.onlyTask(unit + "-leader", instanceOf(roundId, unit),
        UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));
  }

  /**
   * The urges on the unit's package tasks, oldest first. The model comments on every open task of the instance,
   * so an assessed unit's bonus application gets the same comment; that one is not counted.
   */
  private List<String> urgeComments(String roundId, String unit) {
    String instance = instanceOf(roundId, unit);
    Set<String> packageTasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance)
        .taskDefinitionKeyIn(UnitSubmissionProcess.SUBMIT_PACKAGE, UnitSubmissionProcess.APPROVE_PACKAGE).list()
        .stream().map(HistoricTaskInstance::getId).collect(java.util.stream.Collectors.toSet());
    List<String> found = new ArrayList<>();
    for (Comment comment : taskService.getProcessInstanceComments(instance)) {
      if (packageTasks.contains(comment.getTaskId()) && comment.getFullMessage().startsWith("催办")) {
        found.add(0, comment.getFullMessage());
      }
    }
    return found;
  }

  private WebClient cockpitSession(String user) {
    return cockpitSession(user, RoundDriver.PASSWORD);
  }

  /** Logs in to Cockpit the way its login page does (supervisors have no Tasklist). */
  private WebClient cockpitSession(String user, String password) {
    WebClient client = new WebClient(port);
    client.get("/camunda/app/cockpit/default/");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = client.send(client.request("/camunda/api/admin/auth/user/default/login/cockpit",
            client.csrf())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    assertThat(login.statusCode()).as("login " + user).isEqualTo(200);
    client.get("/camunda/api/admin/auth/user/default");
    return client;
  }

  private Map<String, Integer> counts(JsonNode view) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    view.get("statuses").forEach(s -> counts.put(s.get("status").asText(), s.get("count").asInt()));
    return counts;
  }

  private Map<String, String> statuses(JsonNode view) {
    Map<String, String> statuses = new LinkedHashMap<>();
    view.get("units").forEach(u -> statuses.put(u.get("code").asText(), u.get("status").asText()));
    return statuses;
  }

  private static JsonNode row(JsonNode view, String code) {
    for (JsonNode unit : view.get("units")) {
      if (unit.get("code").asText().equals(code)) {
        return unit;
      }
    }
    throw new AssertionError("no row " + code);
  }

  private JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return driver.tree(response.body());
  }

  private static String quote(String text) {
    return stringVariable(text).replaceFirst("^\\{\"value\":", "").replaceFirst(",\"type\":\"String\"}$", "");
  }

  private String instanceOf(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  private static void moveClockTo(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
  }
}
