package org.kaohe.stationing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * Engine test of {@code processes/stationing.bpmn}: a stationing year April..November 2026 with its months, the
 * city plans, the December filings and the cadres' check. The real calendar computes the timers; the service tasks
 * are stand-ins that record their calls (what they do is tested in StationingYearIT).
 */
@Deployment(resources = "processes/stationing.bpmn")
class StationingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private final StationingCalendar calendar = new StationingCalendar(ZoneId.of("Asia/Shanghai"));
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("stationingCalendar", calendar);
    // Stand-in of the start listener: the year's configuration as guangdong.yaml has it; a second 2026 is refused.
    Mocks.register("stationingYearStarted", (ExecutionListener) execution -> {
      int year = StationingDelegates.year(execution.getVariable(StationingProcess.YEAR));
      if (runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(StationingProcess.businessKey(year))
          .count() > 0) {
        throw new BadUserRequestException(year + "年驻点工作已经开始，不能重复开始");
      }
      execution.setProcessBusinessKey(StationingProcess.businessKey(year));
      execution.setVariable(StationingProcess.YEAR, year);
      execution.setVariable(StationingProcess.FIRST_MONTH, 4);
      execution.setVariable(StationingProcess.LAST_MONTH, 11);
      execution.setVariable(StationingProcess.UNIT_GROUP, "unit-grassroots");
    });
    for (String bean : List.of("openStationingMonth", "checkStationingDays")) {
      Mocks.register(bean, (JavaDelegate) execution -> calls.add(bean + ":" + execution.getVariable("month")));
    }
    for (String bean : List.of("openCityPlans", "openDecemberFilings", "checkCadreDays")) {
      Mocks.register(bean, (JavaDelegate) execution -> calls.add(bean));
    }
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  private static Map<String, Object> year(Object year) {
    return Map.of(StationingProcess.YEAR, year);
  }

  private static List<Job> timers(ProcessInstance instance, String activityId) {
    String definition = managementService().createJobDefinitionQuery().activityIdIn(activityId).singleResult().getId();
    return jobQuery().processInstanceId(instance.getId()).jobDefinitionId(definition).orderByJobDuedate().asc().list();
  }

  @Test
  void aYearRunsItsMonthsTheCityPlansTheDecemberFilingsAndTheCadresCheck() {
    ProcessInstance year = runtimeService().startProcessInstanceByKey(StationingProcess.KEY, year("2026"));

    Assertions.assertThat(year.getBusinessKey()).isEqualTo("stationing:2026");
    assertThat(year).hasPassed(StationingProcess.OPEN_CITY_PLANS)
        .isWaitingAt(StationingProcess.MONTH_OPENS, StationingProcess.DECEMBER_OPENS, StationingProcess.YEAR_ENDS);
    Assertions.assertThat(calls).containsExactly("openCityPlans");
    List<Job> opens = timers(year, StationingProcess.MONTH_OPENS);
    Assertions.assertThat(opens).extracting(Job::getDuedate).containsExactly(
        calendar.monthOpens(2026, 4), calendar.monthOpens(2026, 5), calendar.monthOpens(2026, 6),
        calendar.monthOpens(2026, 7), calendar.monthOpens(2026, 8), calendar.monthOpens(2026, 9),
        calendar.monthOpens(2026, 10), calendar.monthOpens(2026, 11));
    Assertions.assertThat(opens.get(0).getDuedate()).isEqualTo(Date.from(java.time.Instant.parse("2026-03-31T16:00:00Z")));
    Assertions.assertThat(timers(year, StationingProcess.DECEMBER_OPENS)).extracting(Job::getDuedate)
        .containsExactly(Date.from(java.time.Instant.parse("2026-11-30T16:00:00Z")));
    // After November's end, as November's own check.
    Assertions.assertThat(timers(year, StationingProcess.YEAR_ENDS)).extracting(Job::getDuedate)
        .containsExactly(calendar.monthEnds(2026, 11));

    // April opens, ends, is checked and compiled.
    execute(opens.get(0));
    Assertions.assertThat(calls).endsWith("openStationingMonth:4");
    List<Job> ends = timers(year, StationingProcess.MONTH_ENDS);
    Assertions.assertThat(ends).extracting(Job::getDuedate).containsExactly(
        Date.from(java.time.Instant.parse("2026-04-30T16:00:00Z")));
    execute(ends.get(0));
    Assertions.assertThat(calls).endsWith("checkStationingDays:4");
    Task april = taskQuery().processInstanceId(year.getId()).singleResult();
    assertThat(april).hasName("汇总4月驻点月报").hasCandidateGroup("unit-grassroots")
        .hasFormKey("embedded:deployment:compile-stationing-reports.html").hasDueDate(calendar.compileDue(2026, 4));
    complete(april, withVariables(StationingProcess.COMPILED, true));

    // The other months, in order.
    for (int month = 5; month <= 11; month++) {
      execute(timers(year, StationingProcess.MONTH_OPENS).get(0));
      execute(timers(year, StationingProcess.MONTH_ENDS).get(0));
      Task compile = taskQuery().processInstanceId(year.getId()).singleResult();
      assertThat(compile).hasName("汇总" + month + "月驻点月报");
      complete(compile, withVariables(StationingProcess.COMPILED, true));
    }
    assertThat(year).isWaitingAt(StationingProcess.DECEMBER_OPENS, StationingProcess.YEAR_ENDS);

    execute(timers(year, StationingProcess.YEAR_ENDS).get(0));
    execute(timers(year, StationingProcess.DECEMBER_OPENS).get(0));

    assertThat(year).isEnded().hasPassed(StationingProcess.CHECK_CADRE_DAYS, StationingProcess.OPEN_DECEMBER_FILINGS,
        StationingProcess.YEAR_DONE);
    Assertions.assertThat(calls).filteredOn(c -> c.startsWith("checkStationingDays")).hasSize(8);
    Assertions.assertThat(calls).endsWith("checkCadreDays", "openDecemberFilings");
  }

  @Test
  void aYearThatRunsAlreadyIsRefused() {
    runtimeService().startProcessInstanceByKey(StationingProcess.KEY, year(2026));

    Assertions.assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(StationingProcess.KEY, year(2026)))
        .hasMessageContaining("2026年驻点工作已经开始");
    Assertions.assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(StationingProcess.KEY, year("明年")))
        .hasMessageContaining("请填写驻点年度");
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(StationingProcess.KEY).count())
        .isEqualTo(1);
  }
}
