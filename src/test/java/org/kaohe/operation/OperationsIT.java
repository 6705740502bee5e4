package org.kaohe.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.booleanVariable;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Each approval operation (催办, 退回, 抄送, 委派, 转办) done by demo users through the HTTP API the Tasklist plugin
 * calls, with the session and CSRF token of a browser; its comment read back through Camunda's own comment REST.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OperationsIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String API = "/camunda/api/tasklist/plugin/kaohe/default/tasks/";
  static final String LEADER_NAME = "广州市团委 主要负责同志";
  static final String STAFF_NAME = "广州市团委 工作人员";

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

  RoundDriver driver;
  String roundId;

  @BeforeEach
  void publish() {
    driver = new RoundDriver(port, managementService);
    roundId = driver.publish(2026, LocalDate.now(ZONE).plusDays(30),
        code -> code.equals("guangzhou") || code.equals("shenzhen"));
  }

  @Test
  void aDelegatedTaskComesBackToItsOwnerWhenTheDelegateSubmitsTheForm() {
    String task = submissionTask("guangzhou");
    JsonNode offered = operations("guangzhou-staff", task);
    assertThat(offered.at("/operations/delegate/allowed").asBoolean()).isTrue();
    assertThat(offered.at("/operations/delegate/people").findValuesAsText("id")).containsExactly("guangzhou-leader");
    assertThat(offered.at("/operations/delegate/people").findValuesAsText("name")).containsExactly(LEADER_NAME);
    assertThat(offered.at("/operations/urge/allowed").asBoolean()).isFalse();
    assertThat(offered.at("/operations/return/allowed").asBoolean()).isFalse();

    HttpResponse<String> delegated = post("guangzhou-staff", task, "delegate",
        "{\"userId\":\"guangzhou-leader\",\"comment\":\"请帮忙填写附件2\"}");
    assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(200);
    assertThat(driver.tree(delegated.body()).path("message").asText()).contains("已委派给 " + LEADER_NAME);
    Task pending = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(pending.getAssignee()).isEqualTo("guangzhou-leader");
    assertThat(pending.getOwner()).isEqualTo("guangzhou-staff");
    assertThat(pending.getDelegationState()).isEqualTo(DelegationState.PENDING);
    assertThat(comments(task)).contains("委派给 " + LEADER_NAME + "：请帮忙填写附件2");
    assertThat(commentAuthors(task)).contains("guangzhou-staff");

    // The delegate may not hand it on; their form submission (Tasklist's submit-form) resolves it to the owner.
    JsonNode delegateSees = operations("guangzhou-leader", task);
    assertThat(delegateSees.at("/operations/transfer/allowed").asBoolean()).isFalse();
    assertThat(delegateSees.at("/operations/transfer/reason").asText()).contains("委派给您办理");
    assertThat(post("guangzhou-leader", task, "transfer", "{\"userId\":\"guangzhou-staff\"}").statusCode()).isEqualTo(409);
    ObjectNode pkg = driver.validPackage(driver.variableJson("guangzhou-staff", task, "notice"), "city", "广州市团委");
    driver.complete("guangzhou-leader", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    Task resolved = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(resolved).as("resolved, not completed").isNotNull();
    assertThat(resolved.getAssignee()).isEqualTo("guangzhou-staff");
    assertThat(resolved.getDelegationState()).isEqualTo(DelegationState.RESOLVED);
    assertThat(driver.variableJson("guangzhou-staff", task, "submissionPackage")).isEqualTo(pkg);

    // Back with the owner, who submits it to the leader's approval as usual.
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    assertThat(driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE)).isNotNull();
  }

  @Test
  void aTransferGivesTheTaskToAColleagueAndNeverLeavesTheCity() {
    String task = submissionTask("guangzhou");
    // Another city's people: refused with nothing changed, whether delegated or transferred.
    for (String operation : List.of("delegate", "transfer")) {
      HttpResponse<String> outside = post("guangzhou-staff", task, operation, "{\"userId\":\"shenzhen-staff\"}");
      assertThat(outside.statusCode()).as(operation).isEqualTo(400);
      assertThat(driver.tree(outside.body()).path("message").asText()).contains("不是本任务办理单位的人员");
      assertThat(driver.tree(outside.body()).path("type").asText()).isEqualTo("InvalidRequestException");
      HttpResponse<String> nobody = post("guangzhou-staff", task, operation, "{}");
      assertThat(nobody.statusCode()).isEqualTo(400);
      assertThat(driver.tree(nobody.body()).path("message").asText()).isEqualTo("请选择" + ("delegate".equals(operation) ? "委派" : "转办") + "的人员");
    }
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();

    // Another city's user does not even find the task, with the same words as for a missing one.
    for (String user : List.of("shenzhen-staff", "shenzhen-leader")) {
      HttpResponse<String> get = driver.as(user).get(API + task + "/operations");
      assertThat(get.statusCode()).as(user).isEqualTo(404);
      assertThat(get.body()).contains("找不到该任务").doesNotContain("广州");
      assertThat(post(user, task, "transfer", "{\"userId\":\"" + user + "\"}").statusCode()).isEqualTo(404);
    }
    assertThat(driver.as("guangzhou-staff").get(API + "no-such-task/operations").statusCode()).isEqualTo(404);
    // Without the CSRF token Camunda's filter refuses the change.
    WebClient noToken = new WebClient(port);
    noToken.loginToTasklist("guangzhou-staff", RoundDriver.PASSWORD);
    assertThat(noToken.postJson(API + task + "/operations/transfer", "{\"userId\":\"guangzhou-leader\"}").statusCode())
        .isEqualTo(403);

    HttpResponse<String> tooLong = post("guangzhou-staff", task, "transfer",
        "{\"userId\":\"guangzhou-leader\",\"comment\":\"" + "长".repeat(501) + "\"}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(driver.tree(tooLong.body()).path("message").asText()).contains("最多 500 字");

    HttpResponse<String> transferred = post("guangzhou-staff", task, "transfer",
        "{\"userId\":\"guangzhou-leader\",\"comment\":\"<b>请您直接办理</b>\"}");
    assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
    Task now = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(now.getAssignee()).isEqualTo("guangzhou-leader");
    assertThat(now.getOwner()).isNull();
    assertThat(now.getDelegationState()).isNull();
    // Stored as typed (plain text); the plugin escapes it when it shows it.
    assertThat(comments(task)).contains("转办给 " + LEADER_NAME + "：<b>请您直接办理</b>");
    // The staff member no longer holds it: a candidate, but another works on it.
    JsonNode staffSees = operations("guangzhou-staff", task);
    assertThat(staffSees.at("/operations/transfer/allowed").asBoolean()).isFalse();
    assertThat(staffSees.at("/operations/transfer/reason").asText()).contains("已由其他人员认领办理");
    // The new assignee may transfer it back.
    assertThat(operations("guangzhou-leader", task).at("/operations/transfer/people").findValuesAsText("id"))
        .containsExactly("guangzhou-staff");
  }

  @Test
  void theOfficeUrgesAUnitsOpenTaskAndTheCommentLandsOnIt() {
    String task = submissionTask("guangzhou");
    // Only the office urges.
    assertThat(operations("guangzhou-staff", task).at("/operations/urge/reason").asText()).isEqualTo("只有办公室可以催办");
    HttpResponse<String> byCity = post("guangzhou-staff", task, "urge", "{\"comment\":\"快\"}");
    assertThat(byCity.statusCode()).isEqualTo(403);
    assertThat(driver.tree(byCity.body()).path("type").asText()).isEqualTo("AuthorizationException");

    JsonNode officeSees = operations("office-staff", task);
    assertThat(officeSees.at("/operations/urge/allowed").asBoolean()).isTrue();
    assertThat(officeSees.at("/operations/delegate/allowed").asBoolean()).isFalse();
    HttpResponse<String> urged = post("office-staff", task, "urge", "{\"comment\":\"请于本周五前报送\"}");
    assertThat(urged.statusCode()).as(urged.body()).isEqualTo(200);
    // The model's own urge (message kaohe.urge, ServiceTask_SendUrge) wrote it, in the office's name.
    assertThat(comments(task)).contains("催办：请于本周五前报送");
    assertThat(commentAuthors(task)).contains("office-staff");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance("guangzhou"))
        .activityId("ServiceTask_SendUrge").count()).isEqualTo(1);

    // Another task of the unit (the bonus application) is urged by a comment and mail to its candidates.
    String bonus = driver.onlyTask("guangzhou-staff", instance("guangzhou"), UnitSubmissionProcess.APPLY_FOR_BONUS);
    assertThat(post("office-staff", bonus, "urge", "{}").statusCode()).isEqualTo(200);
    assertThat(comments(bonus)).contains("催办：请尽快办理。");
  }

  @Test
  void returningAnApprovalGoesBackInTheModelWithTheCommentInHistoryOnce() {
    String task = submissionTask("guangzhou");
    ObjectNode pkg = driver.validPackage(driver.variableJson("guangzhou-staff", task, "notice"), "city", "广州市团委");
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    String approval = driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);

    JsonNode leaderSees = operations("guangzhou-leader", approval);
    assertThat(leaderSees.at("/operations/return/allowed").asBoolean()).isTrue();
    assertThat(leaderSees.at("/operations/return/label").asText()).isEqualTo("退回修改");
    HttpResponse<String> empty = post("guangzhou-leader", approval, "return", "{\"comment\":\"  \"}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(driver.tree(empty.body()).path("message").asText()).isEqualTo("请填写退回意见");
    assertThat(post("guangzhou-staff", approval, "return", "{\"comment\":\"x\"}").statusCode()).isEqualTo(404);

    HttpResponse<String> returned = post("guangzhou-leader", approval, "return", "{\"comment\":\"请补充重点工作情况\"}");
    assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
    String again = submissionTask("guangzhou");
    assertThat(taskService.getVariable(again, UnitSubmissionProcess.APPROVAL_COMMENT)).isEqualTo("请补充重点工作情况");
    assertThat(taskService.getVariable(again, UnitSubmissionProcess.PACKAGE_APPROVED)).isEqualTo(false);
    assertThat(comments(approval)).containsOnlyOnce("退回修改：请补充重点工作情况");
    assertThat(instanceComments(instance("guangzhou"))).contains("退回修改：请补充重点工作情况");

    // The form's own return (radio and comment, Tasklist's submit-form) leaves the same comment, once.
    driver.complete("guangzhou-staff", again, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    String second = driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);
    HttpResponse<String> noComment = driver.submitForm("guangzhou-leader", second,
        Map.of("packageApproved", booleanVariable(false), "approvalComment", stringVariable(" ")));
    // A listener's refusal is a 400 with Kaohe's reasons only (security.TaskConflictFilter); the form refuses before.
    assertThat(noComment.statusCode()).isEqualTo(400);
    assertThat(driver.tree(noComment.body()).path("message").asText()).contains("退回时请填写退回意见")
        .doesNotContain("Cannot submit");
    assertThat(taskService.createTaskQuery().taskId(second).count()).as("still open").isEqualTo(1);
    driver.complete("guangzhou-leader", second, Map.of("packageApproved", booleanVariable(false),
        "approvalComment", stringVariable("附表3请补充考评等次")));
    assertThat(comments(second)).containsExactly("退回修改：附表3请补充考评等次");
    // An approval leaves no return comment.
    String third = submissionTask("guangzhou");
    driver.complete("guangzhou-staff", third, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    String approved = driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);
    driver.complete("guangzhou-leader", approved, Map.of("packageApproved", booleanVariable(true)));
    assertThat(comments(approved)).isEmpty();

    // The office returns the received package for completion: the unit prepares it again, the record says so.
    String receipt = driver.onlyTask("office-staff", instance("guangzhou"), UnitSubmissionProcess.RECEIVE_PACKAGE);
    JsonNode officeSees = operations("office-staff", receipt);
    assertThat(officeSees.at("/operations/return/label").asText()).isEqualTo("退回补充");
    // The office's own task is not another unit's work to urge.
    assertThat(officeSees.at("/operations/urge/reason").asText()).isEqualTo("只能催办其他单位的待办任务");
    HttpResponse<String> officeReturn = post("office-staff", receipt, "return", "{\"comment\":\"请补充附表3\"}");
    assertThat(officeReturn.statusCode()).as(officeReturn.body()).isEqualTo(200);
    assertThat(submissionTask("guangzhou")).isNotNull();
    assertThat(comments(receipt)).containsExactly("退回补充：请补充附表3");
    assertThat(submissions.latestOfRound(roundId).stream().filter(s -> s.unitCode().equals("guangzhou"))
        .findFirst().orElseThrow().statusComment()).isEqualTo("请补充附表3");
  }

  @Test
  void aCopyGivesTheLeaderAReadOnlySnapshotAndLeavesTheSourceAlone() {
    String task = submissionTask("guangzhou");
    ObjectNode pkg = driver.validPackage(driver.variableJson("guangzhou-staff", task, "notice"), "city", "广州市团委");
    assertThat(driver.saveDraft("guangzhou-staff", task, pkg).statusCode()).isEqualTo(204);
    Map<String, String> before = variables(task);

    JsonNode offered = operations("guangzhou-staff", task);
    assertThat(offered.at("/operations/copy/allowed").asBoolean()).isTrue();
    assertThat(offered.at("/operations/copy/people").findValuesAsText("id")).containsExactly("guangzhou-leader");
    assertThat(post("guangzhou-staff", task, "copy", "{\"userIds\":[]}").statusCode()).isEqualTo(400);
    HttpResponse<String> outside = post("guangzhou-staff", task, "copy", "{\"userIds\":[\"shenzhen-leader\"]}");
    assertThat(outside.statusCode()).isEqualTo(400);

    HttpResponse<String> copied = post("guangzhou-staff", task, "copy",
        "{\"userIds\":[\"guangzhou-leader\"],\"comment\":\"请审阅初稿\"}");
    assertThat(copied.statusCode()).as(copied.body()).isEqualTo(200);
    assertThat(comments(task)).contains("抄送给 " + LEADER_NAME + "：请审阅初稿");

    List<JsonNode> copies = driver.tasks("guangzhou-leader", ResultCopyProcess.READ_COPY);
    assertThat(copies).hasSize(1);
    String copyTask = copies.get(0).get("id").asText();
    JsonNode copy = driver.variableJson("guangzhou-leader", copyTask, ResultCopyProcess.COPY);
    assertThat(copy.path("kind").asText()).isEqualTo("package");
    assertThat(copy.path("sourceTaskName").asText()).isEqualTo("填报材料");
    assertThat(copy.path("unitName").asText()).isEqualTo("广州市团委");
    assertThat(copy.path("roundTitle").asText()).contains("2026");
    assertThat(copy.path("copiedByName").asText()).isEqualTo(STAFF_NAME);
    assertThat(copy.path("comment").asText()).isEqualTo("请审阅初稿");
    assertThat(copy.path("package")).isEqualTo(pkg);
    assertThat(copy.at("/notice/areas").size()).isGreaterThan(0);
    // Nobody else sees the copy; the copy itself offers no operation that could pass it on.
    assertThat(driver.tasks("shenzhen-leader", ResultCopyProcess.READ_COPY)).isEmpty();
    assertThat(driver.tasks("guangzhou-staff", ResultCopyProcess.READ_COPY)).isEmpty();
    JsonNode onCopy = operations("guangzhou-leader", copyTask);
    for (String operation : List.of("urge", "return", "copy", "delegate", "transfer")) {
      assertThat(onCopy.at("/operations/" + operation + "/allowed").asBoolean()).as(operation).isFalse();
    }

    // 已阅 completes the copy; the source task is open and unchanged.
    driver.complete("guangzhou-leader", copyTask, Map.of());
    assertThat(driver.tasks("guangzhou-leader", ResultCopyProcess.READ_COPY)).isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ResultCopyProcess.KEY)
        .finished().count()).isEqualTo(1);
    Task source = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(source).isNotNull();
    assertThat(source.getAssignee()).isNull();
    assertThat(variables(task)).isEqualTo(before);

    // The leader's own approval has no other leader to copy to.
    driver.complete("guangzhou-staff", task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    String approval = driver.onlyTask("guangzhou-leader", instance("guangzhou"), UnitSubmissionProcess.APPROVE_PACKAGE);
    JsonNode leaderSees = operations("guangzhou-leader", approval);
    assertThat(leaderSees.at("/operations/copy/allowed").asBoolean()).isFalse();
    assertThat(leaderSees.at("/operations/copy/reason").asText()).contains("没有其他主要负责同志");
  }

  // ---- through the API the plugin calls

  private JsonNode operations(String user, String task) {
    HttpResponse<String> response = driver.as(user).get(API + task + "/operations");
    assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
    return driver.tree(response.body());
  }

  private HttpResponse<String> post(String user, String task, String operation, String body) {
    WebClient client = driver.as(user);
    return client.postJson(API + task + "/operations/" + operation, body, client.csrf());
  }

  /**
   * The task's comments through Camunda's own REST (Tasklist's History tab reads the same). Camunda answers it only
   * to a user who may read the process's history, which a unit may not (docs/models-and-forms.md), so the office reads.
   */
  private List<String> comments(String task) {
    return field("office-staff", task, "message");
  }

  private List<String> commentAuthors(String task) {
    return field("office-staff", task, "userId");
  }

  private List<String> field(String user, String task, String name) {
    HttpResponse<String> response = driver.as(user).get(RoundDriver.ENGINE_API + "/task/" + task + "/comment");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    driver.tree(response.body()).forEach(c -> values.add(c.path(name).asText()));
    return values;
  }

  /** The task's variables as text (Spin's JSON values have no equals). */
  private Map<String, String> variables(String task) {
    Map<String, String> values = new java.util.TreeMap<>();
    taskService.getVariables(task).forEach((name, value) -> values.put(name, String.valueOf(value)));
    return values;
  }

  private List<String> instanceComments(String processInstanceId) {
    return taskService.getProcessInstanceComments(processInstanceId).stream().map(c -> c.getFullMessage()).toList();
  }

  private String instance(String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  private String submissionTask(String unitCode) {
    return driver.onlyTask(unitCode + "-staff", instance(unitCode), UnitSubmissionProcess.SUBMIT_PACKAGE);
  }
}
