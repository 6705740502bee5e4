package org.kaohe.submission;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kaohe.round.Notice;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code unit-submission}, each a bean named as the model references it. */
@Configuration(proxyBeanMethods = false)
class SubmissionDelegates {

  private static final Logger log = LoggerFactory.getLogger(SubmissionDelegates.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

  private final Submissions submissions;
  private final Notifier notifier;
  private final JsonVariables json;
  private final ZoneId zone;

  SubmissionDelegates(Submissions submissions, Notifier notifier, JsonVariables json,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.submissions = submissions;
    this.notifier = notifier;
    this.json = json;
    this.zone = zone;
  }

  /** {@code ServiceTask_RecordSubmission}: the approved package becomes the unit's next record version. */
  @Bean
  JavaDelegate recordSubmission(IdentityService identityService, HistoryService historyService) {
    return execution -> {
      String kind = (String) execution.getVariable(UnitSubmissionProcess.UNIT_KIND);
      var pkg = json.tree(execution, UnitSubmissionProcess.PACKAGE);
      if (!"city".equals(kind) && pkg != null && pkg.isObject()) {
        // Departments and affiliated units submit the summary only (seed 000).
        pkg = ((com.fasterxml.jackson.databind.node.ObjectNode) pkg).retain("summary");
      }
      if (pkg != null && pkg.isObject()) {
        recordSummaryDocument(execution, (com.fasterxml.jackson.databind.node.ObjectNode) pkg);
      }
      var submission = submissions.add(roundId(execution), unitCode(execution), json.write(pkg), Now.in(zone),
          at((Date) execution.getVariable(UnitSubmissionProcess.DUE_DATE)),
          approver(execution, identityService, historyService), execution.getProcessInstanceId());
      execution.setVariable(UnitSubmissionProcess.LATE, submission.late());
    };
  }

  /**
   * The summary as uploaded (.docx) stays a file variable of the unit's instance (history keeps it as long as
   * the round); the record names it and its SHA-256, so the version of the package says which file it came with.
   * The form cannot set this field: it is replaced here.
   */
  private static void recordSummaryDocument(DelegateExecution execution,
      com.fasterxml.jackson.databind.node.ObjectNode pkg) {
    pkg.remove(UnitSubmissionProcess.SUMMARY_DOCUMENT);
    Object value = execution.getVariableTyped(UnitSubmissionProcess.SUMMARY_DOCUMENT);
    if (value instanceof org.camunda.bpm.engine.variable.value.FileValue file && file.getValue() != null) {
      byte[] bytes;
      try (java.io.InputStream in = file.getValue()) {
        bytes = in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      pkg.putObject(UnitSubmissionProcess.SUMMARY_DOCUMENT)
          .put("fileName", file.getFilename())
          .put("size", bytes.length)
          .put("sha256", sha256(bytes));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ServiceTask_RecordReturn}: the office returned the package for completion. */
  @Bean
  JavaDelegate recordReturn() {
    return execution -> submissions.markReturned(roundId(execution), unitCode(execution),
        (String) execution.getVariable(UnitSubmissionProcess.RECEIPT_COMMENT));
  }

  /** {@code ServiceTask_MarkLate}: the deadline passed before the package was approved; the task stays open. */
  @Bean
  JavaDelegate markLate() {
    return execution -> {
      execution.setVariable(UnitSubmissionProcess.LATE, true);
      SubmissionStatus.markLate(execution);
      Date due = (Date) execution.getVariable(UnitSubmissionProcess.DUE_DATE);
      if (Duration.between(due.toInstant(), Now.instant()).toDays() >= 1) {
        // Re-armed when a returned package re-entered preparation: the unit was told at the deadline.
        return;
      }
      Notice notice = notice(execution);
      notifier.notify(execution.getProcessInstanceId(),
          "已超过报送截止时间，本单位材料尚未报送，现为逾期。" + notice.lateNotice(),
          "【逾期】《" + notice.title() + "》材料已超过报送截止时间",
          execution.getVariable(UnitSubmissionProcess.UNIT_NAME) + "：\n\n《" + notice.title() + "》要求于"
              + notice.submissionDeadline().format(DAY) + "前报送的材料，贵单位尚未报送，现已逾期。"
              + notice.lateNotice() + "。请尽快在系统中报送。");
    };
  }

  /**
   * {@code ServiceTask_SendFirstReminder} and {@code ServiceTask_SendLastReminder}: 7 days and 1 day before
   * the deadline. A reminder that is no longer news (deadline passed, or re-armed long after its date when a
   * returned package re-enters preparation) is skipped.
   */
  @Bean
  JavaDelegate sendReminder(TaskService taskService) {
    return execution -> {
      boolean first = UnitSubmissionProcess.SEND_FIRST_REMINDER.equals(execution.getCurrentActivityId());
      Date scheduled = (Date) execution.getVariable(first
          ? UnitSubmissionProcess.FIRST_REMINDER_DATE : UnitSubmissionProcess.LAST_REMINDER_DATE);
      Date due = (Date) execution.getVariable(UnitSubmissionProcess.DUE_DATE);
      Instant now = Now.instant();
      if (!now.isBefore(due.toInstant()) || Duration.between(scheduled.toInstant(), now).toDays() >= 1) {
        log.info("Reminder for {} skipped: its time has passed", execution.getProcessBusinessKey());
        return;
      }
      Notice notice = notice(execution);
      String when = first ? notice.submissionDeadline().format(DAY) + "截止" : "明天（" + notice.submissionDeadline().format(DAY) + "）截止";
      notifier.notify(execution.getProcessInstanceId(), "提醒：本单位材料将于" + when + "报送。",
          "【提醒】《" + notice.title() + "》材料将于" + when + "报送",
          execution.getVariable(UnitSubmissionProcess.UNIT_NAME) + "：\n\n《" + notice.title() + "》要求的材料将于" + when
              + "报送，请在系统中完成填报，经主要负责同志审定后报送。" + notice.lateNotice() + "。");
      if (first) {
        Date last = (Date) execution.getVariable(UnitSubmissionProcess.LAST_REMINDER_DATE);
        for (var task : notifier.openTasks(execution.getProcessInstanceId())) {
          task.setFollowUpDate(last);
          taskService.saveTask(task);
        }
      }
    };
  }

  /** {@code ServiceTask_SendUrge}: the office urged the unit (催办). */
  @Bean
  JavaDelegate sendUrge() {
    return execution -> {
      Notice notice = notice(execution);
      String message = (String) execution.getVariable(UnitSubmissionProcess.URGE_COMMENT);
      if (message == null || message.isBlank()) {
        message = "请尽快报送材料。";
      }
      notifier.notify(execution.getProcessInstanceId(), "催办：" + message,
          "【催办】请尽快报送《" + notice.title() + "》材料",
          execution.getVariable(UnitSubmissionProcess.UNIT_NAME) + "：\n\n" + message + "\n\n（《" + notice.title()
              + "》，报送截止：" + notice.submissionDeadline().format(DAY) + "）");
    };
  }

  private Notice notice(DelegateExecution execution) {
    return json.read(execution, UnitSubmissionProcess.NOTICE, Notice.class);
  }

  private static String roundId(DelegateExecution execution) {
    return (String) execution.getVariable(UnitSubmissionProcess.ROUND_ID);
  }

  private static String unitCode(DelegateExecution execution) {
    return (String) execution.getVariable(UnitSubmissionProcess.UNIT_CODE);
  }

  private OffsetDateTime at(Date date) {
    return date.toInstant().atZone(zone).toOffsetDateTime();
  }

  /** The leader who approved: the user completing the approval, or, from the Java API, its task's assignee. */
  private static String approver(DelegateExecution execution, IdentityService identityService,
      HistoryService historyService) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current != null) {
      return current.getUserId();
    }
    return historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(UnitSubmissionProcess.APPROVE_PACKAGE)
        .finished().orderByHistoricTaskInstanceEndTime().desc().list().stream()
        .map(HistoricTaskInstance::getAssignee)
        .findFirst().orElse(null);
  }
}
