package org.kaohe.stationing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/stationing-report.bpmn}: a department's report on one city for May 2026, filed on
 * time, refused while invalid, reminded and filed after the month's end. The beans are stand-ins that record calls.
 */
@Deployment(resources = "processes/stationing-report.bpmn")
class StationingReportProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private final StationingCalendar calendar = new StationingCalendar(ZoneId.of("Asia/Shanghai"));
  private final Date due = calendar.monthDue(2026, 5);
  private final Date reminder = calendar.monthReminder(2026, 5, 5);
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("stationingReportValidator", (TaskListener) this::validate);
    Mocks.register("recordStationingReport", (JavaDelegate) execution -> {
      calls.add("recordStationingReport:" + execution.getVariable(StationingReportProcess.LATE));
      execution.setVariable(StationingReportProcess.SUBMISSION_STATUS, "已报送");
    });
    Mocks.register("sendStationingReportReminder", (JavaDelegate) execution -> calls.add("sendReminder"));
    Mocks.register("markStationingReportLate", (JavaDelegate) execution -> {
      calls.add("markLate");
      execution.setVariable(StationingReportProcess.LATE, true);
      execution.setVariable(StationingReportProcess.SUBMISSION_STATUS, "已逾期");
    });
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  /** Stand-in of the validator: refuses a report without counties, as the real one does (StationingReportRules). */
  private void validate(DelegateTask task) {
    calls.add("validate");
    SpinJsonNode report = (SpinJsonNode) task.getVariable(StationingReportProcess.REPORT);
    if (report == null || !report.hasProp("counties")) {
      throw new ProcessEngineException("请至少填写一个县（市、区）的推动情况");
    }
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(StationingReportProcess.KEY,
        StationingReportProcess.businessKey(2026, 5, "publicity", "guangzhou"), Map.of(
            StationingReportProcess.YEAR, 2026, StationingReportProcess.MONTH, 5,
            StationingReportProcess.CITY, "guangzhou", StationingReportProcess.UNIT_CODE, "publicity",
            StationingReportProcess.UNIT_GROUP, "unit-publicity",
            StationingReportProcess.ROUND_NAME, StationingReportProcess.roundName(2026, 5, "广州市"),
            StationingReportProcess.SUBMISSION_STATUS, "填报中",
            StationingReportProcess.DUE_DATE, due, StationingReportProcess.REMINDER_DATE, reminder,
            StationingReportProcess.LATE, false));
  }

  private static Map<String, Date> timers(ProcessInstance instance) {
    return jobQuery().processInstanceId(instance.getId()).timers().list().stream()
        .collect(Collectors.toMap(j -> activity(j), Job::getDuedate));
  }

  private static String activity(Job job) {
    return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService().createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
  }

  private static Object status(ProcessInstance instance) {
    return runtimeService().getVariable(instance.getId(), StationingReportProcess.SUBMISSION_STATUS);
  }

  @Test
  void theDepartmentFilesItsReportBeforeTheMonthsEnd() {
    ProcessInstance report = start();

    assertThat(report).isWaitingAt(StationingReportProcess.FILE_REPORT);
    assertThat(task()).hasName("填报驻点月报").hasCandidateGroup("unit-publicity")
        .hasFormKey("embedded:deployment:file-stationing-report.html").hasDueDate(due);
    Assertions.assertThat(task().getFollowUpDate()).hasSameTimeAs(reminder);
    Assertions.assertThat(timers(report)).containsOnly(Map.entry(StationingReportProcess.REMINDER, reminder),
        Map.entry(StationingReportProcess.DEADLINE, due));
    Assertions.assertThat(StationingReportProcess.roundName(2026, 5, "广州市")).isEqualTo("2026年5月驻点月报（广州市）");

    complete(task(), withVariables(StationingReportProcess.REPORT, JSON(StationingReportRulesTest.VALID)));

    assertThat(report).isEnded().hasPassed(StationingReportProcess.RECORD_REPORT, StationingReportProcess.REPORT_FILED)
        .hasNotPassed(StationingReportProcess.SEND_REMINDER, StationingReportProcess.MARK_LATE);
    Assertions.assertThat(calls).containsExactly("validate", "recordStationingReport:false");
  }

  @Test
  void anInvalidReportIsRefusedAndTheTaskStaysOpenWithTheDraft() {
    ProcessInstance report = start();

    Assertions.assertThatThrownBy(() -> complete(task(report), withVariables(StationingReportProcess.REPORT,
        JSON("{\"cadreInCharge\": \"张三\"}")))).hasMessageContaining("请至少填写一个县");

    assertThat(report).isWaitingAt(StationingReportProcess.FILE_REPORT);
    Assertions.assertThat(calls).containsExactly("validate");
  }

  @Test
  void aRemindedReportFiledAfterTheMonthsEndIsRecordedLate() {
    ProcessInstance report = start();

    execute(job(StationingReportProcess.REMINDER, report));
    assertThat(report).isWaitingAt(StationingReportProcess.FILE_REPORT)
        .hasPassed(StationingReportProcess.SEND_REMINDER, "EndEvent_StationingReportReminded");
    execute(job(StationingReportProcess.DEADLINE, report));

    assertThat(report).isWaitingAt(StationingReportProcess.FILE_REPORT)
        .hasPassed(StationingReportProcess.MARK_LATE, "EndEvent_StationingReportLate");
    Assertions.assertThat(status(report)).isEqualTo("已逾期");
    Assertions.assertThat(timers(report)).isEmpty();

    complete(task(), withVariables(StationingReportProcess.REPORT, JSON(StationingReportRulesTest.VALID)));

    assertThat(report).isEnded().hasPassed(StationingReportProcess.REPORT_FILED);
    Assertions.assertThat(calls).containsExactly("sendReminder", "markLate", "validate", "recordStationingReport:true");
  }
}
