package org.kaohe.progressreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.document.ProgressMonthReport;
import org.camunda.bpm.engine.AuthorizationService;
import org.kaohe.identity.Groups;
import org.kaohe.identity.IdentitySetup;
import org.kaohe.organisation.Organisation;
import org.kaohe.progressreport.KeyWork.Entry;
import org.kaohe.progressreport.KeyWork.Line;
import org.kaohe.submission.Notifier;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks and listeners of progress-reporting.bpmn and progress-report.bpmn. */
@Configuration(proxyBeanMethods = false)
class ProgressReportDelegates {

  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final Organisation organisation;
  private final KeyWork keyWork;
  private final JsonVariables json;
  private final IdentityService identityService;
  private final ZoneId zone;

  ProgressReportDelegates(Organisation organisation, KeyWork keyWork, JsonVariables json,
      IdentityService identityService, @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.organisation = organisation;
    this.keyWork = keyWork;
    this.json = json;
    this.identityService = identityService;
    this.zone = zone;
  }

  private ProgressCalendar calendar() {
    if (organisation.progressReports() == null) {
      throw new IllegalStateException(organisation.shortName() + "未配置重点工作月度推进（progressReports）");
    }
    return new ProgressCalendar(organisation.progressReports(), zone);
  }

  private String currentUser() {
    var authentication = identityService.getCurrentAuthentication();
    return authentication == null ? "system" : authentication.getUserId();
  }

  private static int intVariable(DelegateExecution execution, String name) {
    return ((Number) execution.getVariable(name)).intValue();
  }

  /** Stores the approved catalogue and decides the months to report on (see {@link ProgressCalendar#firstMonth}). */
  @Bean
  JavaDelegate storeKeyWork() {
    return execution -> {
      int year = intVariable(execution, ProgressReportingProcess.YEAR);
      JsonNode draft = json.tree(execution, ProgressReportingProcess.KEY_WORK);
      List<Line> lines = new ArrayList<>();
      for (JsonNode line : draft.path("lines")) {
        lines.add(new Line(line.path("number").asInt(), blankToNull(line.path("section").asText("")),
            line.path("title").asText(), blankToNull(line.path("description").asText("")),
            line.path("department").asText()));
      }
      OffsetDateTime now = Now.in(zone);
      String title = draft.path("title").asText("").isBlank() ? year + "年重点工作" : draft.path("title").asText();
      keyWork.storeCatalogue(organisation.code(), year, title, currentUser(), now, execution.getProcessInstanceId(),
          lines);
      ProgressCalendar calendar = calendar();
      execution.setVariable(ProgressReportingProcess.FIRST_MONTH, calendar.firstMonth(year, now));
      execution.setVariable(ProgressReportingProcess.MONTH_COUNT, calendar.monthCount(year, now));
      execution.setVariable(ProgressReportingProcess.FOLLOW_UP_DELAY,
          "P" + organisation.progressReports().followUpDays() + "D");
      execution.setVariable(ProgressReportingProcess.SUBMISSION_STATUS, "月度推进中");
    };
  }

  /** The month of this loop instance and its dates, local to the month's scope so parallel months do not mix. */
  @Bean
  JavaDelegate computeMonthDates() {
    return execution -> {
      int year = intVariable(execution, ProgressReportingProcess.YEAR);
      int month = intVariable(execution, ProgressReportingProcess.FIRST_MONTH) + intVariable(execution, "loopCounter");
      ProgressCalendar calendar = calendar();
      execution.setVariableLocal(ProgressReportingProcess.MONTH_NUMBER, month);
      execution.setVariableLocal(ProgressReportingProcess.MONTH_KEY, ProgressCalendar.monthKey(year, month));
      execution.setVariableLocal(ProgressReportingProcess.ROUND_NAME, ProgressCalendar.roundName(year, month));
      execution.setVariableLocal(ProgressReportingProcess.OPENS_AT, Date.from(calendar.opensAt(year, month).toInstant()));
      execution.setVariableLocal(ProgressReportingProcess.DUE_DATE, Date.from(calendar.dueAt(year, month).toInstant()));
      execution.setVariableLocal(ProgressReportingProcess.REMINDER_DATE,
          Date.from(calendar.reminderAt(year, month).toInstant()));
    };
  }

