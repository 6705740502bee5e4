package org.kaohe.operation;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener {@code ${returnComment}} of the approval tasks with a return flow ({@link ReturnPath#ALL}):
 * a return leaves its comment in the task's history and its instance's, once, whether the form's own radio
 * returned it or the 退回 operation did (which completes the task with the same variables). A return without a
 * comment, or with one over the limit, is refused as the forms refuse it.
 */
@Component("returnComment")
class ReturnCommentListener implements TaskListener {

  private final TaskService taskService;

  ReturnCommentListener(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void notify(DelegateTask task) {
    String processKey = task.getProcessDefinitionId() == null ? ""
        : task.getProcessEngineServices().getRepositoryService().getProcessDefinition(task.getProcessDefinitionId())
            .getKey();
    ReturnPath path = ReturnPath.of(processKey, task.getTaskDefinitionKey()).orElseThrow(() ->
        new IllegalStateException("returnComment listens on " + task.getTaskDefinitionKey() + ", which has no return path"));
    if (!Boolean.FALSE.equals(task.getVariable(path.decision()))) {
      return;
    }
    Object raw = task.getVariable(path.comment());
    String comment;
    try {
      comment = OperationRules.comment(raw == null ? null : raw.toString(), true, "退回时请填写退回意见");
    } catch (OperationException e) {
      throw new BadUserRequestException(e.getMessage());
    }
    taskService.createComment(task.getId(), task.getProcessInstanceId(), path.historyComment(comment));
  }
}
