package org.kaohe.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kaohe.operation.OperationRules.Actor;
import org.kaohe.operation.OperationRules.Refusal;
import org.kaohe.operation.OperationRules.TaskFacts;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.submission.UnitSubmissionProcess;

class OperationRulesTest {

  static final Actor STAFF = new Actor("guangzhou-staff", Set.of("unit-guangzhou"));
  static final Actor LEADER = new Actor("guangzhou-leader", Set.of("unit-guangzhou", "unit-guangzhou-leaders"));
  static final Actor OTHER_CITY = new Actor("shenzhen-staff", Set.of("unit-shenzhen"));
  static final Actor OFFICE = new Actor("office-staff", Set.of("unit-office", "office"));

  static TaskFacts submit(String assignee, boolean pending) {
    return new TaskFacts(UnitSubmissionProcess.KEY, UnitSubmissionProcess.SUBMIT_PACKAGE, Set.of("unit-guangzhou"),
        Set.of(), assignee, pending, false, true);
  }

  static TaskFacts approve() {
    return new TaskFacts(UnitSubmissionProcess.KEY, UnitSubmissionProcess.APPROVE_PACKAGE,
        Set.of("unit-guangzhou-leaders"), Set.of(), null, false, false, true);
  }

  static TaskFacts receive() {
    return new TaskFacts(UnitSubmissionProcess.KEY, UnitSubmissionProcess.RECEIVE_PACKAGE, Set.of("office"),
        Set.of(), null, false, false, true);
  }

  static TaskFacts readCopy() {
    return new TaskFacts(ResultCopyProcess.KEY, ResultCopyProcess.READ_COPY, Set.of(), Set.of(),
        "guangzhou-leader", false, false, false);
  }

  @Test
  void aCandidateMayDelegateTransferAndCopyButReturnOnlyWhereTheModelHasAWayBack() {
    assertThat(OperationRules.check(Operation.DELEGATE, submit(null, false), STAFF)).isEmpty();
    assertThat(OperationRules.check(Operation.TRANSFER, submit(null, false), STAFF)).isEmpty();
    assertThat(OperationRules.check(Operation.COPY, submit(null, false), STAFF)).isEmpty();
    assertThat(refusal(Operation.RETURN, submit(null, false), STAFF)).isEqualTo(new Refusal(409, "该任务没有退回环节，不能退回"));
    assertThat(OperationRules.check(Operation.RETURN, approve(), LEADER)).isEmpty();
    assertThat(OperationRules.check(Operation.RETURN, receive(), OFFICE)).isEmpty();
  }

  @Test
  void someoneOutsideTheTasksGroupsIsRefusedEveryWorkOperation() {
    for (Operation operation : List.of(Operation.DELEGATE, Operation.TRANSFER, Operation.COPY, Operation.RETURN)) {
      assertThat(refusal(operation, submit(null, false), OTHER_CITY).status()).as(operation.name()).isEqualTo(403);
      assertThat(refusal(operation, approve(), STAFF).status()).as("staff on the leaders' task").isEqualTo(403);
    }
  }

  @Test
  void aTaskClaimedByAnotherIsTheirsAndADelegatedTaskCannotBeHandedOn() {
    assertThat(refusal(Operation.TRANSFER, submit("guangzhou-leader", false), STAFF))
        .isEqualTo(new Refusal(409, "该任务已由其他人员认领办理，不能转办"));
    assertThat(OperationRules.check(Operation.TRANSFER, submit("guangzhou-staff", false), STAFF)).isEmpty();
    Refusal delegated = refusal(Operation.DELEGATE, submit("guangzhou-leader", true), LEADER);
    assertThat(delegated.status()).isEqualTo(409);
    assertThat(delegated.message()).contains("委派给您办理").endsWith("不能再委派");
    // The owner of a delegated task waits for it to come back.
    assertThat(refusal(Operation.TRANSFER, submit("guangzhou-leader", true), STAFF))
        .isEqualTo(new Refusal(409, "该任务已委派他人办理，待其提交后交回委派人，暂不能转办"));
    assertThat(refusal(Operation.TRANSFER, submit("guangzhou-leader", true), OTHER_CITY).status()).isEqualTo(403);
  }

