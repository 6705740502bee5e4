package org.kaohe.stationing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.kaohe.organisation.Organisation;
import org.kaohe.webapp.TaskResource;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * The month behind a compile task (UserTask_CompileStationingReports), for its form: every department's report per
 * city with which are missing, the month's shortfalls, and the month as .xlsx. Only a user who sees that task (the
 * receiving department) gets it; any other task answers 409, an invisible one 404.
 */
public class StationingMonthResource extends TaskResource {

  private static final String OTHER_TASK = "此任务不是驻点月报汇总任务";

  public StationingMonthResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName, beans, taskId);
  }

  @GET
  @Produces(WebappApi.JSON_UTF8)
  public Response month() {
    Task task = task(StationingProcess.KEY, StationingProcess.COMPILE_REPORTS, OTHER_TASK);
    int year = ((Number) variable(task, StationingProcess.YEAR)).intValue();
    int month = ((Number) variable(task, StationingProcess.MONTH_VARIABLE)).intValue();
    Organisation organisation = beans.getBean(Organisation.class);
    StationingRecords records = beans.getBean(StationingRecords.class);
    List<Map<String, Object>> reports = records.reports(organisation.code(), year, month).stream().map(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("department", r.department());
      row.put("departmentName", StationingReports.unitName(organisation, r.department()));
      row.put("city", r.city());
      row.put("cityName", StationingReports.unitName(organisation, r.city()));
      row.put("status", r.status());
      row.put("late", r.late());
      row.put("report", r.reportJson());
      return row;
    }).toList();
    List<Map<String, Object>> shortfalls = records.shortfalls(organisation.code(), year).stream()
        .filter(s -> s.month() == month && StationingRecords.DEPARTMENT_MONTH.equals(s.kind()))
        .map(s -> Map.<String, Object>of("department", s.department(),
            "departmentName", StationingReports.unitName(organisation, s.department()), "days", s.days(),
            "requiredDays", s.requiredDays()))
        .toList();
    return WebappApi.json(200, Map.of("year", year, "month", month, "reports", reports, "shortfalls", shortfalls));
  }

  @GET
  @Path("workbook")
  public Response workbook() {
    Task task = task(StationingProcess.KEY, StationingProcess.COMPILE_REPORTS, OTHER_TASK);
    int year = ((Number) variable(task, StationingProcess.YEAR)).intValue();
    int month = ((Number) variable(task, StationingProcess.MONTH_VARIABLE)).intValue();
    Organisation organisation = beans.getBean(Organisation.class);
    byte[] bytes = StationingWorkbook.write(year, month,
        beans.getBean(StationingRecords.class).reports(organisation.code(), year, month),
        code -> StationingReports.unitName(organisation, code), organisation.stationing().minDaysPerDepartmentPerMonth());
    return WebappApi.download(bytes, year + "年" + month + "月驻点月报汇总.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
}
