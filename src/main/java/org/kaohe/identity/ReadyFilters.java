package org.kaohe.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.Organisation.Unit;
import org.kaohe.progressreport.ProgressReportProcess;
import org.kaohe.stationing.StationingFilingProcess;
import org.kaohe.stationing.StationingReportProcess;
import org.kaohe.submission.UnitSubmissionProcess;
import org.kaohe.support.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tasklist's ready filters, written at every start: 我的待办, 本单位待办, 即将到期, 已逾期 for every group that works
 * in Tasklist, and 全部单位进度 for the office. Each is readable by the groups named here only, and shows the
 * unit, the round and the package's status as columns beside Tasklist's own due date.
 *
 * <p>The queries use Camunda's {@code currentUser()}, {@code currentUserGroups()}, {@code now()} and
 * {@code dateTime()} so that one filter serves every user and every day. Stored-query expressions are on for that
 * reason only: these filters are written here, from code; a filter saved over the REST API with an expression is
 * refused by the engine-request guard, and no group but the administrators may create or change filters.
 *
 * <p>A filter is recognised by its {@value #KEY_PROPERTY} property, so an administrator may rename it in
 * Tasklist; its query, columns and order are put back at the next start.
 */
@Component
class ReadyFilters implements SmartInitializingSingleton {

  static final String KEY_PROPERTY = "kaoheFilter";
  static final String MY_TASKS = "my-tasks";
  static final String UNIT_TASKS = "unit-tasks";
  static final String DUE_SOON = "due-soon";
  static final String OVERDUE = "overdue";
  static final String ALL_UNITS = "all-units";

  /**
   * The processes whose tasks units work on, followed by the office in 全部单位进度: the yearly package and the
   * monthly cycles' task-bearing processes (issue 7). The monthly keys are written out because their process
   * classes come with their models; a key without a deployed model selects nothing. The area reviews and the yearly
   * round's own processes stay out: they are the departments' and the office's work, not the units' reports.
   */
  static final List<String> ALL_UNITS_PROCESSES = List.of(UnitSubmissionProcess.KEY,
      ProgressReportProcess.KEY, StationingReportProcess.KEY, StationingFilingProcess.KEY);

  /** Filters Camunda's starter created before the ready filters existed (camunda.bpm.filter.create). */
  private static final String OLD_SHARED_FILTER = "全部待办";

  private static final String MINE = "${currentUser()}";
  private static final String MY_GROUPS = "${currentUserGroups()}";

  private static final Logger log = LoggerFactory.getLogger(ReadyFilters.class);

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final Organisation organisation;
  private final StartupLock startupLock;

  ReadyFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService,
      Organisation organisation, StartupLock startupLock) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
    this.organisation = organisation;
    this.startupLock = startupLock;
  }

  /** One ready filter: what it is called, what it selects, who sees it. */
  record Definition(String key, String name, String description, int priority, String color, TaskQuery query,
      List<String> groups) {}

  /**
   * Under the start-up lock: a filter is found by its key property, not a unique key, so two nodes writing at the
   * same time would each create one.
   */
  @Override
  public void afterSingletonsInstantiated() {
    startupLock.run(this::write);
  }

  private void write() {
    List<String> workingGroups = workingGroups();
    for (Definition definition : definitions(workingGroups)) {
      Filter filter = save(definition);
      for (String group : definition.groups()) {
        IdentitySetup.grant(authorizationService, group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
    removeOldSharedFilter();
    log.info("Ready filters written for {} groups", workingGroups.size());
  }

  List<Definition> definitions(List<String> workingGroups) {
    List<Definition> definitions = new ArrayList<>();
    definitions.add(new Definition(MY_TASKS, "我的待办", "交给我办理的任务，以及本人可以认领的任务", -20, "#2f6fb4",
        taskService.createTaskQuery().or().taskAssigneeExpression(MINE).taskCandidateUserExpression(MINE).endOr(),
        workingGroups));
    definitions.add(new Definition(UNIT_TASKS, "本单位待办", "本单位（本组）的全部待办任务，包括同事已认领的", -10, "#3a8f5c",
        unitScope(), workingGroups));
    definitions.add(new Definition(DUE_SOON, "即将到期", "本单位 7 天内到期的任务", 0, "#c98a12",
        unitScope().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(7).toDate()}"),
        workingGroups));
    definitions.add(new Definition(OVERDUE, "已逾期", "本单位已过到期时间仍未办结的任务", 10, "#c0392b",
        unitScope().dueBeforeExpression("${now()}"), workingGroups));
    definitions.add(new Definition(ALL_UNITS, "全部单位进度", "各单位考核材料、重点工作推进月报和驻点材料的办理情况（办公室）", 20,
        "#6c5a99", taskService.createTaskQuery().processDefinitionKeyIn(ALL_UNITS_PROCESSES.toArray(String[]::new)),
        List.of(Groups.OFFICE)));
    return definitions;
  }

  /** The user's groups' tasks, also those a colleague has claimed. */
  private TaskQuery unitScope() {
    return taskService.createTaskQuery().taskCandidateGroupInExpression(MY_GROUPS).includeAssignedTasks();
  }

  /** Every group whose members work in Tasklist: the units' staff and leaders, the office, the secretaries. */
  private List<String> workingGroups() {
    List<String> groups = new ArrayList<>();
    for (Unit unit : organisation.units()) {
      groups.add(Groups.unit(unit.code()));
      groups.add(Groups.leaders(unit.code()));
    }
    groups.add(Groups.OFFICE);
    groups.add(Groups.SECRETARIES);
    return groups;
  }

  private Filter save(Definition definition) {
    Filter filter = filterService.createFilterQuery().filterResourceType(Resources.TASK.resourceName()).list().stream()
        .filter(existing -> definition.key().equals(property(existing, KEY_PROPERTY)))
        .findFirst()
        .orElseGet(() -> filterService.newTaskFilter(definition.name()));
    filter.setQuery(definition.query());
    filter.setProperties(properties(definition));
    return filterService.saveFilter(filter);
  }

  /**
   * Tasklist reads these properties: the order in the filter list, the colour, whether it refreshes, and which
   * process variables it shows on every task, labelled in Chinese.
   */
  private static Map<String, Object> properties(Definition definition) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(KEY_PROPERTY, definition.key());
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("color", definition.color());
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", List.of(
        column("unitName", "单位"),
        column("roundName", "考核"),
        column("areaName", "考核项目"),
        column("submissionStatus", "状态")));
    return properties;
  }

  private static Map<String, String> column(String variable, String label) {
    return Map.of("name", variable, "label", label);
  }

  private static Object property(Filter filter, String key) {
    Map<String, Object> properties = filter.getProperties();
    return properties == null ? null : properties.get(key);
  }

  private void removeOldSharedFilter() {
    filterService.createFilterQuery().filterName(OLD_SHARED_FILTER).list().stream()
        .filter(filter -> property(filter, KEY_PROPERTY) == null && filter.getOwner() == null)
        .forEach(filter -> filterService.deleteFilter(filter.getId()));
  }
}