  @Test
  void onlyTheOfficeUrgesAndOnlyAnotherUnitsWork() {
    assertThat(OperationRules.check(Operation.URGE, submit(null, false), OFFICE)).isEmpty();
    assertThat(OperationRules.check(Operation.URGE, submit("guangzhou-staff", false), OFFICE)).isEmpty();
    assertThat(refusal(Operation.URGE, submit(null, false), STAFF)).isEqualTo(new Refusal(403, "只有办公室可以催办"));
    assertThat(refusal(Operation.URGE, receive(), OFFICE)).isEqualTo(new Refusal(409, "只能催办其他单位的待办任务"));
    assertThat(refusal(Operation.URGE, readCopy(), OFFICE).status()).isEqualTo(409);
    assertThat(OperationRules.urgedByModel(submit(null, false))).isTrue();
    assertThat(OperationRules.urgedByModel(approve())).isTrue();
    assertThat(OperationRules.urgedByModel(receive())).isFalse();
  }

  @Test
  void aCopyIsTheRecipientsAloneAndASuspendedTaskWaits() {
    for (Operation operation : List.of(Operation.DELEGATE, Operation.TRANSFER)) {
      assertThat(refusal(operation, readCopy(), LEADER).status()).isEqualTo(409);
    }
    assertThat(refusal(Operation.COPY, readCopy(), LEADER).message()).isEqualTo("该任务没有可抄送的材料或结果");
    assertThat(refusal(Operation.RETURN, readCopy(), LEADER).status()).isEqualTo(409);
    TaskFacts suspended = new TaskFacts(UnitSubmissionProcess.KEY, UnitSubmissionProcess.SUBMIT_PACKAGE,
        Set.of("unit-guangzhou"), Set.of(), null, false, true, true);
    assertThat(refusal(Operation.DELEGATE, suspended, STAFF).message()).isEqualTo("该任务已暂停，暂不能委派");
    assertThat(refusal(Operation.URGE, suspended, OFFICE).status()).isEqualTo(409);
  }

  @Test
  void theCopyingUnitIsTheUnitOfTheUsersCandidateGroup() {
    assertThat(OperationRules.copyingUnit(submit(null, false), STAFF, "office-unit")).contains("guangzhou");
    assertThat(OperationRules.copyingUnit(approve(), LEADER, "office-unit")).contains("guangzhou");
    assertThat(OperationRules.copyingUnit(receive(), OFFICE, "office-unit")).contains("office-unit");
    assertThat(OperationRules.copyingUnit(submit(null, false), OTHER_CITY, "office-unit")).isEmpty();
    TaskFacts secretaries = new TaskFacts(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.APPROVE_RESULTS,
        Set.of("secretaries"), Set.of(), null, false, false, true);
    assertThat(OperationRules.copyingUnit(secretaries, new Actor("secretary", Set.of("secretaries")), "x")).isEmpty();
    assertThat(OperationRules.unitOf("unit-a-b-leaders")).contains("a-b");
    assertThat(OperationRules.unitOf("unit-")).isEmpty();
    assertThat(OperationRules.unitOf("office")).isEmpty();
  }

