package org.kaohe.submission;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;
import static org.kaohe.submission.UnitSubmissionProcess.APPROVAL_COMMENT;
import static org.kaohe.submission.UnitSubmissionProcess.APPROVE_PACKAGE;
import static org.kaohe.submission.UnitSubmissionProcess.DUE_DATE;
import static org.kaohe.submission.UnitSubmissionProcess.FIRST_REMINDER;
import static org.kaohe.submission.UnitSubmissionProcess.FIRST_REMINDER_DATE;
import static org.kaohe.submission.UnitSubmissionProcess.KEY;
import static org.kaohe.submission.UnitSubmissionProcess.LAST_REMINDER;
import static org.kaohe.submission.UnitSubmissionProcess.LAST_REMINDER_DATE;
import static org.kaohe.submission.UnitSubmissionProcess.LATE;
import static org.kaohe.submission.UnitSubmissionProcess.LEADERS_GROUP;
import static org.kaohe.submission.UnitSubmissionProcess.NOTICE;
import static org.kaohe.submission.UnitSubmissionProcess.PACKAGE;
import static org.kaohe.submission.UnitSubmissionProcess.PACKAGE_ACCEPTED;
import static org.kaohe.submission.UnitSubmissionProcess.PACKAGE_APPROVED;
import static org.kaohe.submission.UnitSubmissionProcess.PREPARE_PACKAGE;
import static org.kaohe.submission.UnitSubmissionProcess.RECEIPT_COMMENT;
import static org.kaohe.submission.UnitSubmissionProcess.RECEIVE_PACKAGE;
import static org.kaohe.submission.UnitSubmissionProcess.RECORD_SUBMISSION;
import static org.kaohe.submission.UnitSubmissionProcess.ROUND_ID;
import static org.kaohe.submission.UnitSubmissionProcess.SUBMISSION_DEADLINE;
import static org.kaohe.submission.UnitSubmissionProcess.SUBMIT_PACKAGE;
import static org.kaohe.submission.UnitSubmissionProcess.UNIT_CODE;
import static org.kaohe.submission.UnitSubmissionProcess.UNIT_GROUP;
import static org.kaohe.submission.UnitSubmissionProcess.UNIT_KIND;
import static org.kaohe.submission.UnitSubmissionProcess.UNIT_NAME;
import static org.kaohe.submission.UnitSubmissionProcess.URGE;
import static org.kaohe.submission.UnitSubmissionProcess.URGE_COMMENT;
import static org.kaohe.submission.UnitSubmissionProcess.URGE_MESSAGE;
import static org.kaohe.submission.UnitSubmissionProcess.businessKey;
import static org.kaohe.submission.UnitSubmissionProcess.APPLY_FOR_BONUS;
import static org.kaohe.submission.UnitSubmissionProcess.ASSESSED;
import static org.kaohe.submission.UnitSubmissionProcess.ASSESSMENT_CLOSED_MESSAGE;
import static org.kaohe.submission.UnitSubmissionProcess.BONUS_APPLICATION;
import static org.kaohe.submission.UnitSubmissionProcess.BONUS_APPLICATION_CLOSED;
import static org.kaohe.submission.UnitSubmissionProcess.BONUS_APPLICATION_DEADLINE;
import static org.kaohe.submission.UnitSubmissionProcess.BONUS_APPLICATION_DUE_DATE;
import static org.kaohe.submission.UnitSubmissionProcess.BONUS_APPLIED;
import static org.kaohe.submission.UnitSubmissionProcess.CLOSED_BY_ROUND;
import static org.kaohe.submission.UnitSubmissionProcess.NOT_ASSESSED;
import static org.kaohe.submission.UnitSubmissionProcess.RECORD_BONUS_APPLICATION;
import static org.kaohe.submission.UnitSubmissionProcess.RECORD_REVIEW_RETURN;
import static org.kaohe.submission.UnitSubmissionProcess.REVIEW_RETURN;
import static org.kaohe.submission.UnitSubmissionProcess.REVIEW_RETURN_MESSAGE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/unit-submission.bpmn}: one unit's package from filling to receipt, with
 * returns, reminders, the deadline and urging. The Spring beans the model calls are replaced by stand-ins that
 * record their calls; what is tested is the model.
 */
