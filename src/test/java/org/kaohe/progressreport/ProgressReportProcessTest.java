package org.kaohe.progressreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.kaohe.progressreport.ProgressReportProcess.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/progress-report.bpmn}: a department's report on a month, reminded before the due
 * date, refused while incomplete and recorded once complete. The Spring beans are stand-ins that record their calls.
 */
@Deployment(resources = "processes/progress-report.bpmn")
class ProgressReportProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private final List<String> calls = new ArrayList<>();
  private final Date due = Date.from(Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
  private final Date reminder = Date.from(due.toInstant().minus(2, ChronoUnit.DAYS));

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("startProgressReport", (ExecutionListener) execution -> {
      calls.add("start:" + execution.getVariable(UNIT_CODE));
      execution.setVariable(UNIT_GROUP, "unit-" + execution.getVariable(UNIT_CODE));
      execution.setVariable(SUBMISSION_STATUS, FILLING);
    });
    Mocks.register("progressReportValidator", (TaskListener) task -> {
      if (task.getVariable(REPORT) == null) {
        throw new BadUserRequestException("推进情况未能报送：第1项的本月推进情况未填写");
      }
    });
    Mocks.register("sendProgressReminder", (JavaDelegate) execution -> calls.add("remind"));
    Mocks.register("recordProgressReport", (JavaDelegate) execution -> {
      calls.add("record:" + execution.getVariable(REPORT));
      execution.setVariable(SUBMISSION_STATUS, SUBMITTED);
    });
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(KEY, businessKey(2026, 5, "publicity"), Map.of(
        YEAR, 2026, MONTH, 5, UNIT_CODE, "publicity", ROUND_NAME, "2026年5月重点工作推进", DUE_DATE, due,
        REMINDER_DATE, reminder));
  }

  @Test
  void theDepartmentIsRemindedBeforeTheDueDateAndItsTaskStaysOpen() {
    ProcessInstance instance = start();
    assertThat(instance).hasBusinessKey("progress:2026-05:publicity").isWaitingAt(REPORT_PROGRESS);
    assertThat(task(instance)).hasCandidateGroup("unit-publicity").hasDueDate(due);
    var timer = managementService().createJobQuery().activityId(REPORT_REMINDER).singleResult();
    assertThat(timer.getDuedate()).isEqualTo(reminder);

    managementService().executeJob(timer.getId());

    assertThat(calls).containsExactly("start:publicity", "remind");
    assertThat(instance).hasPassed(SEND_REMINDER, "EndEvent_Reminded").isWaitingAt(REPORT_PROGRESS);
  }

  @Test
  void anIncompleteReportIsRefusedAndTheTaskKeepsWhatWasTyped() {
    ProcessInstance instance = start();
    String taskId = task(instance).getId();
    taskService().setVariable(taskId, "draftNote", "已填写的内容");
    assertThatThrownBy(() -> taskService().complete(taskId)).hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("未填写");
    assertThat(instance).isWaitingAt(REPORT_PROGRESS);
    assertThat(runtimeService().getVariable(instance.getId(), "draftNote")).isEqualTo("已填写的内容");
  }

  @Test
  void aCompleteReportIsRecordedAndTheReminderIsCancelled() {
    ProcessInstance instance = start();
    taskService().complete(task(instance).getId(), withVariables(REPORT, "[{\"number\":1}]"));
    assertThat(calls).containsExactly("start:publicity", "record:[{\"number\":1}]");
    assertThat(instance).hasPassed(RECORD_REPORT, "EndEvent_Reported").isEnded();
    assertThat(managementService().createJobQuery().count()).isZero();
  }
}
