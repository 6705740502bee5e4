package org.kaohe.webapp;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginResource;
import org.springframework.context.ApplicationContext;

/**
 * A resource about one task of Kaohe's Tasklist API. The task is looked up as the logged-in user may see it (the
 * engine's query applies the user's authorizations): a task the user may not see is "not found" in the same words as
 * one that does not exist, so an answer never tells whether another unit's task exists.
 */
public abstract class TaskResource extends AbstractTasklistPluginResource {

  public static final String NOT_FOUND = "找不到该任务，或您无权查看该任务";

  protected final ApplicationContext beans;
  protected final String taskId;

  protected TaskResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName);
    this.beans = beans;
    this.taskId = taskId;
  }

  protected TaskService taskService() {
    return getProcessEngine().getTaskService();
  }

  /** The task, if the user may see it; 404 otherwise. */
  protected Task visibleTask() {
    Task task = taskService().createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw WebappApi.error(404, NOT_FOUND);
    }
    return task;
  }

  /** The visible task, if it is {@code elementId} of the process {@code processKey}; 409 with {@code otherTask} if not. */
  protected Task task(String processKey, String elementId, String otherTask) {
    Task task = visibleTask();
    if (!elementId.equals(task.getTaskDefinitionKey())
        || taskService().createTaskQuery().taskId(taskId).processDefinitionKey(processKey).count() == 0) {
      throw WebappApi.error(409, otherTask);
    }
    return task;
  }

  /** A variable of the task's scope, read as the user; null if absent. */
  protected Object variable(Task task, String name) {
    try {
      return taskService().getVariable(task.getId(), name);
    } catch (AuthorizationException e) {
      throw WebappApi.forbidden(e);
    }
  }
}
