package org.kaohe.review;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;
import static org.kaohe.review.AreaReviewProcess.*;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
 * Engine test of {@code processes/area-review.bpmn}: the lead department's review with its return and refresh
 * loops, one opinion task per cooperating department, and the terminate end. Stand-ins for the beans set the
 * variables the real ones set and record their calls.
 */
@Deployment(resources = "processes/area-review.bpmn")
class AreaReviewProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private static final String ROUND = "round-1";
  private static final String AREA = "organisation";
  private static final Date REVIEW_DUE =
      Date.from(ZonedDateTime.of(2018, 1, 10, 23, 59, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());

  private final List<String> calls = new ArrayList<>();
  /** The cooperating departments' groups that catalogueAreas returns for the area. */
  private List<String> cooperatingGroups = List.of("unit-propaganda", "unit-grassroots");

  /** The bean catalogueAreas: the collection comes from a method, not from a stored list. */
  public class CatalogueAreasStandIn {
    public List<String> cooperatingGroups(DelegateExecution execution) {
      calls.add("cooperatingGroups:" + execution.getVariable(AREA_CODE));
      return cooperatingGroups;
    }
  }

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("catalogueAreas", new CatalogueAreasStandIn());
    Mocks.register("prepareAreaReview", (JavaDelegate) execution -> {
      calls.add("prepareAreaReview");
      execution.setVariable(AREA_NAME, "基层组织建设");
      execution.setVariable(LEAD_DEPARTMENT, "organisation-dept");
      execution.setVariable(LEAD_DEPARTMENT_NAME, "组织部");
      execution.setVariable(LEAD_DEPARTMENT_GROUP, "unit-organisation-dept");
      execution.setVariable(AREA_REVIEW, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"grade\":\"\",\"score\":null,"
          + "\"comment\":\"\"}]}"));
      execution.setVariable(OPINIONS, JSON("{}"));
    });
    Mocks.register("prepareOpinions", (TaskListener) task -> {
      calls.add("prepareOpinions:" + task.getVariable(COOPERATING_GROUP));
      task.getExecution().setVariableLocal(AREA_OPINIONS, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"opinion\":\"\"}]}"));
    });
    Mocks.register("recordOpinions", (TaskListener) this::recordOpinions);
    Mocks.register("refreshReviewUnits", (TaskListener) task -> {
      calls.add("refreshReviewUnits");
      task.setVariable(REVIEW_UNITS, JSON("[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
          + "\"status\":\"submitted\",\"late\":false}]"));
    });
    Mocks.register("areaReviewValidator", (TaskListener) this::validateAreaReview);
    Mocks.register("returnPackagesForCompletion", (JavaDelegate) execution ->
        calls.add("returnPackagesForCompletion:" + execution.getVariable(REVIEW_RETURNS)));
    Mocks.register("recordAreaReview", (JavaDelegate) execution -> calls.add("recordAreaReview"));
  }

  /** Stand-in of recordOpinions: merges the task's local opinions into the process's, by department group. */
  private void recordOpinions(DelegateTask task) {
    String group = (String) task.getVariable(COOPERATING_GROUP);
    SpinJsonNode local = (SpinJsonNode) task.getExecution().getVariableLocal(AREA_OPINIONS);
    calls.add("recordOpinions:" + group);
    SpinJsonNode opinions = (SpinJsonNode) task.getVariable(OPINIONS);
    opinions.prop(group, JSON("{\"units\":{\"guangzhou\":\"" + local.prop("units").elements().get(0).prop("opinion")
        .stringValue() + "\"}}"));
    task.setVariable(OPINIONS, opinions);
  }

  /** Stand-in of the validator: finish needs every unit scored, as the real one demands. */
  private void validateAreaReview(DelegateTask task) {
    calls.add("areaReviewValidator:" + task.getVariable(REVIEW_ACTION));
    SpinJsonNode review = (SpinJsonNode) task.getVariable(AREA_REVIEW);
    if (FINISH.equals(task.getVariable(REVIEW_ACTION))
        && review.prop("units").elements().stream().anyMatch(unit -> !unit.prop("score").isNumber())) {
      throw new ProcessEngineException("请为每个单位评分");
    }
  }

  @AfterEach
  void resetBeanStandIns() {
    Mocks.reset();
  }

  @Test
  void theLeadDepartmentReviewsAndEachCooperatingDepartmentGetsItsOwnOpinionTask() {
    ProcessInstance review = start();

    assertThat(review).hasPassed(START, PREPARE_AREA_REVIEW, REVIEW_FORK).isWaitingAt(REVIEW_AREA, GIVE_OPINIONS);
    assertThat(task(REVIEW_AREA)).hasName("评价本项目").hasCandidateGroup("unit-organisation-dept")
        .hasDueDate(REVIEW_DUE).hasFormKey("embedded:deployment:review-area.html");
    List<Task> opinionTasks = opinionTasks(review);
    Assertions.assertThat(opinionTasks).hasSize(2);
    for (Task opinionTask : opinionTasks) {
      assertThat(opinionTask).hasName("提出配合意见").hasDueDate(REVIEW_DUE)
          .hasFormKey("embedded:deployment:give-opinions.html");
    }
    Assertions.assertThat(opinionTasks).extracting(AreaReviewProcessTest::candidateGroup)
        .containsExactlyInAnyOrder("unit-propaganda", "unit-grassroots");
    // Each opinion task's draft is local to its execution, never a process variable.
    Assertions.assertThat(runtimeService().getVariable(review.getId(), AREA_OPINIONS)).isNull();
    for (Task opinionTask : opinionTasks) {
      Assertions.assertThat(runtimeService().getVariableLocal(opinionTask.getExecutionId(), AREA_OPINIONS)).isNotNull();
    }
    // The engine evaluates a parallel multi-instance collection more than once (size, then elements): the bean
    // must give the same list each time.
    Assertions.assertThat(calls).contains("cooperatingGroups:organisation");
    Assertions.assertThat(calls.stream().filter(call -> !call.startsWith("cooperatingGroups")).toList())
        .containsExactlyInAnyOrder("prepareAreaReview", "prepareOpinions:unit-propaganda",
            "prepareOpinions:unit-grassroots", "refreshReviewUnits");
    Assertions.assertThat(runtimeService().getVariable(review.getId(), REVIEW_UNITS)).isNotNull();
  }

  @Test
  void opinionsOfOneDepartmentDoNotTouchAnotherAndTheBranchEndsWhenAllAreGiven() {
    ProcessInstance review = start();
    Task propaganda = opinionTask(review, "unit-propaganda");
    Task grassroots = opinionTask(review, "unit-grassroots");

    // As the form submits it: the variable exists locally on the task's execution (create listener), so the
    // completion updates that local variable and not a process variable shared by all departments.
    taskService().complete(propaganda.getId(), Map.of(AREA_OPINIONS, JSON("{\"units\":[{\"unitCode\":\"guangzhou\","
        + "\"opinion\":\"宣传工作突出\"}]}")));

    Assertions.assertThat(opinions(review).prop("unit-propaganda").prop("units").prop("guangzhou").stringValue())
        .isEqualTo("宣传工作突出");
    Assertions.assertThat(opinions(review).hasProp("unit-grassroots")).isFalse();
    Assertions.assertThat(((SpinJsonNode) runtimeService().getVariableLocal(grassroots.getExecutionId(), AREA_OPINIONS))
        .prop("units").elements().get(0).prop("opinion").stringValue()).isEmpty();
    assertThat(review).hasNotPassed(OPINIONS_GIVEN).isWaitingAt(GIVE_OPINIONS, REVIEW_AREA);

    Assertions.assertThat(runtimeService().getVariable(review.getId(), AREA_OPINIONS)).isNull();

    taskService().complete(grassroots.getId());

    assertThat(review).hasPassed(GIVE_OPINIONS, OPINIONS_GIVEN).isWaitingAt(REVIEW_AREA).isNotWaitingAt(GIVE_OPINIONS);
    Assertions.assertThat(opinions(review).hasProp("unit-grassroots")).isTrue();
  }

  @Test
  void returningPackagesAndRefreshingComeBackToTheLeadDepartmentWithFreshUnits() {
    ProcessInstance review = start();
    String firstTaskId = task(REVIEW_AREA).getId();

    complete(task(REVIEW_AREA), withVariables(REVIEW_ACTION, RETURN, REVIEW_RETURNS,
        JSON("[{\"unitCode\":\"guangzhou\",\"comment\":\"请补充数据\"}]")));

    assertThat(review).hasPassed(RETURN_PACKAGES).hasNotPassed(RECORD_AREA_REVIEW).isWaitingAt(REVIEW_AREA);
    Assertions.assertThat(task(REVIEW_AREA).getId()).isNotEqualTo(firstTaskId);
    assertThat(task(REVIEW_AREA)).hasCandidateGroup("unit-organisation-dept").hasDueDate(REVIEW_DUE);

    complete(task(REVIEW_AREA), withVariables(REVIEW_ACTION, REFRESH));

    assertThat(review).isWaitingAt(REVIEW_AREA).hasNotPassed(RECORD_AREA_REVIEW);
    Assertions.assertThat(calls.stream().filter(call -> !call.startsWith("prepareOpinions")
        && !call.startsWith("cooperatingGroups")).toList()).containsExactly("prepareAreaReview", "refreshReviewUnits",
        "areaReviewValidator:return", "returnPackagesForCompletion:[{\"unitCode\":\"guangzhou\",\"comment\":\"请补充数据\"}]",
        "refreshReviewUnits", "areaReviewValidator:refresh", "refreshReviewUnits");
    // The opinion tasks were not touched by the loops.
    Assertions.assertThat(opinionTasks(review)).hasSize(2);
  }

  @Test
  void anUnscoredReviewCannotBeFinished() {
    ProcessInstance review = start();
    Task reviewTask = task(REVIEW_AREA);

    Assertions.assertThatThrownBy(() -> complete(reviewTask, withVariables(REVIEW_ACTION, FINISH)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请为每个单位评分");

    assertThat(review).isWaitingAt(REVIEW_AREA).hasNotPassed(RECORD_AREA_REVIEW);
    assertThat(task(REVIEW_AREA)).hasId(reviewTask.getId());
  }

  @Test
  void finishingRecordsTheReviewAndTheTerminateEndCancelsOpenOpinionTasks() {
    ProcessInstance review = start();
    taskService().complete(opinionTask(review, "unit-propaganda").getId());

    complete(task(REVIEW_AREA), withVariables(REVIEW_ACTION, FINISH, AREA_REVIEW, JSON("{\"units\":[{\"unitCode\":"
        + "\"guangzhou\",\"grade\":\"good\",\"score\":92.5,\"comment\":\"成效明显\"}]}")));

    // Reaching the terminate end interrupts the process at once (Camunda's start behaviour of a terminate end):
    // the open opinion task is cancelled in the lead department's transaction. The end itself is asynchronous,
    // so the instance ends - and the round's multi-instance parent is updated - in a job that retries.
    assertThat(review).hasPassed(RECORD_AREA_REVIEW).hasNotPassed(AREA_REVIEWED, OPINIONS_GIVEN).isNotEnded();
    Assertions.assertThat(calls).contains("recordAreaReview");
    Assertions.assertThat(opinionTasks(review)).isEmpty();
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(review.getId())
        .taskDefinitionKey(GIVE_OPINIONS).taskDeleteReason("deleted").count()).isEqualTo(1);

    execute(job(AREA_REVIEWED));

    assertThat(review).isEnded().hasPassed(AREA_REVIEWED).hasNotPassed(OPINIONS_GIVEN);
    Assertions.assertThat(taskQuery().processInstanceId(review.getId()).count()).isZero();
  }

  @Test
  void anAreaWithoutCooperatingDepartmentsHasOnlyTheLeadReview() {
    cooperatingGroups = List.of();
    ProcessInstance review = start();

    assertThat(review).hasPassed(OPINIONS_GIVEN).isWaitingAt(REVIEW_AREA).isNotWaitingAt(GIVE_OPINIONS);
    Assertions.assertThat(taskQuery().processInstanceId(review.getId()).list()).extracting(Task::getTaskDefinitionKey)
        .containsExactly(REVIEW_AREA);
  }

  private ProcessInstance start() {
    ProcessInstance review = runtimeService().startProcessInstanceByKey(KEY, businessKey(ROUND, AREA),
        Map.of(ROUND_ID, ROUND, AREA_CODE, AREA, REVIEW_DUE_DATE, REVIEW_DUE, YEAR, 2017L));
    assertThat(review).isStarted(); // task() and job() refer to the last instance asserted on
    return review;
  }

  private static List<Task> opinionTasks(ProcessInstance review) {
    return taskQuery().processInstanceId(review.getId()).taskDefinitionKey(GIVE_OPINIONS).list();
  }

  private static Task opinionTask(ProcessInstance review, String group) {
    return taskQuery().processInstanceId(review.getId()).taskDefinitionKey(GIVE_OPINIONS).taskCandidateGroup(group)
        .singleResult();
  }

  private static String candidateGroup(Task task) {
    return taskService().getIdentityLinksForTask(task.getId()).stream().map(link -> link.getGroupId())
        .filter(group -> group != null).findFirst().orElseThrow();
  }

  private static SpinJsonNode opinions(ProcessInstance review) {
    return (SpinJsonNode) runtimeService().getVariable(review.getId(), OPINIONS);
  }
}
