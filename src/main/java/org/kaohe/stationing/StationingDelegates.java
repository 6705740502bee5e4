package org.kaohe.stationing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.submission.Notifier;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listeners and service tasks of the three stationing models, each a bean named as the models reference it. */
@Configuration(proxyBeanMethods = false)
class StationingDelegates {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

  private final Organisation organisation;
  private final StationingRecords records;
  private final Notifier notifier;
  private final JsonVariables json;
  private final ZoneId zone;

  StationingDelegates(Organisation organisation, StationingRecords records, Notifier notifier, JsonVariables json,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.organisation = organisation;
    this.records = records;
    this.notifier = notifier;
    this.json = json;
    this.zone = zone;
  }

  @Bean
  static StationingCalendar stationingCalendar(@Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    return new StationingCalendar(zone);
  }

  // --- stationing ----------------------------------------------------------------------------------------------------

  /**
   * Start of {@code stationing}: refuses an organisation without stationing and a year that already runs (a Chinese
   * message in the start form), sets the business key and the year's configuration, and lets the receiving
   * department read the instance (its compile tasks live there).
   */
  @Bean
  ExecutionListener stationingYearStarted(RuntimeService runtimeService, AuthorizationService authorizationService) {
    return execution -> {
      Organisation.Stationing stationing = organisation.stationing();
      if (stationing == null) {
        throw new BadUserRequestException(organisation.name() + "未配置驻点工作，不能开始驻点年度");
      }
      int year = year(execution.getVariable(StationingProcess.YEAR));
      String businessKey = StationingProcess.businessKey(year);
      boolean running = runtimeService.createProcessInstanceQuery().processDefinitionKey(StationingProcess.KEY)
          .processInstanceBusinessKey(businessKey).active().list().stream()
          .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
      if (running) {
        throw new BadUserRequestException(year + "年驻点工作已经开始，不能重复开始");
      }
      execution.setProcessBusinessKey(businessKey);
      String reportsTo = stationing.reportsTo();
      execution.setVariable(StationingProcess.YEAR, year);
      execution.setVariable(StationingProcess.FIRST_MONTH, stationing.firstMonth());
      execution.setVariable(StationingProcess.LAST_MONTH, stationing.lastMonth());
      execution.setVariable(StationingProcess.UNIT_CODE, reportsTo);
      execution.setVariable(StationingProcess.UNIT_NAME, StationingReports.unitName(organisation, reportsTo));
      execution.setVariable(StationingProcess.UNIT_GROUP, Groups.unit(reportsTo));
      execution.setVariable(StationingProcess.ROUND_NAME, StationingProcess.roundName(year));
      execution.setVariable(StationingProcess.SUBMISSION_STATUS, "进行中");
      StationingReports.letTheUnitRead(authorizationService, execution.getProcessInstanceId(), reportsTo);
    };
  }

  static int year(Object value) {
    int year;
    try {
      year = value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new BadUserRequestException("请填写驻点年度，如 2026");
    }
    if (year < 2000 || year > 2100) {
      throw new BadUserRequestException("驻点年度应在2000至2100之间");
    }
    return year;
  }

  /** {@code ServiceTask_OpenStationingMonth}: one report per paired (department, city). */
  @Bean
  JavaDelegate openStationingMonth(StationingReports reports) {
    return execution -> reports.openMonth(intVariable(execution, StationingProcess.YEAR),
        intVariable(execution, StationingProcess.MONTH_VARIABLE));
  }

  /**
   * {@code ServiceTask_CheckStationingDays}: the departments below the monthly minimum ({@link StationingDays}) are
   * recorded and mailed to the supervisors in one message.
   */
  @Bean
  JavaDelegate checkStationingDays() {
    return execution -> {
      int year = intVariable(execution, StationingProcess.YEAR);
      int month = intVariable(execution, StationingProcess.MONTH_VARIABLE);
      Set<String> departments = organisation.stationingPairings().stream()
          .map(Organisation.StationingPairing::department).collect(Collectors.toCollection(TreeSet::new));
      Set<String> reported = records.reports(organisation.code(), year, month).stream()
          .filter(r -> StationingRecords.SUBMITTED.equals(r.status())).map(StationingRecords.Report::department)
          .collect(Collectors.toSet());
      int min = organisation.stationing().minDaysPerDepartmentPerMonth();
      List<StationingDays.Shortfall> shortfalls = StationingDays.departmentMonth(departments, reported,
          records.visits(organisation.code(), year, month), min);
      OffsetDateTime now = Now.in(zone);
      List<String> lines = new ArrayList<>();
      for (StationingDays.Shortfall shortfall : shortfalls) {
        records.shortfall(organisation.code(), year, month, StationingRecords.DEPARTMENT_MONTH, shortfall.department(),
            "", shortfall.days(), shortfall.requiredDays(), now);
        lines.add(StationingReports.unitName(organisation, shortfall.department()) + "：" + shortfall.days() + "天"
            + (shortfall.noReport() ? "（本月未报送驻点月报，按0天计）" : ""));
      }
      execution.setVariableLocal("shortfallCount", shortfalls.size());
      if (!lines.isEmpty()) {
        notifier.mailGroup(Groups.SUPERVISORS, "【驻点天数不足】" + StationingCalendar.monthName(year, month),
            StationingCalendar.monthName(year, month) + "，以下部门驻点不足" + min + "个整天：\n\n"
                + String.join("\n", lines) + "\n\n（按各部门本月报送的驻点时间及人员计，同一天在多个地市只计一天。）");
      }
    };
  }

