package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.kaohe.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kaohe.organisation.Organisation;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** A Guangdong round in Tasklist: publication, every unit's package, bad input, deadline, reminders, urging. */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@ActiveProfiles({"demo", "test"})
class AnnualRoundIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

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
  void everyUnitSubmitsThroughTasklistTheirLeadersApproveAtOnceAndEveryPackageIsRecorded() throws Exception {
    String roundId = driver.publish(2017, LocalDate.now(ZONE).plusDays(30), code -> true);
    List<Organisation.Unit> units = organisation.units();
    assertThat(units).hasSize(36);

    for (Organisation.Unit unit : units) {
      String staff = unit.code() + "-staff";
      String task = driver.onlyTask(staff, instanceOf(roundId, unit.code()), UnitSubmissionProcess.SUBMIT_PACKAGE);
      JsonNode notice = driver.variableJson(staff, task, "notice");
      driver.complete(staff, task, Map.of("submissionPackage",
          driver.jsonVariable(driver.validPackage(notice, unit.kind().code(), unit.name()))));
    }
    List<String> approvals = new ArrayList<>();
    for (Organisation.Unit unit : units) {
      approvals.add(driver.onlyTask(unit.code() + "-leader", instanceOf(roundId, unit.code()),
          UnitSubmissionProcess.APPROVE_PACKAGE));
    }
    // All 36 leaders approve in the same moment: each approval writes its own unit's record.
    ExecutorService pool = Executors.newFixedThreadPool(units.size());
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < units.size(); i++) {
        String leader = units.get(i).code() + "-leader";
        String task = approvals.get(i);
        calls.add(() -> driver.submitForm(leader, task, Map.of("packageApproved", booleanVariable(true))).statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(calls)) {
        assertThat(status.get()).isEqualTo(204);
      }
    } finally {
      pool.shutdown();
    }

    List<Submissions.Submission> records = submissions.latestOfRound(roundId);
    assertThat(records).hasSize(36).allSatisfy(record -> {
      assertThat(record.version()).isEqualTo(1);
      assertThat(record.late()).isFalse();
      assertThat(record.approvedBy()).isEqualTo(record.unitCode() + "-leader");
      JsonNode pkg = driver.tree(record.packageJson());
      assertThat(pkg.path("summary").path("problems").asText()).isNotBlank();
      boolean city = organisation.unit(record.unitCode()).orElseThrow().kind().code().equals("city");
      assertThat(pkg.path("keyWork").size()).isEqualTo(city ? 6 : 0);
      assertThat(pkg.path("evaluation").path("instructions").size()).isEqualTo(city ? 2 : 0);
    });
    assertThat(runtimeService.getVariable(roundId, "submissionPackage")).as("no unit data in the round").isNull();

    List<JsonNode> receipts = driver.tasks("office-staff", UnitSubmissionProcess.RECEIVE_PACKAGE);
    assertThat(receipts).hasSize(36);
    for (JsonNode receipt : receipts) {
      driver.complete("office-staff", receipt.get("id").asText(), Map.of("packageAccepted", booleanVariable(true)));
    }
    // Accepted packages wait for the review (a lead department may return one) until the round closes.
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").activityIdIn(UnitSubmissionProcess.REVIEW_RETURN).count())
        .isEqualTo(36);
  }

  @Test
  void badInputGetsAChineseMessageNothingWrongIsStoredAndTheDraftIsKept() {
    String roundId = driver.publish(2018, LocalDate.now(ZONE).plusDays(30), Set.of("guangzhou", "publicity")::contains);
    String task = driver.onlyTask("guangzhou-staff", instanceOf(roundId, "guangzhou"), UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = driver.variableJson("guangzhou-staff", task, "notice");
    ObjectNode draft = driver.validPackage(notice, "city", "广州市团委");
    assertThat(driver.saveDraft("guangzhou-staff", task, draft).statusCode()).isEqualTo(204);

    Map<String, String> expected = Map.of(
        "summary over the limit", "超过上限 4000 字",
        "row over 500", "超过 500 字",
        "malformed date", "不是有效日期",
        "empty required part", "不能为空");
    for (var bad : expected.entrySet()) {
      ObjectNode pkg = draft.deepCopy();
      switch (bad.getKey()) {
        case "summary over the limit" -> ((ObjectNode) pkg.get("summary")).put("yearWork", "字".repeat(4001));
        case "row over 500" -> ((ObjectNode) pkg.get("keyWork").get(2)).put("status", "字".repeat(501));
        case "malformed date" -> ((ObjectNode) pkg.at("/evaluation/instructions/0")).put("date", "2017-13-45");
        default -> ((ObjectNode) pkg.get("summary")).put("problems", "  ");
      }
      HttpResponse<String> refused = driver.submitForm("guangzhou-staff", task,
          Map.of("submissionPackage", driver.jsonVariable(pkg)));
      // A validator's refusal: 400 with Kaohe's reasons only (security.TaskConflictFilter drops Camunda's prefix).
      assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(driver.tree(refused.body()).path("message").asText()).as(bad.getKey())
          .startsWith("报送材料未通过检查").contains(bad.getValue());
      assertThat(driver.variableJson("guangzhou-staff", task, "submissionPackage")).as("draft kept").isEqualTo(draft);
    }
    assertThat(submissions.latest(roundId, "guangzhou")).isEmpty();

    // HTML and script are text like any other: stored as typed, never interpreted.
    String script = "<script>window.kaohePwned=1</script><img src=x onerror=\"window.kaohePwned=2\">{{constructor.constructor('x')()}}";
    ObjectNode withHtml = draft.deepCopy();
    ((ObjectNode) withHtml.get("summary")).put("suggestions", script);
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage", driver.jsonVariable(withHtml)));
    String approval = driver.onlyTask("guangzhou-leader", instanceOf(roundId, "guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);
    driver.complete("guangzhou-leader", approval, Map.of("packageApproved", booleanVariable(true)));
    HttpResponse<String> twice = driver.submitForm("guangzhou-leader", approval, Map.of("packageApproved", booleanVariable(true)));
    assertThat(twice.statusCode()).as("the same task completed twice").isGreaterThanOrEqualTo(400);
    assertThat(submissions.latest(roundId, "guangzhou")).get()
        .satisfies(record -> assertThat(record.version()).isEqualTo(1))
        .satisfies(record -> assertThat(driver.tree(record.packageJson()).at("/summary/suggestions").asText()).isEqualTo(script));

    // A department submits the summary only, whatever else the request carries.
    String deptTask = driver.onlyTask("publicity-staff", instanceOf(roundId, "publicity"), UnitSubmissionProcess.SUBMIT_PACKAGE);
    driver.complete("publicity-staff", deptTask, Map.of("submissionPackage",
        driver.jsonVariable(driver.validPackage(notice, "city", "宣传部"))));
    driver.complete("publicity-leader", driver.onlyTask("publicity-leader", instanceOf(roundId, "publicity"),
        UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));
    assertThat(driver.tree(submissions.latest(roundId, "publicity").orElseThrow().packageJson()).fieldNames())
        .toIterable().containsExactly("summary");
  }

  @Test
  void remindersDeadlineLateListUrgingAndALatePackage() throws MessagingException {
    LocalDate deadline = LocalDate.now(ZONE).plusDays(10);
    String roundId = driver.publish(2019, deadline, Set.of("shenzhen", "foshan")::contains);
    String foshan = instanceOf(roundId, "foshan");

    moveClockTo(deadline.minusDays(7).atTime(LocalTime.of(9, 1)));
    driver.executeDueJobs();
    assertThat(recipients(mailsWith("【提醒】", "2019年度")))
        .contains("shenzhen-staff@kaohe.invalid", "foshan-staff@kaohe.invalid");
    Task foshanTask = taskService.createTaskQuery().processInstanceId(foshan)
        .taskDefinitionKey(UnitSubmissionProcess.SUBMIT_PACKAGE).singleResult();
    assertThat(foshanTask.getFollowUpDate()).isEqualTo(
        Date.from(deadline.minusDays(1).atTime(9, 0).atZone(ZONE).toInstant()));
    assertThat(taskService.getTaskComments(foshanTask.getId())).extracting(Comment::getFullMessage)
        .anySatisfy(text -> assertThat(text).startsWith("提醒"));

    String shenzhenTask = driver.onlyTask("shenzhen-staff", instanceOf(roundId, "shenzhen"), UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = driver.variableJson("shenzhen-staff", shenzhenTask, "notice");
    driver.complete("shenzhen-staff", shenzhenTask, Map.of("submissionPackage",
        driver.jsonVariable(driver.validPackage(notice, "city", "深圳市团委"))));
    driver.complete("shenzhen-leader", driver.onlyTask("shenzhen-leader", instanceOf(roundId, "shenzhen"),
        UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));

    moveClockTo(deadline.plusDays(1).atTime(LocalTime.of(8, 0)));
    driver.executeDueJobs();
    assertThat(runtimeService.getVariable(foshan, "late")).isEqualTo(true);
    assertThat(taskService.createTaskQuery().processInstanceId(foshan).taskDefinitionKey(UnitSubmissionProcess.SUBMIT_PACKAGE)
        .count()).as("the late unit's task stays open").isEqualTo(1);
    String followUp = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS);
    JsonNode lateUnits = driver.variableJson("office-staff", followUp, "lateUnits");
    assertThat(lateUnits.findValuesAsText("code")).containsExactly("foshan");

    driver.complete("office-staff", followUp, Map.of(
        "followUpAction", stringVariable("urge"),
        "urgeUnits", driver.jsonVariable(driver.tree("[\"foshan\"]")),
        "urgeMessage", stringVariable("请今天下班前报送。")));
    assertThat(taskService.getTaskComments(foshanTask.getId())).extracting(Comment::getFullMessage)
        .contains("催办：请今天下班前报送。");
    assertThat(recipients(mailsWith("【催办】", "2019年度")))
        .containsExactlyInAnyOrder("foshan-staff@kaohe.invalid", "foshan-leader@kaohe.invalid");

    String foshanStaffTask = driver.onlyTask("foshan-staff", foshan, UnitSubmissionProcess.SUBMIT_PACKAGE);
    driver.complete("foshan-staff", foshanStaffTask, Map.of("submissionPackage",
        driver.jsonVariable(driver.validPackage(notice, "city", "佛山市团委"))));
    driver.complete("foshan-leader", driver.onlyTask("foshan-leader", foshan, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of("packageApproved", booleanVariable(true)));
    assertThat(submissions.latest(roundId, "foshan")).get().satisfies(record -> assertThat(record.late()).isTrue());
    assertThat(submissions.latest(roundId, "shenzhen")).get().satisfies(record -> assertThat(record.late()).isFalse());

    // Urging lists the late units again at once: a snapshot of that moment, which still held foshan.
    String again = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS);
    assertThat(driver.variableJson("office-staff", again, "lateUnits").findValuesAsText("code")).containsExactly("foshan");
    driver.complete("office-staff", again, Map.of("followUpAction", stringVariable("close")));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(roundId).activityIdIn(
        AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS).count()).as("the submission branch has closed").isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(roundId).count())
        .as("the round goes on with the assessment").isEqualTo(1);
  }

  @Test
  void aRoundPublishedWithADeadlineMinutesAheadListsItsLateUnitsRightAfter() {
    java.time.LocalDateTime deadline = java.time.LocalDateTime.now(ZONE).plusMinutes(5).withSecond(0).withNano(0);
    String roundId = driver.publish(2022, deadline.toLocalDate(),
        deadline.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm")),
        Set.of("shantou", "meizhou")::contains);
    assertThat(driver.executeDueJobs()).as("nothing is due before the deadline").isZero();

    moveClockTo(deadline.plusMinutes(1));
    driver.executeDueJobs();

    String followUp = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS);
    assertThat(driver.variableJson("office-staff", followUp, "lateUnits").findValuesAsText("code"))
        .containsExactlyInAnyOrder("shantou", "meizhou");
  }

  @Test
  void theOfficeReturnsAPackageForCompletionAndTheUnitsTaskReopensWithItsData() {
    String roundId = driver.publish(2020, LocalDate.now(ZONE).plusDays(30), Set.of("zhuhai")::contains);
    String instance = instanceOf(roundId, "zhuhai");
    String task = driver.onlyTask("zhuhai-staff", instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    ObjectNode pkg = driver.validPackage(driver.variableJson("zhuhai-staff", task, "notice"), "city", "珠海市团委");
    driver.complete("zhuhai-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    driver.complete("zhuhai-leader", driver.onlyTask("zhuhai-leader", instance, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of("packageApproved", booleanVariable(true)));

    driver.complete("office-staff", driver.onlyTask("office-staff", instance, UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of("packageAccepted", booleanVariable(false), "receiptComment", stringVariable("请补充附表3的考评等次。")));

    String reopened = driver.onlyTask("zhuhai-staff", instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    assertThat(driver.variableJson("zhuhai-staff", reopened, "submissionPackage")).isEqualTo(pkg);
    assertThat(submissions.latest(roundId, "zhuhai")).get()
        .satisfies(record -> assertThat(record.status()).isEqualTo("returned"))
        .satisfies(record -> assertThat(record.statusComment()).isEqualTo("请补充附表3的考评等次。"));
    driver.complete("zhuhai-staff", reopened, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    driver.complete("zhuhai-leader", driver.onlyTask("zhuhai-leader", instance, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of("packageApproved", booleanVariable(true)));
    assertThat(submissions.latest(roundId, "zhuhai")).get().satisfies(record -> assertThat(record.version()).isEqualTo(2));
  }

  @Test
  void aNoticeWithAnUnreadableDeadlineIsRefusedToTheOfficeAndStaysADraft() {
    WebClient office = driver.as("office-staff");
    HttpResponse<String> started = office.postJson(ENGINE_API + "/process-definition/key/annual-assessment/submit-form",
        "{\"variables\":{\"year\":{\"value\":2023,\"type\":\"Long\"},"
            + "\"title\":{\"value\":\"关于开展2023年度工作总结和考核的通知\",\"type\":\"String\"}}}", office.csrf());
    String roundId = driver.tree(started.body()).get("id").asText();
    String draft = driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.DRAFT_NOTICE);
    ObjectNode notice = (ObjectNode) driver.variableJson("office-staff", draft, "notice");
    ((ObjectNode) notice.get("assessmentDeadlines")).put("review", "明天");

    HttpResponse<String> refused = driver.submitForm("office-staff", draft, Map.of("notice", driver.jsonVariable(notice)));

    assertThat(refused.statusCode()).isNotEqualTo(204);
    assertThat(refused.body()).contains("assessmentDeadlines.review 的值“明天”格式不正确");
    assertThat(driver.onlyTask("office-staff", roundId, AnnualAssessmentProcess.DRAFT_NOTICE)).isEqualTo(draft);
  }

  @Test
  void aCityCannotReadOrCompleteAnotherCitysSubmission() {
    String roundId = driver.publish(2021, LocalDate.now(ZONE).plusDays(30), Set.of("jiangmen", "zhongshan")::contains);
    String jiangmen = instanceOf(roundId, "jiangmen");
    String task = driver.onlyTask("jiangmen-staff", jiangmen, UnitSubmissionProcess.SUBMIT_PACKAGE);
    ObjectNode pkg = driver.validPackage(driver.variableJson("jiangmen-staff", task, "notice"), "city", "江门市团委");
    driver.saveDraft("jiangmen-staff", task, pkg);

    var other = driver.as("zhongshan-staff");
    assertThat(driver.tasks("zhongshan-staff", UnitSubmissionProcess.SUBMIT_PACKAGE))
        .noneSatisfy(t -> assertThat(t.get("processInstanceId").asText()).isEqualTo(jiangmen));
    for (String path : List.of("/task/" + task, "/task/" + task + "/variables", "/task/" + task + "/variables/submissionPackage",
        "/task/" + task + "/form-variables", "/process-instance/" + jiangmen + "/variables",
        "/history/variable-instance?processInstanceId=" + jiangmen, "/history/task?processInstanceId=" + jiangmen)) {
      HttpResponse<String> response = other.get(ENGINE_API + path);
      assertThat(response.body()).as(path).doesNotContain("江门市团委").doesNotContain("市委书记");
      assertThat(response.statusCode() == 200 ? driver.tree(response.body()).size() : 0).as(path).isZero();
    }
    HttpResponse<String> complete = other.postJson(ENGINE_API + "/task/" + task + "/submit-form",
        "{\"variables\":{\"submissionPackage\":" + driver.jsonVariable(pkg) + "}}", other.csrf());
    assertThat(complete.statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
  }

  private String instanceOf(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  private static void moveClockTo(java.time.LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
  }

  /** Every address a message went to; GreenMail keeps one copy per recipient. */
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
