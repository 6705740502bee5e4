package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;

class TaskConflictFilterTest {

  private final TaskService taskService = mock(TaskService.class, RETURNS_DEEP_STUBS);
  private final TaskConflictFilter filter = new TaskConflictFilter(taskService);

  @Test
  void kaohesChineseReasonsLoseCamundasEnglishPrefix() {
    assertThat(TaskConflictFilter.kaohesReasons("Cannot submit task form 42-a: 报送材料未通过检查：摘要不能为空"))
        .contains("报送材料未通过检查：摘要不能为空");
    assertThat(TaskConflictFilter.kaohesReasons("Cannot complete task 7: ENGINE-03051 There was an exception while "
        + "invoking the TaskListener. Message: 退回时请填写退回意见")).contains("退回时请填写退回意见");
    assertThat(TaskConflictFilter.kaohesReasons("Cannot submit task form 42: NullPointerException")).isEmpty();
  }

  @Test
  void aGoneTaskIsAConflictAndAnEngineBugStaysA500() {
    when(taskService.createTaskQuery().taskId("gone").count()).thenReturn(0L);
    when(taskService.createTaskQuery().taskId("open").count()).thenReturn(1L);

    assertThat(filter.rewrite("gone", error("RestException", "Cannot submit task form gone: Cannot find task")))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(409))
        .hasValueSatisfying(r -> assertThat(r.message()).isEqualTo(TaskConflictFilter.TASK_GONE));
    assertThat(filter.rewrite("open", error("OptimisticLockingException", "ENGINE-03005 …")))
        .hasValueSatisfying(r -> assertThat(r.message()).isEqualTo(TaskConflictFilter.CONCURRENT));
    assertThat(filter.rewrite("open", error("TaskAlreadyClaimedException", "Task 'open' is already claimed by someone else.")))
        .hasValueSatisfying(r -> assertThat(r.message()).isEqualTo(TaskConflictFilter.CLAIMED));
    assertThat(filter.rewrite("open", error("ProcessEngineException", "Cannot submit task form open: 表单未通过检查")))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(400))
        .hasValueSatisfying(r -> assertThat(r.message()).isEqualTo("表单未通过检查"));
    assertThat(filter.rewrite("open", error("ProcessEngineException", "Cannot submit task form open: ENGINE-1 NPE")))
        .isEmpty();
  }

  @Test
  void aRefusalBecauseTheTaskWasJustDoneIsAConflictAndOtherRefusalsStay() {
    when(taskService.createTaskQuery().taskId("gone").count()).thenReturn(0L);
    when(taskService.createTaskQuery().taskId("other-unit").count()).thenReturn(1L);

    assertThat(filter.goneAfterRefusal("gone"))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(409))
        .hasValueSatisfying(r -> assertThat(r.message()).isEqualTo(TaskConflictFilter.TASK_GONE));
    assertThat(filter.goneAfterRefusal("other-unit")).isEmpty();
  }

  private static ObjectNode error(String type, String message) {
    return new ObjectMapper().createObjectNode().put("type", type).put("message", message);
  }
}
