package org.kaohe.support;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who did it, for the records: the user whose request is running (Tasklist, REST), else, when the Java API
 * completed a task without authentication, that task's assignee. May be null (a timer, an unassigned task).
 */
@Component
public class Actors {

  private final IdentityService identityService;
  private final HistoryService historyService;

  Actors(IdentityService identityService, HistoryService historyService) {
    this.identityService = identityService;
    this.historyService = historyService;
  }

  public String current() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /** In a task listener. */
  public String of(DelegateTask task) {
    String current = current();
    return current != null ? current : task.getAssignee();
  }

  /** In a service task that follows the user task {@code taskDefinitionKey} of the same instance. */
  public String of(DelegateExecution execution, String taskDefinitionKey) {
    String current = current();
    if (current != null) {
      return current;
    }
    return historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskDefinitionKey)
        .finished().orderByHistoricTaskInstanceEndTime().desc().list().stream()
        .map(HistoricTaskInstance::getAssignee)
        .findFirst().orElse(null);
  }
}