  /** {@code ServiceTask_CheckCadreDays}: the cadres below the yearly minimum, recorded under the last month. */
  @Bean
  JavaDelegate checkCadreDays() {
    return execution -> {
      int year = intVariable(execution, StationingProcess.YEAR);
      int lastMonth = intVariable(execution, StationingProcess.LAST_MONTH);
      int min = organisation.stationing().minDaysPerCadrePerYear();
      List<StationingDays.Shortfall> shortfalls =
          StationingDays.cadreYear(records.visits(organisation.code(), year, null), min);
      OffsetDateTime now = Now.in(zone);
      List<String> lines = new ArrayList<>();
      for (StationingDays.Shortfall shortfall : shortfalls) {
        records.shortfall(organisation.code(), year, lastMonth, StationingRecords.CADRE_YEAR, shortfall.department(),
            shortfall.cadre(), shortfall.days(), shortfall.requiredDays(), now);
        lines.add(StationingReports.unitName(organisation, shortfall.department()) + " " + shortfall.cadre() + "："
            + shortfall.days() + "天");
      }
      if (!lines.isEmpty()) {
        notifier.mailGroup(Groups.SUPERVISORS, "【干部驻点天数不足】" + year + "年",
            year + "年，以下干部全年驻点不足" + min + "个整天：\n\n" + String.join("\n", lines)
                + "\n\n（按驻点月报中填写的姓名计；从未在月报中出现的干部无法统计。）");
      }
    };
  }

  /** {@code ServiceTask_OpenCityPlans}. */
  @Bean
  JavaDelegate openCityPlans(StationingFilings filings) {
    return execution -> filings.openCityPlans(intVariable(execution, StationingProcess.YEAR));
  }

  /** {@code ServiceTask_OpenDecemberFilings}. */
  @Bean
  JavaDelegate openDecemberFilings(StationingFilings filings) {
    return execution -> filings.openDecemberFilings(intVariable(execution, StationingProcess.YEAR));
  }

  // --- stationing-report ---------------------------------------------------------------------------------------------

  /** {@code ServiceTask_RecordStationingReport}: the report and its days, late if filed after the month's end. */
  @Bean
  JavaDelegate recordStationingReport(Actors actors) {
    return execution -> {
      int year = intVariable(execution, StationingReportProcess.YEAR);
      int month = intVariable(execution, StationingReportProcess.MONTH);
      String department = (String) execution.getVariable(StationingReportProcess.UNIT_CODE);
      String city = (String) execution.getVariable(StationingReportProcess.CITY);
      JsonNode report = json.tree(execution, StationingReportProcess.REPORT);
      Date due = (Date) execution.getVariable(StationingReportProcess.DUE_DATE);
      OffsetDateTime now = Now.in(zone);
      boolean late = now.toInstant().isAfter(due.toInstant());
      records.openReport(organisation.code(), year, month, department, city,
          OffsetDateTime.ofInstant(due.toInstant(), zone), execution.getProcessInstanceId());
      records.submitReport(organisation.code(), year, month, department, city, json.write(report),
          actors.of(execution, StationingReportProcess.FILE_REPORT), now, late, visits(report, department, city));
      execution.setVariable(StationingReportProcess.LATE, late);
      execution.setVariable(StationingReportProcess.SUBMISSION_STATUS, late ? "已报送（逾期）" : "已报送");
    };
  }

