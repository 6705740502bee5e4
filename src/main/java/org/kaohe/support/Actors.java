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

  /** Whether the authenticated user belongs to the group; true without authentication (the Java API, a job). */
  public boolean currentUserIn(String group) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return true;
    }
    if (current.getGroupIds() != null && current.getGroupIds().contains(group)) {
      return true;
    }
    return identityService.createGroupQuery().groupMember(current.getUserId()).groupId(group).count() > 0;
  }

  /** The name Tasklist shows for the user (first name, then last name), else the user id; null for null. */
  public String displayName(String userId) {
    if (userId == null) {
      return null;
    }
    var user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
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

  /**
   * In a service task that follows the user task {@code taskDefinitionKey} of the same instance: its latest
   * instance's assignee. Not only finished ones: the task completed in this very transaction is not yet written as
   * finished, but its row (with the assignee of the claim) is.
   */
  public String of(DelegateExecution execution, String taskDefinitionKey) {
    String current = current();
    if (current != null) {
      return current;
    }
    return historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskDefinitionKey)
        .orderByHistoricActivityInstanceStartTime().desc().list().stream()
        .map(HistoricTaskInstance::getAssignee)
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }
}