  @Bean
  JavaDelegate openMonth() {
    return execution -> {
      int year = intVariable(execution, ProgressReportingProcess.YEAR);
      int month = intVariable(execution, ProgressReportingProcess.MONTH_NUMBER);
      List<String> departments = keyWork.departments(organisation.code(), year);
      keyWork.openMonth(organisation.code(), year, month, Now.in(zone),
          ((Date) execution.getVariable(ProgressReportingProcess.DUE_DATE)).toInstant().atZone(zone).toOffsetDateTime(),
          execution.getProcessInstanceId(), departments);
      execution.setVariableLocal(ProgressReportingProcess.DEPARTMENTS, String.join(",", departments));
      execution.setVariableLocal(ProgressReportingProcess.DEPARTMENT_COUNT, departments.size());
    };
  }

  /**
   * After the due date: marks the departments still reporting late (their instances show 已逾期 in Tasklist) and
   * mails the office which departments and lines are missing; the follow-up task shows the same list.
   */
  @Bean
  JavaDelegate remindMissingReports(RuntimeService runtimeService, Notifier notifier) {
    return execution -> {
      int year = intVariable(execution, ProgressReportingProcess.YEAR);
      int month = intVariable(execution, ProgressReportingProcess.MONTH_NUMBER);
      List<ProcessInstance> open = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(ProgressReportProcess.KEY)
          .processInstanceBusinessKeyLike("progress:" + ProgressCalendar.monthKey(year, month) + ":%").list();
      List<Line> lines = keyWork.lines(organisation.code(), year);
      List<Map<String, Object>> missing = new ArrayList<>();
      StringBuilder body = new StringBuilder(ProgressCalendar.roundName(year, month) + "已过报送截止时间，以下部门尚未报送：\n");
      for (ProcessInstance instance : open) {
        String department = instance.getBusinessKey().substring(instance.getBusinessKey().lastIndexOf(':') + 1);
        keyWork.markLate(organisation.code(), year, month, department);
        runtimeService.setVariable(instance.getId(), ProgressReportProcess.LATE, true);
        runtimeService.setVariable(instance.getId(), ProgressReportProcess.SUBMISSION_STATUS, ProgressReportProcess.OVERDUE);
        List<String> titles = lines.stream().filter(l -> l.department().equals(department))
            .map(l -> l.number() + ". " + l.title()).toList();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("department", department);
        row.put("departmentName", unitName(department));
        row.put("lines", titles);
        missing.add(row);
        body.append("\n").append(unitName(department)).append("：\n  ").append(String.join("\n  ", titles));
      }
      execution.setVariableLocal(ProgressReportingProcess.MISSING, json.value(missing));
      notifier.mailGroup(Groups.OFFICE, "【考核】" + ProgressCalendar.roundName(year, month) + "有" + missing.size()
          + "个部门未报送", body.toString());
    };
  }

  /** Seed 003's table for the month; lines without an entry say 未报送. */
  @Bean
  JavaDelegate compileMonthReport() {
    return execution -> {
      int year = intVariable(execution, ProgressReportingProcess.YEAR);
      int month = intVariable(execution, ProgressReportingProcess.MONTH_NUMBER);
      keyWork.compileMonth(organisation.code(), year, month, Now.in(zone));
      Map<Integer, Entry> entries = keyWork.entries(organisation.code(), year, month);
      List<ProgressMonthReport.Row> rows = new ArrayList<>();
      for (Line line : keyWork.lines(organisation.code(), year)) {
        Entry entry = entries.get(line.number());
        rows.add(new ProgressMonthReport.Row(line.number(), line.title(), unitName(line.department()),
            entry == null ? ProgressReportProcess.MISSING : entry.progress(),
            entry == null ? ProgressReportProcess.MISSING : entry.nextPlan()));
      }
      String title = organisation.shortName() + "重点工作推进情况（" + year + "年" + month + "月）";
      String file = organisation.shortName() + "重点工作推进情况" + ProgressCalendar.monthKey(year, month);
      execution.setVariableLocal(ProgressReportingProcess.MONTH_DOCX, Variables.fileValue(file + ".docx")
          .file(ProgressMonthReport.docx(title, month, rows)).mimeType(DOCX).create());
      execution.setVariableLocal(ProgressReportingProcess.MONTH_XLSX, Variables.fileValue(file + ".xlsx")
          .file(ProgressMonthReport.xlsx(title, rows)).mimeType(XLSX).create());
      execution.setVariableLocal(ProgressReportingProcess.MONTH_TABLE, json.value(rows));
    };
  }