  static List<StationingDays.Visit> visits(JsonNode report, String department, String city) {
    List<StationingDays.Visit> visits = new ArrayList<>();
    for (JsonNode day : report.path("days")) {
      LocalDate date = LocalDate.parse(day.path("date").asText());
      for (JsonNode cadre : day.path("cadres")) {
        StationingDays.Visit visit = new StationingDays.Visit(department, city, date, cadre.asText());
        if (!visits.contains(visit)) {
          visits.add(visit);
        }
      }
    }
    return visits;
  }

  /** {@code ServiceTask_SendStationingReportReminder}: a comment on the open task and a mail to the department. */
  @Bean
  JavaDelegate sendStationingReportReminder(TaskService taskService) {
    return execution -> {
      Date due = (Date) execution.getVariable(StationingReportProcess.DUE_DATE);
      String roundName = (String) execution.getVariable(StationingReportProcess.ROUND_NAME);
      String unitName = (String) execution.getVariable(StationingReportProcess.UNIT_NAME);
      String dueDay = DAY.format(due.toInstant().atZone(zone));
      for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(StationingReportProcess.FILE_REPORT).active().list()) {
        notifier.notifyTask(task, "提醒：《" + roundName + "》请于" + dueDay + "前报送",
            "【提醒】" + roundName + "请于" + dueDay + "前报送",
            unitName + "：\n\n《" + roundName + "》尚未报送，请于" + dueDay + "前在系统中填报驻点月报"
                + "（附件2《团的基层建设推动情况》及本月驻点时间及人员）。");
      }
    };
  }

  /** {@code ServiceTask_MarkStationingReportLate}: the month ended without the report; Tasklist shows 已逾期. */
  @Bean
  JavaDelegate markStationingReportLate() {
    return execution -> {
      execution.setVariable(StationingReportProcess.LATE, true);
      execution.setVariable(StationingReportProcess.SUBMISSION_STATUS, "已逾期");
    };
  }

  // --- stationing-filing ---------------------------------------------------------------------------------------------

  /** {@code ServiceTask_RecordStationingFiling}. */
  @Bean
  JavaDelegate recordStationingFiling(Actors actors) {
    return execution -> {
      String kind = (String) execution.getVariable(StationingFilingProcess.KIND);
      String task = switch (kind) {
        case StationingFilingProcess.CITY_PLAN -> StationingFilingProcess.FILE_CITY_PLAN;
        case StationingFilingProcess.PROJECT_REPORT -> StationingFilingProcess.FILE_PROJECT_REPORT;
        default -> StationingFilingProcess.FILE_PARTY_COURSES;
      };
      Date due = (Date) execution.getVariable(StationingFilingProcess.DUE_DATE);
      OffsetDateTime now = Now.in(zone);
      boolean late = now.toInstant().isAfter(due.toInstant());
      records.submitFiling(organisation.code(), intVariable(execution, StationingFilingProcess.YEAR), kind,
          (String) execution.getVariable(StationingFilingProcess.UNIT_CODE),
          json.write(json.tree(execution, StationingFilingProcess.FILING)), actors.of(execution, task), now, late);
      execution.setVariable(StationingFilingProcess.SUBMISSION_STATUS, late ? "已报送（逾期），待查收" : "已报送，待查收");
    };
  }

  /** {@code ServiceTask_RecordStationingFilingReceipt}: received, or returned with the comment mailed to the filer. */
  @Bean
  JavaDelegate recordStationingFilingReceipt() {
    return execution -> {
      boolean accepted = Boolean.TRUE.equals(execution.getVariable(StationingFilingProcess.ACCEPTED));
      String kind = (String) execution.getVariable(StationingFilingProcess.KIND);
      String unitCode = (String) execution.getVariable(StationingFilingProcess.UNIT_CODE);
      records.receiveFiling(organisation.code(), intVariable(execution, StationingFilingProcess.YEAR), kind, unitCode,
          accepted);
      execution.setVariable(StationingFilingProcess.SUBMISSION_STATUS, accepted ? "已收悉" : "已退回，待重新报送");
      if (!accepted) {
        String comment = String.valueOf(execution.getVariable(StationingFilingProcess.RECEIPT_COMMENT));
        String roundName = (String) execution.getVariable(StationingFilingProcess.ROUND_NAME);
        notifier.mailGroup(Groups.unit(unitCode), "【退回】" + roundName,
            execution.getVariable(StationingFilingProcess.UNIT_NAME) + "：\n\n《" + roundName + "》被"
                + execution.getVariable(StationingFilingProcess.RECEIVING_DEPARTMENT_NAME) + "退回：\n\n" + comment
                + "\n\n请在系统中修改后重新报送。");
      }
    };
  }

  static int intVariable(DelegateExecution execution, String name) {
    return ((Number) execution.getVariable(name)).intValue();
  }
}
