package org.kaohe.submission;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells a unit about its open task: a comment on the task, which Tasklist and the history keep, and an e-mail
 * to the users of the group the task is offered to. Mail leaves only after the engine's transaction commits,
 * so a rolled-back job that is retried does not send the same reminder twice.
 */
@Component
public class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final TaskService taskService;
  private final IdentityService identityService;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailProperties mailProperties;
  private final String from;

  Notifier(TaskService taskService, IdentityService identityService, ObjectProvider<JavaMailSender> mailSender,
      MailProperties mailProperties, @Value("${kaohe.mail.from:kaohe@localhost}") String from) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.mailSender = mailSender;
    this.mailProperties = mailProperties;
    this.from = from;
  }

  /** Open user tasks of the unit's instance: the package's task, and for a city its bonus application. */
  List<Task> openTasks(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).active().list();
  }

  /**
   * A comment on every open task of the instance, and one e-mail per group: a city with its package and its bonus
   * application open (both offered to the unit's group) gets the reminder once, not once per task.
   */
  void notify(String processInstanceId, String comment, String subject, String body) {
    Set<String> groups = new LinkedHashSet<>();
    for (Task task : openTasks(processInstanceId)) {
      taskService.createComment(task.getId(), processInstanceId, comment);
      groups.addAll(candidateGroups(task));
    }
    groups.forEach(group -> mail(group, subject, body));
  }

  /**
   * Tells the candidates of one open task (the office urging work that is not a unit's package): a comment on the
   * task and its instance, and an e-mail to each group the task is offered to.
   */
  public void notifyTask(Task task, String comment, String subject, String body) {
    taskService.createComment(task.getId(), task.getProcessInstanceId(), comment);
    for (String group : candidateGroups(task)) {
      mail(group, subject, body);
    }
  }

  /**
   * Tells the unit that a task of its instance was opened again in this very transaction (a package returned
   * for completion). A query cannot see that task before the transaction commits, so it is taken from the
   * engine's cache of the running command; the mail goes to the group the task is offered to.
   */
  void notifyReopened(String processInstanceId, String taskDefinitionKey, String group, String comment, String subject,
      String body) {
    CommandContext context = Context.getCommandContext();
    List<TaskEntity> reopened = context == null ? List.of()
        : context.getDbEntityManager().getCachedEntitiesByType(TaskEntity.class).stream()
            .filter(task -> !task.isDeleted())
            .filter(task -> processInstanceId.equals(task.getProcessInstanceId()))
            .filter(task -> taskDefinitionKey.equals(task.getTaskDefinitionKey()))
            .toList();
    if (reopened.isEmpty()) {
      // Not reopened in this command after all: keep the comment on the instance, where the history has it.
      taskService.createComment(null, processInstanceId, comment);
    }
    for (TaskEntity task : reopened) {
      taskService.createComment(task.getId(), processInstanceId, comment);
    }
    mail(group, subject, body);
  }

  /**
   * E-mails a group about something that is no one's task: the office reminded of a month's missing progress reports
   * (sent before its follow-up task exists), the supervisors told of stationing shortfalls. Like every mail here it
   * leaves after the transaction commits.
   */
  public void mailGroup(String group, String subject, String body) {
    mail(group, subject, body);
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> link.getGroupId() != null)
        .map(link -> link.getGroupId())
        .toList();
  }

  private void mail(String group, String subject, String body) {
    if (mailProperties.getHost() == null || mailProperties.getHost().isBlank()) {
      return;
    }
    String[] to = identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(User::getEmail)
        .filter(email -> email != null && !email.isBlank())
        .toArray(String[]::new);
    if (to.length == 0) {
      log.info("No e-mail address in group {}; reminder recorded on the task only", group);
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject(subject);
    message.setText(body);
    Runnable send = () -> {
      try {
        mailSender.getObject().send(message);
      } catch (MailException e) {
        log.warn("Could not send '{}' to group {}: {}", subject, group, e.getMessage());
      }
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          send.run();
        }
      });
    } else {
      send.run();
    }
  }
}
