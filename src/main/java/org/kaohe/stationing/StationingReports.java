package org.kaohe.stationing;

import org.kaohe.identity.IdentitySetup;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.springframework.stereotype.Component;

/** The one place that starts a department's monthly report on one paired city, and grants its reading. */
@Component
public class StationingReports {

  private final RuntimeService runtimeService;
  private final AuthorizationService authorizationService;
  private final StationingRecords records;
  private final Organisation organisation;
  private final StationingCalendar calendar;

  StationingReports(RuntimeService runtimeService, AuthorizationService authorizationService, StationingRecords records,
      Organisation organisation, StationingCalendar calendar) {
    this.runtimeService = runtimeService;
    this.authorizationService = authorizationService;
    this.records = records;
    this.organisation = organisation;
    this.calendar = calendar;
  }

  /** Opens the month for every paired (department, city); a report already running (a retried job) is left alone. */
  void openMonth(int year, int month) {
    for (Organisation.StationingPairing pairing : organisation.stationingPairings()) {
      for (String city : pairing.cities()) {
        start(year, month, pairing.department(), city);
      }
    }
  }

  String start(int year, int month, String department, String city) {
    String businessKey = StationingReportProcess.businessKey(year, month, department, city);
    var running = runtimeService.createProcessInstanceQuery().processDefinitionKey(StationingReportProcess.KEY)
        .processInstanceBusinessKey(businessKey).list();
    if (!running.isEmpty()) {
      return running.get(0).getId();
    }
    Date due = calendar.monthDue(year, month);
    int reminderDays = organisation.stationing().reminderDaysBefore();
    Map<String, Object> variables = Variables.createVariables()
        .putValue(StationingReportProcess.YEAR, year)
        .putValue(StationingReportProcess.MONTH, month)
        .putValue(StationingReportProcess.CITY, city)
        .putValue(StationingReportProcess.CITY_NAME, cityName(city))
        .putValue(StationingReportProcess.UNIT_CODE, department)
        .putValue(StationingReportProcess.UNIT_NAME, unitName(organisation, department))
        .putValue(StationingReportProcess.UNIT_GROUP, Groups.unit(department))
        .putValue(StationingReportProcess.ROUND_NAME, StationingReportProcess.roundName(year, month, cityName(city)))
        .putValue(StationingReportProcess.SUBMISSION_STATUS, "填报中")
        .putValue(StationingReportProcess.DUE_DATE, due)
        .putValue(StationingReportProcess.REMINDER_DATE, calendar.monthReminder(year, month, reminderDays))
        .putValue(StationingReportProcess.LATE, false);
    String instance = runtimeService.startProcessInstanceByKey(StationingReportProcess.KEY, businessKey, variables).getId();
    letTheUnitRead(authorizationService, instance, department);
    records.openReport(organisation.code(), year, month, department, city,
        OffsetDateTime.ofInstant(due.toInstant(), calendar.zone()), instance);
    return instance;
  }

  /** "广州市团委" → "广州市": the city as the report's title names it. */
  String cityName(String city) {
    String name = unitName(organisation, city);
    return name.endsWith("团委") ? name.substring(0, name.length() - 2) : name;
  }

  static String unitName(Organisation organisation, String code) {
    return organisation.unit(code).map(Organisation.Unit::name).orElse(code);
  }

  /**
   * The unit's staff and leaders read their own instance and its history (Tasklist's columns and 历史 tab), as
   * UnitSubmissions does; one grant per instance, so a department never reads another department's report.
   */
  static void letTheUnitRead(AuthorizationService authorizationService, String instance, String unitCode) {
    IdentitySetup.letUnitRead(authorizationService, instance, unitCode);
  }
}
