package org.kaohe.operation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Engine test of {@code processes/result-copy.bpmn}: one copy, assigned to its recipient alone, read once. */
@Deployment(resources = "processes/result-copy.bpmn")
class ResultCopyProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  @Test
  void theRecipientAloneReadsTheCopyAndMarkingItReadEndsIt() {
    ProcessInstance copy = runtimeService().startProcessInstanceByKey(ResultCopyProcess.KEY, "round-1:guangzhou",
        withVariables(ResultCopyProcess.COPY, JSON("{\"kind\":\"package\",\"sourceTaskName\":\"填报材料\"}"),
            ResultCopyProcess.RECIPIENT, "guangzhou-leader",
            ResultCopyProcess.COPIED_BY, "guangzhou-staff",
            ResultCopyProcess.SOURCE_TASK_ID, "task-1"));

    assertThat(copy).isWaitingAt(ResultCopyProcess.READ_COPY);
    assertThat(task()).isAssignedTo("guangzhou-leader").hasFormKey("embedded:deployment:read-copy.html");
    Assertions.assertThat(taskService().getIdentityLinksForTask(task().getId()))
        .as("no group: the copy is never offered to the unit").allMatch(link -> link.getGroupId() == null);

    complete(task());
    assertThat(copy).hasPassed(ResultCopyProcess.COPY_READ).isEnded();
  }
}
