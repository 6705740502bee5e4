package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Many people at once, over real HTTP: the same task submitted by ten requests (Tasklist's submit-form and
 * /engine-rest) is done exactly once and the nine others get a Chinese conflict message; all 36 Guangdong units
 * submitting and approving in the same second are all stored.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=" + ConcurrencyIT.SMTP_PORT})
@ActiveProfiles({"demo", "test"})
class ConcurrencyIT {

  static final int SMTP_PORT = 3525;
  static final int SAME_TASK_REQUESTS = 10;
  static final String ADMIN_PASSWORD = "test-admin-secret";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP))
      .withPerMethodLifecycle(false);

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
  Submissions submissions;
  @Autowired
  Organisation organisation;

  RoundDriver driver;

  @BeforeEach
  void driver() {
    driver = new RoundDriver(port, managementService);
  }

  @Test
  void theSameTaskSubmittedByTenRequestsAtOnceIsDoneOnceAndTheOthersAreToldInChinese() throws Exception {
    String roundId = driver.publish(2030, LocalDate.now(ZONE).plusDays(30),
        code -> code.equals("guangzhou") || code.equals("shenzhen"));
    String guangzhou = instanceOf(roundId, "guangzhou");
    String shenzhen = instanceOf(roundId, "shenzhen");

    // The staff's submission: ten requests at once, Tasklist's submit-form in separate sessions and /engine-rest.
    String submit = driver.onlyTask("guangzhou-staff", guangzhou, UnitSubmissionProcess.SUBMIT_PACKAGE);
    String pkg = driver.jsonVariable(driver.validPackage(driver.variableJson("guangzhou-staff", submit, "notice"),
        "city", "广州市团委"));
    List<HttpResponse<String>> submitted = race(submit, "guangzhou-staff", "{\"variables\":{\"submissionPackage\":" + pkg + "}}");
    assertOneSucceededAndNineConflicts(submitted);
    assertThat(taskService.createTaskQuery().processInstanceId(guangzhou)
        .taskDefinitionKey(UnitSubmissionProcess.APPROVE_PACKAGE).count()).as("one approval task").isEqualTo(1);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(guangzhou)
        .taskDefinitionKey(UnitSubmissionProcess.APPROVE_PACKAGE).count()).as("created once").isEqualTo(1);

    // The leader's approval writes Kaohe's record and sends mail: once, like a single approval (Shenzhen's).
    String shenzhenSubmit = driver.onlyTask("shenzhen-staff", shenzhen, UnitSubmissionProcess.SUBMIT_PACKAGE);
    driver.complete("shenzhen-staff", shenzhenSubmit, Map.of("submissionPackage", driver.jsonVariable(
        driver.validPackage(driver.variableJson("shenzhen-staff", shenzhenSubmit, "notice"), "city", "深圳市团委"))));
    int mailsBefore = mails();
    driver.complete("shenzhen-leader", driver.onlyTask("shenzhen-leader", shenzhen, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of("packageApproved", booleanVariable(true)));
    int mailsOfOneApproval = mails() - mailsBefore;

    String approve = driver.onlyTask("guangzhou-leader", guangzhou, UnitSubmissionProcess.APPROVE_PACKAGE);
    mailsBefore = mails();
    List<HttpResponse<String>> approved = race(approve, "guangzhou-leader",
        "{\"variables\":{\"packageApproved\":" + booleanVariable(true) + "}}");
    assertOneSucceededAndNineConflicts(approved);
    assertThat(submissions.latest(roundId, "guangzhou")).get()
        .satisfies(record -> assertThat(record.version()).as("recorded once").isEqualTo(1));
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(guangzhou)
        .taskDefinitionKey(UnitSubmissionProcess.RECEIVE_PACKAGE).count()).as("the office receives once").isEqualTo(1);
    assertThat(mails() - mailsBefore).as("mail as for one approval").isEqualTo(mailsOfOneApproval);

    Figures.print(ConcurrencyIT.class, "same task: 2 tasks x " + SAME_TASK_REQUESTS + " concurrent requests, "
        + "successes per task 1, conflicts 409 " + (SAME_TASK_REQUESTS - 1) + ", next task created once, record version 1, "
        + "mails " + (mails() - mailsBefore) + " (one approval: " + mailsOfOneApproval + ")");
  }

  @Test
  void all36UnitsSubmittingAndApprovingInTheSameSecondAreAllStored() throws Exception {
    List<Organisation.Unit> units = organisation.units();
    assertThat(units).hasSize(36);
    String roundId = driver.publish(2031, LocalDate.now(ZONE).plusDays(30), code -> true);
    List<Callable<HttpResponse<String>>> submits = new ArrayList<>();
    for (Organisation.Unit unit : units) {
      String staff = unit.code() + "-staff";
      String task = driver.onlyTask(staff, instanceOf(roundId, unit.code()), UnitSubmissionProcess.SUBMIT_PACKAGE);
      String pkg = driver.jsonVariable(driver.validPackage(driver.variableJson(staff, task, "notice"),
          unit.kind().code(), unit.name()));
      submits.add(() -> driver.submitForm(staff, task, Map.of("submissionPackage", pkg)));
    }
    Timed submitted = atOnce(submits);
    assertThat(submitted.responses()).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(204));

    List<Callable<HttpResponse<String>>> approvals = new ArrayList<>();
    for (Organisation.Unit unit : units) {
      String leader = unit.code() + "-leader";
      String task = driver.onlyTask(leader, instanceOf(roundId, unit.code()), UnitSubmissionProcess.APPROVE_PACKAGE);
      approvals.add(() -> driver.submitForm(leader, task, Map.of("packageApproved", booleanVariable(true))));
    }
    Timed approved = atOnce(approvals);
    assertThat(approved.responses()).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(204));

    List<Submissions.Submission> records = submissions.latestOfRound(roundId);
    assertThat(records).extracting(Submissions.Submission::unitCode)
        .containsExactlyInAnyOrderElementsOf(units.stream().map(Organisation.Unit::code).toList());
    assertThat(records).allSatisfy(record -> assertThat(record.version()).isEqualTo(1));
    assertThat(taskService.createTaskQuery().processInstanceBusinessKeyLike(roundId + "%")
        .taskDefinitionKey(UnitSubmissionProcess.RECEIVE_PACKAGE).count()).isEqualTo(36);
    Figures.print(ConcurrencyIT.class, "36 units: 36 submissions released together, all 204 within "
        + submitted.millis() + " ms; 36 approvals, all 204 within " + approved.millis() + " ms; 36 records stored, 0 lost");
  }

  /** Ten requests for one task released together: six Tasklist sessions of the user, four /engine-rest calls. */
  private List<HttpResponse<String>> race(String taskId, String user, String body) throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < SAME_TASK_REQUESTS; i++) {
      if (i < 6) {
        WebClient session = new WebClient(port);
        assertThat(session.loginToTasklist(user, RoundDriver.PASSWORD).statusCode()).isEqualTo(200);
        calls.add(() -> session.postJson(RoundDriver.ENGINE_API + "/task/" + taskId + "/submit-form", body, session.csrf()));
      } else {
        WebClient rest = new WebClient(port);
        String action = i % 2 == 0 ? "/submit-form" : "/complete";
        calls.add(() -> rest.postJson("/engine-rest/task/" + taskId + action, body, WebClient.basic("admin", ADMIN_PASSWORD)));
      }
    }
    return atOnce(calls).responses();
  }

  private static void assertOneSucceededAndNineConflicts(List<HttpResponse<String>> responses) {
    assertThat(responses).filteredOn(r -> r.statusCode() / 100 == 2).as(describe(responses)).hasSize(1);
    assertThat(responses).filteredOn(r -> r.statusCode() / 100 != 2).hasSize(SAME_TASK_REQUESTS - 1)
        .allSatisfy(r -> {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
          JsonNode error = new RoundDriver(0, null).tree(r.body());
          assertThat(error.path("type").asText()).isNotBlank();
          assertThat(error.path("message").asText()).isIn(TaskConflictFilter.TASK_GONE, TaskConflictFilter.CONCURRENT);
        });
  }

  private static String describe(List<HttpResponse<String>> responses) {
    return responses.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString();
  }

  record Timed(List<HttpResponse<String>> responses, long millis) {}

  /** Releases all calls at one barrier, so they reach the server in the same moment. */
  private static Timed atOnce(List<Callable<HttpResponse<String>>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CyclicBarrier start = new CyclicBarrier(calls.size());
    try {
      long[] released = new long[1];
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (Callable<HttpResponse<String>> call : calls) {
        futures.add(pool.submit(() -> {
          if (start.await(30, TimeUnit.SECONDS) == 0) {
            released[0] = System.nanoTime();
          }
          return call.call();
        }));
      }
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        responses.add(future.get(120, TimeUnit.SECONDS));
      }
      return new Timed(responses, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released[0]));
    } finally {
      pool.shutdownNow();
    }
  }

  private int mails() {
    return mail.getReceivedMessages().length;
  }

  private String instanceOf(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }
}