  @Test
  void commentsArePlainTextWithinTheLimit() {
    assertThat(OperationRules.comment("  请补充\u0000附表3\n第二行\t \u0007", true, "必填")).isEqualTo("请补充附表3\n第二行");
    assertThat(OperationRules.comment("   ", false, null)).isNull();
    assertThat(OperationRules.comment(null, false, null)).isNull();
    assertThatThrownBy(() -> OperationRules.comment(" \n ", true, "请填写退回意见"))
        .isInstanceOf(OperationException.class).hasMessage("请填写退回意见")
        .satisfies(e -> assertThat(((OperationException) e).status).isEqualTo(400));
    String max = "字".repeat(OperationRules.MAX_COMMENT);
    assertThat(OperationRules.comment(max, true, "")).isEqualTo(max);
    // Counted in characters: 500 characters outside the BMP are 1000 UTF-16 units and still allowed.
    String wide = "𠀀".repeat(OperationRules.MAX_COMMENT);
    assertThat(OperationRules.comment(wide, true, "")).isEqualTo(wide);
    assertThatThrownBy(() -> OperationRules.comment(max + "多", true, ""))
        .hasMessage("意见最多 500 字，现有 501 字");
  }

  @Test
  void aChosenPersonMustBeOneOfThoseOffered() {
    OperationRules.checkChosen("guangzhou-leader", List.of("guangzhou-leader"), "委派");
    assertThatThrownBy(() -> OperationRules.checkChosen("shenzhen-staff", List.of("guangzhou-leader"), "委派"))
        .hasMessage("所选人员不是本任务办理单位的人员，不能委派给该人员");
    assertThatThrownBy(() -> OperationRules.checkChosen(" ", List.of("guangzhou-leader"), "转办"))
        .hasMessage("请选择转办的人员");
  }

  @Test
  void everyApprovalTaskWithAReturnFlowIsKnownByItsVariables() {
    assertThat(ReturnPath.of(UnitSubmissionProcess.KEY, UnitSubmissionProcess.APPROVE_PACKAGE))
        .map(p -> p.decision() + "/" + p.comment()).contains("packageApproved/approvalComment");
    assertThat(ReturnPath.of(UnitSubmissionProcess.KEY, UnitSubmissionProcess.RECEIVE_PACKAGE))
        .map(p -> p.decision() + "/" + p.comment()).contains("packageAccepted/receiptComment");
    assertThat(ReturnPath.of(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.APPROVE_NOTICE))
        .map(p -> p.decision() + "/" + p.comment()).contains("noticeApproved/noticeComment");
    assertThat(ReturnPath.of(AnnualAssessmentProcess.KEY, AnnualAssessmentProcess.APPROVE_RESULTS))
        .map(p -> p.decision() + "/" + p.comment()).contains("resultsApproved/resultsComment");
    assertThat(ReturnPath.of(UnitSubmissionProcess.KEY, UnitSubmissionProcess.SUBMIT_PACKAGE)).isEmpty();
    assertThat(ReturnPath.ALL.get(1).historyComment("请补充")).isEqualTo("退回补充：请补充");
  }

  /** The models and ReturnPath agree: the listener sits on exactly the approval tasks ReturnPath knows. */
  @Test
  void theReturnCommentListenerSitsOnEveryApprovalTaskWithAReturnFlow() throws Exception {
    java.util.Set<String> listened = new java.util.TreeSet<>();
    for (String model : List.of(UnitSubmissionProcess.KEY, AnnualAssessmentProcess.KEY, "area-review",
        ResultCopyProcess.KEY)) {
      try (var in = getClass().getResourceAsStream("/processes/" + model + ".bpmn")) {
        var instance = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in);
        for (var task : instance.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
          var extensions = task.getExtensionElements();
          if (extensions != null && extensions.getElementsQuery()
              .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class).list().stream()
              .anyMatch(l -> "${returnComment}".equals(l.getCamundaDelegateExpression())
                  && "complete".equals(l.getCamundaEvent()))) {
            listened.add(model + "/" + task.getId());
          }
        }
      }
    }
    assertThat(listened).containsExactlyInAnyOrderElementsOf(
        ReturnPath.ALL.stream().map(p -> p.processKey() + "/" + p.taskKey()).toList());
  }

  private static Refusal refusal(Operation operation, TaskFacts task, Actor actor) {
    Optional<Refusal> refusal = OperationRules.check(operation, task, actor);
    assertThat(refusal).as(operation + " should be refused").isPresent();
    return refusal.get();
  }
}
