package org.kaohe.stationing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
 * Engine test of {@code processes/stationing-filing.bpmn}: a city's plan, a department's project report through its
 * leaders, party-course materials, and a return by the receiving department.
 */
@Deployment(resources = "processes/stationing-filing.bpmn")
class StationingFilingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private final Date due = Date.from(Instant.parse("2026-05-10T15:59:59Z"));
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerBeanStandIns() {
    // The real validator's rules (StationingFilingRules) on the task's variable.
    Mocks.register("stationingFilingValidator", (TaskListener) task -> {
      SpinJsonNode filing = (SpinJsonNode) task.getVariable(StationingFilingProcess.FILING);
      List<String> problems = StationingFilingRules.problems((String) task.getVariable(StationingFilingProcess.KIND),
          filing == null ? null : tree(filing.toString()));
      calls.add("validate:" + problems.size());
      if (!problems.isEmpty()) {
        throw new ProcessEngineException(String.join("；", problems));
      }
    });
    Mocks.register("recordStationingFiling", (JavaDelegate) execution -> calls.add("recordFiling"));
    Mocks.register("recordStationingFilingReceipt", (JavaDelegate) execution ->
        calls.add("recordReceipt:" + execution.getVariable(StationingFilingProcess.ACCEPTED)));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  private ProcessInstance start(String kind, String unit, String receiving) {
    return runtimeService().startProcessInstanceByKey(StationingFilingProcess.KEY,
        StationingFilingProcess.businessKey(2026, kind, unit), Map.of(
            StationingFilingProcess.YEAR, 2026, StationingFilingProcess.KIND, kind,
            StationingFilingProcess.UNIT_CODE, unit, StationingFilingProcess.UNIT_GROUP, "unit-" + unit,
            StationingFilingProcess.LEADERS_GROUP, "unit-" + unit + "-leaders",
            StationingFilingProcess.RECEIVING_DEPARTMENT, receiving,
            StationingFilingProcess.RECEIVING_GROUP, "unit-" + receiving, StationingFilingProcess.DUE_DATE, due));
  }

  @Test
  void aCityFilesItsPlanAndTheGrassrootsDepartmentReturnsItOnceThenReceivesIt() {
    ProcessInstance filing = start(StationingFilingProcess.CITY_PLAN, "guangzhou", "grassroots");

    assertThat(filing).isWaitingAt(StationingFilingProcess.FILE_CITY_PLAN);
    assertThat(task()).hasName("报送驻点工作实施方案").hasCandidateGroup("unit-guangzhou")
        .hasFormKey("embedded:deployment:file-city-plan.html").hasDueDate(due);
    Assertions.assertThatThrownBy(() -> complete(task(filing), withVariables(StationingFilingProcess.FILING,
        JSON("{\"content\": \" \"}")))).hasMessageContaining("实施方案不能为空");

    complete(task(filing), withVariables(StationingFilingProcess.FILING, JSON("{\"content\": \"广州市驻点工作实施方案\"}")));
    assertThat(filing).isWaitingAt(StationingFilingProcess.RECEIVE_FILING);
    assertThat(task()).hasName("查收驻点材料").hasCandidateGroup("unit-grassroots")
        .hasFormKey("embedded:deployment:receive-stationing-filing.html");

    complete(task(), withVariables(StationingFilingProcess.ACCEPTED, false, StationingFilingProcess.RECEIPT_COMMENT,
        "请补充驻点到乡镇（街道）的安排"));
    assertThat(filing).isWaitingAt(StationingFilingProcess.FILE_CITY_PLAN);
    complete(task(), withVariables(StationingFilingProcess.FILING, JSON("{\"content\": \"补充后的方案\"}")));
    complete(task(), withVariables(StationingFilingProcess.ACCEPTED, true));

    assertThat(filing).isEnded().hasPassed(StationingFilingProcess.FILING_RECEIVED);
    Assertions.assertThat(calls).containsExactly("validate:1", "validate:0", "recordFiling", "recordReceipt:false",
        "validate:0", "recordFiling", "recordReceipt:true");
  }

  @Test
  void theProjectReportGoesThroughTheDepartmentsLeadersBeforeTheOrganisationDepartment() {
    ProcessInstance filing = start(StationingFilingProcess.PROJECT_REPORT, "publicity", "organisation");

    assertThat(filing).isWaitingAt(StationingFilingProcess.FILE_PROJECT_REPORT);
    assertThat(task()).hasCandidateGroup("unit-publicity").hasFormKey("embedded:deployment:file-project-report.html");
    String report = "{\"project\": \"希望乡村教师计划\", \"content\": \"项目报告正文\"}";
    complete(task(), withVariables(StationingFilingProcess.FILING, JSON(report)));
    assertThat(task()).hasName("分管领导审阅项目报告").hasCandidateGroup("unit-publicity-leaders")
        .hasFormKey("embedded:deployment:approve-project-report.html");

    complete(task(), withVariables(StationingFilingProcess.APPROVED, false, StationingFilingProcess.APPROVAL_COMMENT,
        "请补充服务人数"));
    assertThat(filing).isWaitingAt(StationingFilingProcess.FILE_PROJECT_REPORT);
    complete(task(), withVariables(StationingFilingProcess.FILING, JSON(report)));
    complete(task(), withVariables(StationingFilingProcess.APPROVED, true));

    assertThat(filing).isWaitingAt(StationingFilingProcess.RECEIVE_FILING);
    assertThat(task()).hasCandidateGroup("unit-organisation");
    complete(task(), withVariables(StationingFilingProcess.ACCEPTED, true));
    assertThat(filing).isEnded();
    Assertions.assertThat(calls).containsExactly("validate:0", "validate:0", "recordFiling", "recordReceipt:true");
  }

  @Test
  void partyCourseMaterialsGoToThePublicityDepartment() {
    ProcessInstance filing = start(StationingFilingProcess.PARTY_COURSES, "school", "publicity");

    assertThat(filing).isWaitingAt(StationingFilingProcess.FILE_PARTY_COURSES);
    assertThat(task()).hasName("报送党团课材料").hasFormKey("embedded:deployment:file-party-courses.html");
    Assertions.assertThatThrownBy(() -> complete(task(filing), withVariables(StationingFilingProcess.FILING,
        JSON("{\"courses\": [{\"courseware\": \"团课.pptx\", \"date\": \"2026-06-01\", \"place\": \"揭阳市\","
            + " \"attendance\": 0, \"lecturer\": \"张三\"}]}")))).hasMessageContaining("第1次党团课的授课人数应为正整数");
    complete(task(filing), withVariables(StationingFilingProcess.FILING,
        JSON("{\"courses\": [{\"courseware\": \"团课.pptx\", \"date\": \"2026-06-01\", \"place\": \"揭阳市\","
            + " \"attendance\": 45, \"lecturer\": \"张三\"}]}")));
    assertThat(task()).hasCandidateGroup("unit-publicity");
    complete(task(), withVariables(StationingFilingProcess.ACCEPTED, true));
    assertThat(filing).isEnded().hasPassed(StationingFilingProcess.RECORD_FILING, StationingFilingProcess.RECORD_RECEIPT);
  }
}