@Deployment(resources = "processes/unit-submission.bpmn")
class UnitSubmissionProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private static final String ROUND = "2017";
  private static final String UNIT = "guangzhou";
  private static final String PACKAGE_JSON = """
      {"summary": {"yearWork": "全年工作", "problems": "存在问题", "nextYearIdeas": "明年思路", "suggestions": "意见建议"},
       "keyWork": [{"areaCode": "thought-guidance", "status": "已完成"}],
       "evaluation": {"instructions": [], "assignedTasks": [], "localEvaluations": [], "otherNotes": ""}}""";

  private final Date dueDate = Date.from(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
  private final Date firstReminderDate = Date.from(dueDate.toInstant().minus(7, ChronoUnit.DAYS));
  private final Date lastReminderDate = Date.from(dueDate.toInstant().minus(1, ChronoUnit.DAYS));
  private final Date bonusDueDate = Date.from(dueDate.toInstant().plus(5, ChronoUnit.DAYS));

  /** Calls of the stand-ins, as "bean:detail". */
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerBeanStandIns() {
    // The approval tasks' return-comment listener (org.kaohe.operation); what it writes is tested in OperationsIT.
    Mocks.register("returnComment", (TaskListener) task -> { });
    Mocks.register("packageValidator", (TaskListener) this::validatePackage);
    Mocks.register("recordSubmission", (JavaDelegate) execution -> calls.add("recordSubmission:"
        + (Boolean.TRUE.equals(execution.getVariable(LATE)) ? "late" : "on time")));
    Mocks.register("recordReturn", (JavaDelegate) execution ->
        calls.add("recordReturn:" + execution.getVariable(RECEIPT_COMMENT)));
    Mocks.register("sendReminder", (JavaDelegate) execution ->
        calls.add("sendReminder:" + execution.getCurrentActivityId()));
    Mocks.register("markLate", (JavaDelegate) execution -> {
      calls.add("markLate");
      execution.setVariable(LATE, true);
      SubmissionStatus.markLate(execution);
    });
    // The real listener: it only reads and sets variables, and the status it keeps is what these tests check.
    Mocks.register("submissionStatusListener", new SubmissionStatus());
    Mocks.register("sendUrge", (JavaDelegate) execution ->
        calls.add("sendUrge:" + execution.getVariable(URGE_COMMENT)));
    Mocks.register("bonusApplicationValidator", (TaskListener) this::validateBonusApplication);
    Mocks.register("recordBonusApplication", (JavaDelegate) execution -> calls.add("recordBonusApplication:"
        + ((SpinJsonNode) execution.getVariable(BONUS_APPLICATION)).prop("projects").elements().size()));
  }

  /** Stand-in of the validator: refuses more than five projects, as the real one does. */
  private void validateBonusApplication(DelegateTask task) {
    SpinJsonNode application = (SpinJsonNode) task.getVariable(BONUS_APPLICATION);
    calls.add("bonusApplicationValidator");
    if (application == null || application.prop("projects").elements().size() > 5) {
      throw new ProcessEngineException("最多申报5个项目");
    }
  }

  /** Stand-in of the validator: refuses a package without its summary, as the real one refuses an invalid one. */
  private void validatePackage(DelegateTask task) {
    SpinJsonNode submissionPackage = (SpinJsonNode) task.getVariable(PACKAGE);
    calls.add("packageValidator");
    if (submissionPackage == null || !submissionPackage.hasProp("summary")) {
      throw new ProcessEngineException("工作总结不能为空");
    }
  }

  @AfterEach
  void resetBeanStandIns() {
    Mocks.reset();
  }

  @Test
  void theLeaderApprovesAndTheOfficeReceivesThePackage() {
    ProcessInstance submission = start();

    assertThat(submission).isWaitingAt(PREPARE_PACKAGE, SUBMIT_PACKAGE);
    assertThat(task()).hasName("填报材料").hasCandidateGroup("unit-guangzhou")
        .hasFormKey("embedded:deployment:submit-package.html").hasDueDate(dueDate);
    Assertions.assertThat(task().getFollowUpDate()).hasSameTimeAs(firstReminderDate);
    Assertions.assertThat(timers(submission)).containsOnly(
        Map.entry(FIRST_REMINDER, firstReminderDate), Map.entry(LAST_REMINDER, lastReminderDate),
        Map.entry(SUBMISSION_DEADLINE, dueDate));
    Assertions.assertThat(urgeSubscriptions(submission)).isEqualTo(1);
    Assertions.assertThat(status(submission)).isEqualTo("填报中");

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));

    Assertions.assertThat(calls).containsExactly("packageValidator");
    Assertions.assertThat(status(submission)).isEqualTo("待主要负责同志审定");
    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);
    assertThat(task()).hasName("审定材料").hasCandidateGroup("unit-guangzhou-leaders")
        .hasFormKey("embedded:deployment:approve-package.html").hasDueDate(dueDate);

    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, "同意报送"));

    assertThat(submission).hasPassed("EndEvent_PackageApproved", PREPARE_PACKAGE, RECORD_SUBMISSION)
        .isWaitingAt(RECEIVE_PACKAGE);
    assertThat(task()).hasName("查收材料").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:receive-package.html");
    Assertions.assertThat(status(submission)).isEqualTo("已报送，待办公室查收");
    // Leaving the sub-process removes its reminders, deadline and urge subscription.
    Assertions.assertThat(timers(submission)).isEmpty();
    Assertions.assertThat(urgeSubscriptions(submission)).isZero();

    complete(task(), withVariables(PACKAGE_ACCEPTED, true, RECEIPT_COMMENT, "已收讫"));

    // An accepted package waits for the review (a lead department may return it) until the round closes.
    assertThat(submission).isWaitingAt(REVIEW_RETURN)
        .hasNotPassed("ServiceTask_RecordReturn", "ServiceTask_MarkLate", "ServiceTask_SendUrge");
    Assertions.assertThat(status(submission)).isEqualTo("已收讫");
    Assertions.assertThat(reviewReturnSubscriptions(submission)).isEqualTo(1);

    closeRound();

    assertThat(submission).isEnded().hasPassed(CLOSED_BY_ROUND).hasNotPassed(RECORD_REVIEW_RETURN);
    Assertions.assertThat(calls).containsExactly("packageValidator", "recordSubmission:on time");
  }

  @Test
  void aPackageReturnedByTheLeaderGoesBackToTheUnitAndIsApprovedLater() {
    ProcessInstance submission = start();
    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);

    complete(task(), withVariables(PACKAGE_APPROVED, false, APPROVAL_COMMENT, "请补充重点工作情况"));

    assertThat(submission).isWaitingAt(SUBMIT_PACKAGE).hasNotPassed(RECORD_SUBMISSION)
        .variables().containsEntry(APPROVAL_COMMENT, "请补充重点工作情况");
    assertThat(task()).hasCandidateGroup("unit-guangzhou");
    Assertions.assertThat(status(submission)).isEqualTo("审定退回修改");
    Assertions.assertThat(submissionPackage(submission).prop("summary").prop("yearWork").stringValue())
        .isEqualTo("全年工作");

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON.replace("全年工作", "全年工作（补充）"))));
    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, "同意"));

    assertThat(submission).isWaitingAt(RECEIVE_PACKAGE);
    Assertions.assertThat(calls)
        .containsExactly("packageValidator", "packageValidator", "recordSubmission:on time");
  }

  @Test
  void theFirstAndTheLastReminderFireWhileTheUnitKeepsItsTask() {
    ProcessInstance submission = start();
    String taskId = task().getId();

    execute(job(FIRST_REMINDER));

    assertThat(submission).hasPassed("ServiceTask_SendFirstReminder", "EndEvent_FirstReminderSent")
        .isWaitingAt(SUBMIT_PACKAGE);
    assertThat(task()).hasId(taskId);

    execute(job(LAST_REMINDER));

    assertThat(submission).hasPassed("ServiceTask_SendLastReminder", "EndEvent_LastReminderSent")
        .isWaitingAt(SUBMIT_PACKAGE);
    assertThat(task()).hasId(taskId);
    Assertions.assertThat(calls).containsExactly(
        "sendReminder:ServiceTask_SendFirstReminder", "sendReminder:ServiceTask_SendLastReminder");
    // Each timer fires once: only the deadline is left.
    Assertions.assertThat(timers(submission)).containsOnlyKeys(SUBMISSION_DEADLINE);
  }

  @Test
  void theDeadlineMarksTheUnitLateWhileItsTaskStaysOpen() {
    ProcessInstance submission = start();
    String taskId = task().getId();

    execute(job(SUBMISSION_DEADLINE));

    assertThat(submission).hasPassed("ServiceTask_MarkLate", "EndEvent_MarkedLate")
        .isWaitingAt(PREPARE_PACKAGE, SUBMIT_PACKAGE).variables().containsEntry(LATE, true);
    assertThat(task()).hasId(taskId).hasDueDate(dueDate);
    Assertions.assertThat(status(submission)).isEqualTo("填报中（已逾期）");

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    Assertions.assertThat(status(submission)).isEqualTo("待主要负责同志审定（已逾期）");
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));

    assertThat(submission).isWaitingAt(RECEIVE_PACKAGE);
    Assertions.assertThat(status(submission)).isEqualTo("已报送，待办公室查收（逾期报送）");
    Assertions.assertThat(calls).containsExactly("markLate", "packageValidator", "recordSubmission:late");
  }

  @Test
  void anUrgeReachesTheOpenSubProcessButNotAPackageAlreadySubmitted() {
    ProcessInstance submission = start();
    String taskId = task().getId();

    urge("请于12月20日前报送");

    assertThat(submission).hasPassed(URGE, "ServiceTask_SendUrge", "EndEvent_Urged").isWaitingAt(SUBMIT_PACKAGE);
    assertThat(task()).hasId(taskId);

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);
    // The leader's approval is part of the preparation: it can be urged too.
    urge("请主要负责同志尽快审定");
    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);

    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    assertThat(submission).isWaitingAt(RECEIVE_PACKAGE);
    Assertions.assertThatThrownBy(() -> urge("已报送的单位不再催办"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);

    Assertions.assertThat(calls).containsExactly("sendUrge:请于12月20日前报送", "packageValidator",
        "sendUrge:请主要负责同志尽快审定", "recordSubmission:on time");
  }

  @Test
  void aPackageReturnedByTheOfficeReopensThePreparationWithThePackageKept() {
    ProcessInstance submission = start();
    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    assertThat(submission).isWaitingAt(RECEIVE_PACKAGE);

    complete(task(), withVariables(PACKAGE_ACCEPTED, false, RECEIPT_COMMENT, "请补充党政评价表"));

    assertThat(submission).hasPassed("ServiceTask_RecordReturn").isWaitingAt(PREPARE_PACKAGE, SUBMIT_PACKAGE);
    assertThat(task()).hasName("填报材料").hasCandidateGroup("unit-guangzhou").hasDueDate(dueDate);
    Assertions.assertThat(status(submission)).isEqualTo("退回补充");
    Assertions.assertThat(submissionPackage(submission).toString()).isEqualTo(JSON(PACKAGE_JSON).toString());
    // The preparation is entered again, with its reminders, deadline and urge subscription.
    Assertions.assertThat(timers(submission)).containsOnlyKeys(FIRST_REMINDER, LAST_REMINDER, SUBMISSION_DEADLINE);
    Assertions.assertThat(urgeSubscriptions(submission)).isEqualTo(1);

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON.replace("\"otherNotes\": \"\"", "\"otherNotes\": \"已补充\""))));
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    assertThat(submission).isWaitingAt(RECEIVE_PACKAGE);
    complete(task(), withVariables(PACKAGE_ACCEPTED, true, RECEIPT_COMMENT, ""));

    assertThat(submission).isWaitingAt(REVIEW_RETURN);
    Assertions.assertThat(calls).containsExactly("packageValidator", "recordSubmission:on time",
        "recordReturn:请补充党政评价表", "packageValidator", "recordSubmission:on time");
  }

  @Test
  void theValidatorRunsOnCompletionAndARefusedPackageLeavesTheTaskOpen() {
    ProcessInstance submission = start();
    Task fill = task();

    Assertions.assertThatThrownBy(() -> complete(fill, withVariables(PACKAGE, JSON("{\"keyWork\": []}"))))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("工作总结不能为空");

    assertThat(submission).isWaitingAt(SUBMIT_PACKAGE).hasNotPassed(SUBMIT_PACKAGE);
    assertThat(task()).hasId(fill.getId());
    Assertions.assertThat(taskService().createTaskQuery().taskId(fill.getId()).count()).isEqualTo(1);
    Assertions.assertThat(runtimeService().getVariable(submission.getId(), PACKAGE)).isNull();

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));

    assertThat(submission).isWaitingAt(APPROVE_PACKAGE);
    Assertions.assertThat(calls).containsExactly("packageValidator", "packageValidator");
  }

  @Test
  void aUnitThatIsNotAssessedGetsNoBonusTask() {
    ProcessInstance submission = start(UNIT, false);

    assertThat(submission).hasPassed("Gateway_SubmissionFork", "Gateway_BonusApplicable", NOT_ASSESSED)
        .hasNotPassed(APPLY_FOR_BONUS).isWaitingAt(SUBMIT_PACKAGE);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(submission.getId()).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly(SUBMIT_PACKAGE);
    Assertions.assertThat(timers(submission)).doesNotContainKey(BONUS_APPLICATION_DEADLINE);
  }

  @Test
  void anAssessedUnitAppliesForBonusBesideItsPackage() {
    ProcessInstance submission = start(UNIT, true);

    assertThat(submission).hasNotPassed(NOT_ASSESSED).isWaitingAt(SUBMIT_PACKAGE, APPLY_FOR_BONUS);
    assertThat(task(APPLY_FOR_BONUS)).hasName("申报创新和表彰项目").hasCandidateGroup("unit-guangzhou")
        .hasDueDate(bonusDueDate).hasFormKey("embedded:deployment:apply-for-bonus.html");
    Assertions.assertThat(timers(submission)).containsEntry(BONUS_APPLICATION_DEADLINE, bonusDueDate);

    Task apply = task(APPLY_FOR_BONUS);
    String sixProjects = "{\"projects\": [" + String.join(",", java.util.Collections.nCopies(6,
        "{\"kind\": \"award\", \"name\": \"项目\", \"description\": \"\", \"evidence\": null}")) + "]}";
    Assertions.assertThatThrownBy(() -> complete(apply, withVariables(BONUS_APPLICATION, JSON(sixProjects))))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("最多申报5个项目");
    assertThat(submission).isWaitingAt(APPLY_FOR_BONUS);

    complete(task(APPLY_FOR_BONUS), withVariables(BONUS_APPLICATION, JSON("{\"projects\": [{\"kind\": \"innovation\","
        + " \"name\": \"青年之家\", \"description\": \"全市覆盖\", \"evidence\": \"bonusEvidence1\"}]}")));

    assertThat(submission).hasPassed(RECORD_BONUS_APPLICATION, BONUS_APPLIED).hasNotPassed(BONUS_APPLICATION_CLOSED)
        .isWaitingAt(SUBMIT_PACKAGE).isNotWaitingAt(APPLY_FOR_BONUS);
    Assertions.assertThat(timers(submission)).doesNotContainKey(BONUS_APPLICATION_DEADLINE);
    Assertions.assertThat(calls).containsExactly("bonusApplicationValidator", "bonusApplicationValidator",
        "recordBonusApplication:1");
  }

  @Test
  void theBonusDeadlineClosesAnOpenApplicationButNotThePackage() {
    ProcessInstance submission = start(UNIT, true);
    String fillTaskId = task(SUBMIT_PACKAGE).getId();

    execute(job(BONUS_APPLICATION_DEADLINE));

    assertThat(submission).hasPassed(BONUS_APPLICATION_CLOSED).hasNotPassed(RECORD_BONUS_APPLICATION, BONUS_APPLIED)
        .isWaitingAt(SUBMIT_PACKAGE).isNotWaitingAt(APPLY_FOR_BONUS);
    assertThat(task(SUBMIT_PACKAGE)).hasId(fillTaskId);
    Assertions.assertThat(taskService().createTaskQuery().taskDefinitionKey(APPLY_FOR_BONUS).count()).isZero();
    Assertions.assertThat(calls).isEmpty();
  }

  @Test
  void aLeadDepartmentReturnsAnAcceptedPackageAndThePreparationStartsAgain() {
    ProcessInstance submission = start();
    // Not possible before the office accepted the package.
    Assertions.assertThatThrownBy(() -> returnForCompletion(UNIT, "太早"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    complete(task(), withVariables(PACKAGE_ACCEPTED, true, RECEIPT_COMMENT, "已收讫"));
    assertThat(submission).isWaitingAt(REVIEW_RETURN);

    returnForCompletion(UNIT, "组织部退回补充：请补充基层组织建设数据");

    assertThat(submission).hasPassed(REVIEW_RETURN, RECORD_REVIEW_RETURN).isWaitingAt(PREPARE_PACKAGE, SUBMIT_PACKAGE)
        .variables().containsEntry(PACKAGE_ACCEPTED, false)
        .containsEntry(RECEIPT_COMMENT, "组织部退回补充：请补充基层组织建设数据");
    assertThat(task()).hasCandidateGroup("unit-guangzhou").hasDueDate(dueDate);
    Assertions.assertThat(submissionPackage(submission).toString()).isEqualTo(JSON(PACKAGE_JSON).toString());
    Assertions.assertThat(timers(submission)).containsOnlyKeys(FIRST_REMINDER, LAST_REMINDER, SUBMISSION_DEADLINE);
    Assertions.assertThat(reviewReturnSubscriptions(submission)).isZero();

    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    complete(task(), withVariables(PACKAGE_ACCEPTED, true, RECEIPT_COMMENT, ""));

    assertThat(submission).isWaitingAt(REVIEW_RETURN);
    Assertions.assertThat(calls).containsExactly("packageValidator", "recordSubmission:on time",
        "recordReturn:组织部退回补充：请补充基层组织建设数据", "packageValidator", "recordSubmission:on time");
  }

  @Test
  void theRoundClosingEndsEveryUnitInstanceInAnyState() {
    // Filling, with its bonus application open:
    ProcessInstance filling = start("guangzhou", true);
    // With the office:
    ProcessInstance received = start("shenzhen", false);
    complete(task(), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    complete(task(), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    assertThat(received).isWaitingAt(RECEIVE_PACKAGE);
    // Accepted, waiting for the review:
    ProcessInstance accepted = start("zhuhai", true);
    complete(task(SUBMIT_PACKAGE), withVariables(PACKAGE, JSON(PACKAGE_JSON)));
    complete(task(APPROVE_PACKAGE), withVariables(PACKAGE_APPROVED, true, APPROVAL_COMMENT, ""));
    complete(task(RECEIVE_PACKAGE), withVariables(PACKAGE_ACCEPTED, true, RECEIPT_COMMENT, ""));
    assertThat(accepted).isWaitingAt(REVIEW_RETURN, APPLY_FOR_BONUS);

    closeRound();

    for (ProcessInstance submission : List.of(filling, received, accepted)) {
      assertThat(submission).isEnded().hasPassed("SubProcess_RoundClosed", CLOSED_BY_ROUND)
          .hasNotPassed(RECORD_BONUS_APPLICATION, RECORD_REVIEW_RETURN);
      Assertions.assertThat(jobQuery().processInstanceId(submission.getId()).count()).isZero();
      Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(submission.getId())
          .count()).isZero();
    }
    Assertions.assertThat(taskService().createTaskQuery().count()).isZero();
    Assertions.assertThatThrownBy(() -> urge("已结束"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);
  }

  /** A unit whose package these tests follow; not assessed, so that its bonus branch ends at once. */
  private ProcessInstance start() {
    return start(UNIT, false);
  }

  private ProcessInstance start(String unit, boolean assessed) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ROUND_ID, ROUND);
    variables.put(UNIT_CODE, unit);
    variables.put(UNIT_NAME, "共青团" + unit + "市委");
    variables.put(UNIT_KIND, "city");
    variables.put(UNIT_GROUP, "unit-" + unit);
    variables.put(LEADERS_GROUP, "unit-" + unit + "-leaders");
    variables.put(ASSESSED, assessed);
    variables.put(BONUS_APPLICATION_DUE_DATE, bonusDueDate);
    variables.put(DUE_DATE, dueDate);
    variables.put(FIRST_REMINDER_DATE, firstReminderDate);
    variables.put(LAST_REMINDER_DATE, lastReminderDate);
    variables.put(NOTICE, JSON("{\"title\":\"2017年度全省共青团工作考核\",\"limits\":{}}"));
    ProcessInstance submission = runtimeService().startProcessInstanceByKey(KEY, businessKey(ROUND, unit), variables);
    assertThat(submission).isStarted(); // task() and job() refer to the last instance asserted on
    return submission;
  }

  private static void urge(String comment) {
    runtimeService().createMessageCorrelation(URGE_MESSAGE).processInstanceBusinessKey(businessKey(ROUND, UNIT))
        .setVariable(URGE_COMMENT, comment).correlate();
  }

  /** The instance's timer jobs: activity ID to due date. */
  private static Map<String, Date> timers(ProcessInstance submission) {
    Map<String, Date> timers = new HashMap<>();
    for (Job timer : jobQuery().processInstanceId(submission.getId()).timers().list()) {
      String activityId = managementService().createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
          .singleResult().getActivityId();
      timers.put(activityId, new Date(timer.getDuedate().getTime()));
    }
    return timers;
  }

  /** What closeSubmissions does: the message to every unit instance of the round. */
  private static void closeRound() {
    runtimeService().createMessageCorrelation(ASSESSMENT_CLOSED_MESSAGE).processInstanceVariableEquals(ROUND_ID, ROUND)
        .correlateAll();
  }

  /** What returnPackagesForCompletion does for one unit. */
  private static void returnForCompletion(String unit, String comment) {
    runtimeService().createMessageCorrelation(REVIEW_RETURN_MESSAGE).processInstanceBusinessKey(businessKey(ROUND, unit))
        .setVariable(PACKAGE_ACCEPTED, false).setVariable(RECEIPT_COMMENT, comment).correlate();
  }

  private static long reviewReturnSubscriptions(ProcessInstance submission) {
    return runtimeService().createEventSubscriptionQuery().processInstanceId(submission.getId())
        .eventType("message").eventName(REVIEW_RETURN_MESSAGE).count();
  }

  private static long urgeSubscriptions(ProcessInstance submission) {
    return runtimeService().createEventSubscriptionQuery().processInstanceId(submission.getId())
        .eventType("message").eventName(URGE_MESSAGE).count();
  }

  private static SpinJsonNode submissionPackage(ProcessInstance submission) {
    return (SpinJsonNode) runtimeService().getVariable(submission.getId(), PACKAGE);
  }

  private static Object status(ProcessInstance submission) {
    return runtimeService().getVariable(submission.getId(), UnitSubmissionProcess.SUBMISSION_STATUS);
  }

}
