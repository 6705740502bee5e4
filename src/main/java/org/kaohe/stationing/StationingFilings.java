package org.kaohe.stationing;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.springframework.stereotype.Component;

/** The one place that starts the once-a-year filings of the stationing plan. */
@Component
public class StationingFilings {

  private final RuntimeService runtimeService;
  private final AuthorizationService authorizationService;
  private final StationingRecords records;
  private final Organisation organisation;
  private final StationingCalendar calendar;

  StationingFilings(RuntimeService runtimeService, AuthorizationService authorizationService, StationingRecords records,
      Organisation organisation, StationingCalendar calendar) {
    this.runtimeService = runtimeService;
    this.authorizationService = authorizationService;
    this.records = records;
    this.organisation = organisation;
    this.calendar = calendar;
  }

  /** Every city committee's local plan, to the grassroots department (seed 002: "于5月10日前…报团省委基层组织建设部"). */
  void openCityPlans(int year) {
    Organisation.Filing filing = organisation.stationing().cityPlan();
    for (Organisation.Unit city : organisation.unitsOfKind(UnitKind.CITY)) {
      start(year, StationingFilingProcess.CITY_PLAN, city.code(), filing);
    }
  }

  /** Every paired department or affiliated unit: its project report and its party-course materials. */
  void openDecemberFilings(int year) {
    for (Organisation.StationingPairing pairing : organisation.stationingPairings()) {
      start(year, StationingFilingProcess.PROJECT_REPORT, pairing.department(), organisation.stationing().projectReport());
      start(year, StationingFilingProcess.PARTY_COURSES, pairing.department(), organisation.stationing().partyCourses());
    }
  }

  String start(int year, String kind, String unitCode, Organisation.Filing filing) {
    String businessKey = StationingFilingProcess.businessKey(year, kind, unitCode);
    var running = runtimeService.createProcessInstanceQuery().processDefinitionKey(StationingFilingProcess.KEY)
        .processInstanceBusinessKey(businessKey).list();
    if (!running.isEmpty()) {
      return running.get(0).getId();
    }
    Date due = calendar.filingDue(year, filing.due());
    Map<String, Object> variables = Variables.createVariables()
        .putValue(StationingFilingProcess.YEAR, year)
        .putValue(StationingFilingProcess.KIND, kind)
        .putValue(StationingFilingProcess.UNIT_CODE, unitCode)
        .putValue(StationingFilingProcess.UNIT_NAME, StationingReports.unitName(organisation, unitCode))
        .putValue(StationingFilingProcess.UNIT_GROUP, Groups.unit(unitCode))
        .putValue(StationingFilingProcess.LEADERS_GROUP, Groups.leaders(unitCode))
        .putValue(StationingFilingProcess.RECEIVING_DEPARTMENT, filing.department())
        .putValue(StationingFilingProcess.RECEIVING_DEPARTMENT_NAME,
            StationingReports.unitName(organisation, filing.department()))
        .putValue(StationingFilingProcess.RECEIVING_GROUP, Groups.unit(filing.department()))
        .putValue(StationingFilingProcess.ROUND_NAME, year + "年驻点年度材料（" + StationingFilingProcess.kindName(kind) + "）")
        .putValue(StationingFilingProcess.SUBMISSION_STATUS, "填报中")
        .putValue(StationingFilingProcess.DUE_DATE, due);
    String instance = runtimeService.startProcessInstanceByKey(StationingFilingProcess.KEY, businessKey, variables).getId();
    StationingReports.letTheUnitRead(authorizationService, instance, unitCode);
    // The receiving department reads the filings it receives, and only those. The publicity department files its own
    // party courses to itself: its grant is already there (and a second insert in this command would clash).
    if (!filing.department().equals(unitCode)) {
      StationingReports.letTheUnitRead(authorizationService, instance, filing.department());
    }
    records.openFiling(organisation.code(), year, kind, unitCode, filing.department(),
        OffsetDateTime.ofInstant(due.toInstant(), calendar.zone()), instance);
    return instance;
  }
}