  @Bean
  JavaDelegate recordMonthApproved() {
    return execution -> keyWork.approveMonth(organisation.code(), intVariable(execution, ProgressReportingProcess.YEAR),
        intVariable(execution, ProgressReportingProcess.MONTH_NUMBER), currentUser(), Now.in(zone));
  }

  /**
   * Start of a department's report: its Chinese name and group for Tasklist, its own lines and their earlier months
   * (never another department's), and read rights on this instance only for the department's staff and leaders.
   */
  @Bean
  ExecutionListener startProgressReport(AuthorizationService authorizationService) {
    return execution -> {
      int year = intVariable(execution, ProgressReportProcess.YEAR);
      int month = intVariable(execution, ProgressReportProcess.MONTH);
      String department = (String) execution.getVariable(ProgressReportProcess.UNIT_CODE);
      execution.setVariable(ProgressReportProcess.UNIT_NAME, unitName(department));
      execution.setVariable(ProgressReportProcess.UNIT_GROUP, Groups.unit(department));
      execution.setVariable(ProgressReportProcess.SUBMISSION_STATUS, ProgressReportProcess.FILLING);
      execution.setVariable(ProgressReportProcess.LATE, false);
      execution.setVariable(ProgressReportProcess.MAX_CHARACTERS, organisation.progressReports() == null ? 2000
          : organisation.progressReports().entryMaxCharacters());
      execution.setVariable(ProgressReportProcess.LINES,
          json.value(keyWork.linesOf(organisation.code(), year, department)));
      execution.setVariable(ProgressReportProcess.PREVIOUS_ENTRIES,
          json.value(keyWork.previousEntries(organisation.code(), year, month, department)));
      keyWork.attachInstance(organisation.code(), year, month, department, execution.getProcessInstanceId());
      IdentitySetup.letUnitRead(authorizationService, execution.getProcessInstanceId(), department);
    };
  }

  @Bean
  JavaDelegate sendProgressReminder(TaskService taskService, Notifier notifier) {
    return execution -> {
      String round = (String) execution.getVariable(ProgressReportProcess.ROUND_NAME);
      Date due = (Date) execution.getVariable(ProgressReportProcess.DUE_DATE);
      String dueText = due.toInstant().atZone(zone).toLocalDate().toString();
      for (var task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
        notifier.notifyTask(task, "提醒：" + round + "将于" + dueText + "截止，请及时报送",
            "【考核】" + round + "将于" + dueText + "截止", "请于" + dueText + "前在考核系统中报送本部门重点工作的本月推进情况和下一步推进计划。");
      }
    };
  }

  @Bean
  JavaDelegate recordProgressReport() {
    return execution -> {
      int year = intVariable(execution, ProgressReportProcess.YEAR);
      int month = intVariable(execution, ProgressReportProcess.MONTH);
      String department = (String) execution.getVariable(ProgressReportProcess.UNIT_CODE);
      Date due = (Date) execution.getVariable(ProgressReportProcess.DUE_DATE);
      OffsetDateTime now = Now.in(zone);
      boolean late = now.toInstant().isAfter(due.toInstant());
      List<Entry> entries = new ArrayList<>();
      for (JsonNode entry : json.tree(execution, ProgressReportProcess.REPORT)) {
        entries.add(new Entry(month, entry.path("number").asInt(), department, entry.path("progress").asText(),
            entry.path("nextPlan").asText()));
      }
      keyWork.recordReport(organisation.code(), year, month, department, currentUser(), now, late, entries);
      execution.setVariable(ProgressReportProcess.LATE, late);
      execution.setVariable(ProgressReportProcess.SUBMISSION_STATUS, ProgressReportProcess.SUBMITTED);
    };
  }

  private String unitName(String code) {
    return organisation.unit(code).map(Organisation.Unit::name).orElse(code);
  }

  private static String blankToNull(String text) {
    return text.isBlank() ? null : text;
  }
}
