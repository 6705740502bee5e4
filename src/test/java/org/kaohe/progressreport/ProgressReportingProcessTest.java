package org.kaohe.progressreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.kaohe.progressreport.ProgressReportingProcess.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/progress-reporting.bpmn}: the catalogue drafted, returned and approved; months
 * opening in parallel, one where every department reports and one where the office follows up, waits once more and
 * compiles without the missing department; the month's report recompiled and approved. The department's report is the
 * stand-in {@code stubs/progress-report-stub.bpmn}; the Spring beans are stand-ins that record their calls.
 */
@Deployment(resources = {"processes/progress-reporting.bpmn", "stubs/progress-report-stub.bpmn"})
class ProgressReportingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private final List<String> calls = new ArrayList<>();
  private int firstMonth = 11;
  private int monthCount = 2;

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("startProgressReporting", (ExecutionListener) execution -> {
      execution.setProcessBusinessKey(businessKey(2026));
      execution.setVariable(OFFICE_LEADERS_GROUP, "unit-office-leaders");
    });
    Mocks.register("keyWorkValidator", (TaskListener) task -> calls.add("validate"));
    Mocks.register("storeKeyWork", (JavaDelegate) execution -> {
      calls.add("store");
      execution.setVariable(FIRST_MONTH, firstMonth);
      execution.setVariable(MONTH_COUNT, monthCount);
      execution.setVariable(FOLLOW_UP_DELAY, "P3D");
    });
    Mocks.register("computeMonthDates", (JavaDelegate) execution -> {
      int month = (Integer) execution.getVariable(FIRST_MONTH) + (Integer) execution.getVariable("loopCounter");
      Instant opens = Instant.now().plus(month, ChronoUnit.DAYS);
      execution.setVariableLocal(MONTH_NUMBER, month);
      execution.setVariableLocal(MONTH_KEY, "2026-" + month);
      execution.setVariableLocal(ROUND_NAME, "2026年" + month + "月重点工作推进");
      execution.setVariableLocal(OPENS_AT, Date.from(opens));
      execution.setVariableLocal(DUE_DATE, Date.from(opens.plus(14, ChronoUnit.DAYS)));
      execution.setVariableLocal(REMINDER_DATE, Date.from(opens.plus(12, ChronoUnit.DAYS)));
    });
    Mocks.register("openMonth", (JavaDelegate) execution -> {
      calls.add("open:" + execution.getVariable(MONTH_NUMBER));
      execution.setVariableLocal(DEPARTMENTS, "publicity,grassroots");
      execution.setVariableLocal(DEPARTMENT_COUNT, 2);
    });
    Mocks.register("remindMissingReports", (JavaDelegate) execution -> calls.add("remind:" + execution.getVariable(MONTH_NUMBER)));
    Mocks.register("compileMonthReport", (JavaDelegate) execution -> calls.add("compile:" + execution.getVariable(MONTH_NUMBER)));
    Mocks.register("recordMonthApproved", (JavaDelegate) execution -> calls.add("approved:" + execution.getVariable(MONTH_NUMBER)));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  private ProcessInstance startAndApproveCatalogue() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(KEY, withVariables(YEAR, 2026));
    assertThat(instance).isWaitingAt(DRAFT_KEY_WORK);
    assertThat(task()).hasCandidateGroup("office");
    complete(DRAFT_KEY_WORK, withVariables(KEY_WORK, "{}"));
    assertThat(instance).isWaitingAt(APPROVE_KEY_WORK);
    assertThat(task()).hasCandidateGroup("unit-office-leaders");
    complete(APPROVE_KEY_WORK, withVariables(KEY_WORK_APPROVED, true));
    return instance;
  }

  @Test
  void theCatalogueReturnedGoesBackToTheDraftAndTheMonthsOpenInParallelOnceApproved() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(KEY, withVariables(YEAR, 2026));
    assertThat(instance).hasBusinessKey("progress-reporting:2026");
    complete(DRAFT_KEY_WORK, withVariables(KEY_WORK, "{}"));
    complete(APPROVE_KEY_WORK, withVariables(KEY_WORK_APPROVED, false, KEY_WORK_COMMENT, "请补充责任部门"));
    assertThat(instance).isWaitingAt(DRAFT_KEY_WORK);
    complete(DRAFT_KEY_WORK, withVariables(KEY_WORK, "{}"));
    complete(APPROVE_KEY_WORK, withVariables(KEY_WORK_APPROVED, true));

    assertThat(calls).containsExactly("validate", "validate", "store");
    assertThat(instance).isWaitingAt(MONTH_OPENS);
    assertThat(timers(MONTH_OPENS)).hasSize(2);
  }

  @Test
  void aMonthWhereEveryDepartmentReportsIsCompiledRecompiledAndApproved() {
    monthCount = 1;
    ProcessInstance instance = startAndApproveCatalogue();
    managementService().executeJob(timers(MONTH_OPENS).get(0).getId());
    assertThat(calls).contains("open:11");

    List<ProcessInstance> reports = runtimeService().createProcessInstanceQuery()
        .processDefinitionKey(ProgressReportProcess.KEY).list();
    assertThat(reports).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder("progress:2026-11:publicity", "progress:2026-11:grassroots");
    for (ProcessInstance report : reports) {
      assertThat(runtimeService().getVariables(report.getId())).containsKeys("unitCode", "reportYear", "reportMonth",
          "roundName", "dueDate", "reminderDate").containsEntry("roundName", "2026年11月重点工作推进");
      taskService().complete(taskService().createTaskQuery().processInstanceId(report.getId()).singleResult().getId());
    }

    assertThat(instance).isWaitingAt(APPROVE_MONTH);
    assertThat(timers(REPORTS_DUE)).isEmpty();
    assertThat(task()).hasCandidateGroup("office");
    complete(APPROVE_MONTH, withVariables(MONTH_APPROVED, false));
    complete(APPROVE_MONTH, withVariables(MONTH_APPROVED, true));

    assertThat(calls).containsSubsequence("open:11", "compile:11", "compile:11", "approved:11");
    assertThat(calls).doesNotContain("remind:11");
    assertThat(instance).hasPassed("EndEvent_AllReported", RECORD_MONTH_APPROVED, "EndEvent_MonthDone").isEnded();
  }

  @Test
  void aMonthWithAMissingDepartmentIsRemindedFollowedUpAndCompiledWithoutIt() {
    firstMonth = 12;
    monthCount = 1;
    ProcessInstance instance = startAndApproveCatalogue();
    managementService().executeJob(timers(MONTH_OPENS).get(0).getId());
    ProcessInstance publicity = runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey("progress:2026-12:publicity").singleResult();
    taskService().complete(taskService().createTaskQuery().processInstanceId(publicity.getId()).singleResult().getId());

    managementService().executeJob(timers(REPORTS_DUE).get(0).getId());
    assertThat(instance).isWaitingAt(FOLLOW_UP);
    assertThat(task()).hasCandidateGroup("office");
    complete(FOLLOW_UP, withVariables(KEEP_WAITING, true));
    assertThat(timers(FOLLOW_UP_AGAIN)).hasSize(1);
    managementService().executeJob(timers(FOLLOW_UP_AGAIN).get(0).getId());
    assertThat(calls.stream().filter("remind:12"::equals)).hasSize(2);

    complete(FOLLOW_UP, withVariables(KEEP_WAITING, false));
    // The terminate end closes the collection, and with it the missing department's open report.
    assertThat(runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey("progress:2026-12:grassroots").count()).isZero();
    assertThat(instance).isWaitingAt(APPROVE_MONTH);
    complete(APPROVE_MONTH, withVariables(MONTH_APPROVED, true));
    assertThat(instance).hasPassed("EndEvent_StopWaiting", "EndEvent_MonthDone", YEAR_DONE).isEnded();
  }

  @Test
  void aCatalogueApprovedTooLateForAnyMonthEndsTheYear() {
    monthCount = 0;
    ProcessInstance instance = startAndApproveCatalogue();
    assertThat(instance).hasPassed(STORE_KEY_WORK, YEAR_DONE).isEnded();
  }

  private Task task() {
    return taskService().createTaskQuery().active().processDefinitionKey(KEY).list().get(0);
  }

  private void complete(String taskKey, java.util.Map<String, Object> variables) {
    Task task = taskService().createTaskQuery().processDefinitionKey(KEY).taskDefinitionKey(taskKey).list().get(0);
    taskService().complete(task.getId(), variables);
  }

  private List<Job> timers(String activityId) {
    return managementService().createJobQuery().activityId(activityId).timers().list();
  }
}
