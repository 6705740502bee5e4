package org.kaohe.progressreport;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.kaohe.organisation.UnitKind;
import org.kaohe.support.JsonVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the year's key-work progress reporting. The office starts it in Tasklist with the start form, so the checks
 * and the business key live in the start event's listener, which both ways of starting pass through.
 */
@Component("startProgressReporting")
public class ProgressYears implements ExecutionListener {

  private final RuntimeService runtimeService;
  private final KeyWork keyWork;
  private final Organisation organisation;
  private final ZoneId zone;
  private final JsonVariables json;

  ProgressYears(RuntimeService runtimeService, KeyWork keyWork, Organisation organisation, JsonVariables json,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.json = json;
    this.runtimeService = runtimeService;
    this.keyWork = keyWork;
    this.organisation = organisation;
    this.zone = zone;
  }

  public ProcessInstance start(int year) {
    return runtimeService.startProcessInstanceByKey(ProgressReportingProcess.KEY,
        ProgressReportingProcess.businessKey(year), Map.of(ProgressReportingProcess.YEAR, year));
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object value = execution.getVariable(ProgressReportingProcess.YEAR);
    int year = check(value instanceof Number n ? n.intValue() : parse(value));
    execution.setVariable(ProgressReportingProcess.YEAR, year);
    execution.setProcessBusinessKey(ProgressReportingProcess.businessKey(year));
    execution.setVariable(ProgressReportingProcess.OFFICE_LEADERS_GROUP, Groups.leaders(organisation.officeUnit()));
    execution.setVariable(ProgressReportingProcess.UNIT_CODE, organisation.officeUnit());
    execution.setVariable(ProgressReportingProcess.UNIT_NAME,
        organisation.unit(organisation.officeUnit()).map(Organisation.Unit::name).orElse("办公室"));
    execution.setVariable(ProgressReportingProcess.ROUND_NAME, year + "年重点工作推进");
    execution.setVariable(ProgressReportingProcess.SUBMISSION_STATUS, "目录起草中");
    // The draft form's choice of responsible department: the organisation's departments and affiliated units.
    List<Map<String, String>> choices = organisation.units().stream()
        .filter(u -> u.kind() == UnitKind.DEPARTMENT || u.kind() == UnitKind.AFFILIATED_UNIT)
        .map(u -> Map.of("code", u.code(), "name", u.name(), "kind", u.kind() == UnitKind.DEPARTMENT ? "部室" : "直属单位"))
        .toList();
    execution.setVariable(ProgressReportingProcess.DEPARTMENT_CHOICES, json.value(choices));
  }

  private int check(int year) {
    if (organisation.progressReports() == null) {
      throw new BadUserRequestException(organisation.shortName() + "未启用重点工作月度推进");
    }
    int current = Now.in(zone).getYear();
    if (year < current - 1 || year > current + 1) {
      throw new BadUserRequestException("年度应为" + (current - 1) + "至" + (current + 1) + "年之间");
    }
    if (keyWork.hasCatalogue(organisation.code(), year)) {
      throw new BadUserRequestException(year + "年的重点工作目录已经审定，不能重复开始");
    }
    long running = runtimeService.createProcessInstanceQuery().processDefinitionKey(ProgressReportingProcess.KEY)
        .processInstanceBusinessKey(ProgressReportingProcess.businessKey(year)).count();
    if (running > 0) {
      throw new BadUserRequestException(year + "年的重点工作推进流程已在进行中，不能重复开始");
    }
    return year;
  }

  private static int parse(Object value) {
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new BadUserRequestException("请填写年度（四位数字，如 2026）");
    }
  }
}
