package org.kaohe.deployment;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of the test-only model that the foundation's integration tests use; it is also the pattern
 * for the engine test that every model of processes/ gets (camunda-bpm-assert plus coverage).
 */
class KaoheSmokeTestProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  @Test
  @Deployment(resources = {"processes/kaohe-smoke-test.bpmn", "forms/fill-smoke-form.html"})
  void theUnitsGroupGetsTheTaskWithItsForm() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey("kaohe-smoke-test",
        Map.of("unitGroup", "unit-guangzhou"));

    assertThat(instance).isWaitingAt("UserTask_FillForm");
    assertThat(task()).hasCandidateGroup("unit-guangzhou").hasFormKey("embedded:deployment:fill-smoke-form.html");
    complete(task(), Map.of("note", "已完成"));
    assertThat(instance).isEnded().variables().containsEntry("note", "已完成");
  }
}
