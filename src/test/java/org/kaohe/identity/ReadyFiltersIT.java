package org.kaohe.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.submission.UnitSubmissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Tasklist's ready filters as a city, a leader and the office reach them through Tasklist's engine API. */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ReadyFiltersIT {

  private static final String PASSWORD = "test-demo-secret";
  private static final String ENGINE_API = "/camunda/api/engine/engine/default";
  private static final List<String> UNIT_FILTERS = List.of("我的待办", "本单位待办", "即将到期", "已逾期");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  FilterService filterService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  AuthorizationService authorizationService;
  @Autowired
  ReadyFilters readyFilters;
  @Autowired
  UnitSubmissions unitSubmissions;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void noTasksLeftFromAnotherTest() {
    runtimeService.createProcessInstanceQuery().list()
        .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test"));
  }

  @Test
  void eachGroupSeesItsOwnReadyFiltersInOrderAndTheOfficeAlsoSeesAllUnits() throws Exception {
    WebClient city = login("shenzhen-staff");
    WebClient leader = login("shenzhen-leader");
    WebClient office = login("office-staff");

    assertThat(filterNames(city)).containsExactlyElementsOf(UNIT_FILTERS);
    assertThat(filterNames(leader)).containsExactlyElementsOf(UNIT_FILTERS);
    assertThat(filterNames(office)).containsExactlyElementsOf(concat(UNIT_FILTERS, "全部单位进度"));

    // The office's filter is not even readable by a city, and no one but the administrators changes a filter.
    String allUnits = filterId(office, "全部单位进度");
    assertThat(city.get(ENGINE_API + "/filter/" + allUnits).statusCode()).isIn(403, 404);
    assertThat(city.postJson(ENGINE_API + "/filter/" + allUnits + "/list", "{}", city.csrf()).statusCode())
        .isIn(403, 404);
    String mine = filterId(city, "我的待办");
    HttpResponse<String> changed = city.send(city.request(ENGINE_API + "/filter/" + mine, city.csrf())
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"resourceType\":\"Task\",\"name\":\"改名\",\"query\":{},\"properties\":{}}")).build());
    assertThat(changed.statusCode()).isEqualTo(403);
    HttpResponse<String> created = city.postJson(ENGINE_API + "/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"自建\",\"query\":{}}", city.csrf());
    assertThat(created.statusCode()).isEqualTo(403);
    assertThat(filterNames(city)).containsExactlyElementsOf(UNIT_FILTERS);
  }

  @Test
  void theFiltersSelectByAssigneeUnitAndDueDateForTheUserLoggedIn() throws Exception {
    Instant now = Instant.now();
    Task noDueDate = smokeTask("shenzhen", null);
    Task dueInThreeDays = smokeTask("shenzhen", now.plus(3, ChronoUnit.DAYS));
    Task dueYesterday = smokeTask("shenzhen", now.minus(1, ChronoUnit.DAYS));
    Task dueInTenDays = smokeTask("shenzhen", now.plus(10, ChronoUnit.DAYS));
    Task claimedByColleague = smokeTask("shenzhen", now.plus(2, ChronoUnit.DAYS));
    taskService.claim(claimedByColleague.getId(), "shenzhen-leader");
    taskService.claim(noDueDate.getId(), "shenzhen-staff");
    Task otherCity = smokeTask("guangzhou", now.plus(3, ChronoUnit.DAYS));
    Task otherCityLate = smokeTask("guangzhou", now.minus(1, ChronoUnit.DAYS));
    WebClient city = login("shenzhen-staff");

    assertThat(taskIds(city, "我的待办")).containsExactlyInAnyOrder(
        noDueDate.getId(), dueInThreeDays.getId(), dueYesterday.getId(), dueInTenDays.getId());
    assertThat(taskIds(city, "本单位待办")).containsExactlyInAnyOrder(noDueDate.getId(), dueInThreeDays.getId(),
        dueYesterday.getId(), dueInTenDays.getId(), claimedByColleague.getId());
    assertThat(taskIds(city, "即将到期")).containsExactlyInAnyOrder(dueInThreeDays.getId(), claimedByColleague.getId());
    assertThat(taskIds(city, "已逾期")).containsExactly(dueYesterday.getId());

    WebClient guangzhou = login("guangzhou-staff");
    assertThat(taskIds(guangzhou, "即将到期")).containsExactly(otherCity.getId());
    assertThat(taskIds(guangzhou, "已逾期")).containsExactly(otherCityLate.getId());
  }

  @Test
  void theOfficeFollowsEveryUnitsPackageWithUnitRoundAndStatusAsColumns() throws Exception {
    String guangzhou = unitSubmission("guangzhou", "广州市团委");
    String shenzhen = unitSubmission("shenzhen", "深圳市团委");
    smokeTask("shenzhen", null);
    WebClient office = login("office-staff");

    JsonNode list = hal(office, "全部单位进度");

    assertThat(list.at("/_embedded/task").findValuesAsText("processInstanceId"))
        .containsExactlyInAnyOrder(guangzhou, shenzhen);
    Map<String, Map<String, String>> columns = columnsByInstance(list);
    assertThat(columns.get(guangzhou)).containsEntry("unitName", "广州市团委").containsEntry("roundName", "2026年度考核")
        .containsEntry("submissionStatus", "填报中");
    assertThat(columns.get(shenzhen)).containsEntry("unitName", "深圳市团委");
    JsonNode filter = json.readTree(office.get(ENGINE_API + "/filter/" + filterId(office, "全部单位进度")).body());
    assertThat(filter.at("/properties/variables").findValuesAsText("label")).containsExactly("单位", "考核", "考核项目", "状态");

    // A city sees only its own package in its own filter, with the same columns: it may read its own instance.
    WebClient city = login("shenzhen-staff");
    JsonNode cityList = hal(city, "本单位待办");
    assertThat(cityList.at("/_embedded/task").findValuesAsText("processInstanceId"))
        .contains(shenzhen).doesNotContain(guangzhou);
    assertThat(columnsByInstance(cityList).get(shenzhen)).containsEntry("unitName", "深圳市团委")
        .containsEntry("roundName", "2026年度考核").containsEntry("submissionStatus", "填报中");
    assertThat(city.get(ENGINE_API + "/process-instance/" + guangzhou + "/variables").statusCode()).isIn(403, 404);

    // Its own task's history (Tasklist's 历史 tab) shows the comments operations leave; another unit's does not.
    String shenzhenTask = taskService.createTaskQuery().processInstanceId(shenzhen).taskDefinitionKey("UserTask_SubmitPackage")
        .singleResult().getId();
    String guangzhouTask = taskService.createTaskQuery().processInstanceId(guangzhou).taskDefinitionKey("UserTask_SubmitPackage")
        .singleResult().getId();
    taskService.createComment(shenzhenTask, shenzhen, "催办：请尽快报送");
    taskService.createComment(guangzhouTask, guangzhou, "催办：广州的意见");
    HttpResponse<String> comments = city.get(ENGINE_API + "/task/" + shenzhenTask + "/comment");
    assertThat(comments.statusCode()).isEqualTo(200);
    assertThat(json.readTree(comments.body()).findValuesAsText("message")).containsExactly("催办：请尽快报送");
    assertThat(city.get(ENGINE_API + "/task/" + guangzhouTask + "/comment").body()).doesNotContain("广州的意见");
    assertThat(json.readTree(city.get(ENGINE_API + "/history/process-instance").body()).findValuesAsText("id"))
        .contains(shenzhen).doesNotContain(guangzhou);
  }

  /**
   * The monthly cycles' tasks (issue 7) in the same filters, from stand-in models under the real keys deployed
   * here (the real models come from other branches; removed again after the test): a department's progress report
   * and stationing report, a city's plan. They follow monthly.md's conventions (variables unitCode, unitName,
   * roundName, submissionStatus, a due date, candidate group unit-<code>, the unit's groups may read the instance).
   */
  @Test
  void theMonthlyCyclesTasksAppearInTheUnitsFiltersByGroupAndDueDateAndInTheOfficesAllUnits() throws Exception {
    List<String> deployments = new ArrayList<>();
    try {
      for (String key : List.of("progress-report", "stationing-report", "stationing-filing")) {
        deployments.add(repositoryService.createDeployment().name("stand-in " + key)
            .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().userTask("UserTask_Report").camundaCandidateGroups("${unitGroup}")
                .camundaDueDate("${dueDate}").endEvent().done())
            .deploy().getId());
      }
      Instant now = Instant.now();
      String progress = monthly("progress-report", "progress:2026-05:publicity", "publicity", "宣传部",
          "2026年5月重点工作推进", now.plus(3, ChronoUnit.DAYS));
      String stationing = monthly("stationing-report", "stationing:2026-05:publicity:guangzhou", "publicity",
          "宣传部", "2026年5月驻点月报", now.minus(1, ChronoUnit.DAYS));
      String cityPlan = monthly("stationing-filing", "stationing-filing:2026:city-plan:guangzhou", "guangzhou",
          "广州市团委", "2026年驻点年度材料", now.plus(10, ChronoUnit.DAYS));
      String yearly = unitSubmission("shenzhen", "深圳市团委");
      Task smoke = smokeTask("publicity", now.plus(2, ChronoUnit.DAYS));

      WebClient department = login("publicity-staff");
      assertThat(instancesOf(department, "我的待办")).containsExactlyInAnyOrder(progress, stationing,
          smoke.getProcessInstanceId());
      assertThat(instancesOf(department, "本单位待办")).containsExactlyInAnyOrder(progress, stationing,
          smoke.getProcessInstanceId());
      assertThat(instancesOf(department, "即将到期")).containsExactlyInAnyOrder(progress, smoke.getProcessInstanceId());
      assertThat(instancesOf(department, "已逾期")).containsExactly(stationing);
      Map<String, Map<String, String>> columns = columnsByInstance(hal(department, "本单位待办"));
      assertThat(columns.get(progress)).containsEntry("unitName", "宣传部")
          .containsEntry("roundName", "2026年5月重点工作推进").containsEntry("submissionStatus", "填报中");
      assertThat(columns.get(stationing)).containsEntry("roundName", "2026年5月驻点月报");

      WebClient city = login("guangzhou-staff");
      assertThat(instancesOf(city, "本单位待办")).containsExactly(cityPlan);
      assertThat(instancesOf(city, "即将到期")).isEmpty();
      assertThat(instancesOf(city, "已逾期")).isEmpty();

      WebClient office = login("office-staff");
      JsonNode all = hal(office, "全部单位进度");
      assertThat(all.at("/_embedded/task").findValuesAsText("processInstanceId"))
          .containsExactlyInAnyOrder(progress, stationing, cityPlan, yearly);
      assertThat(columnsByInstance(all).get(cityPlan)).containsEntry("unitName", "广州市团委")
          .containsEntry("roundName", "2026年驻点年度材料");
    } finally {
      deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
    }
  }

  @Test
  void writingTheFiltersAgainAtTheNextStartKeepsTheirIdsAndAnAdministratorsName() {
    Filter mine = readyFilter(ReadyFilters.MY_TASKS);
    mine.setName("我的任务");
    filterService.saveFilter(mine);
    long before = filterService.createFilterQuery().count();

    readyFilters.afterSingletonsInstantiated();

    assertThat(filterService.createFilterQuery().count()).isEqualTo(before);
    assertThat(readyFilter(ReadyFilters.MY_TASKS)).satisfies(filter -> {
      assertThat(filter.getId()).isEqualTo(mine.getId());
      assertThat(filter.getName()).isEqualTo("我的任务");
    });
    Filter renamed = readyFilter(ReadyFilters.MY_TASKS);
    renamed.setName("我的待办");
    filterService.saveFilter(renamed);
  }

  private Filter readyFilter(String key) {
    return filterService.createFilterQuery().list().stream()
        .filter(filter -> filter.getProperties() != null && key.equals(filter.getProperties().get(ReadyFilters.KEY_PROPERTY)))
        .findFirst().orElseThrow();
  }

  private WebClient login(String user) {
    WebClient client = new WebClient(port);
    assertThat(client.loginToTasklist(user, PASSWORD).statusCode()).isEqualTo(200);
    return client;
  }

  /** The filters in Tasklist's order: by their priority property. */
  private List<String> filterNames(WebClient client) throws Exception {
    JsonNode filters = json.readTree(client.get(ENGINE_API + "/filter?resourceType=Task&itemCount=false").body());
    List<JsonNode> sorted = new ArrayList<>();
    filters.forEach(sorted::add);
    sorted.sort((a, b) -> Integer.compare(a.at("/properties/priority").asInt(), b.at("/properties/priority").asInt()));
    return sorted.stream().map(filter -> filter.get("name").asText()).toList();
  }

  private String filterId(WebClient client, String name) throws Exception {
    for (JsonNode filter : json.readTree(client.get(ENGINE_API + "/filter?resourceType=Task").body())) {
      if (name.equals(filter.get("name").asText())) {
        return filter.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + name);
  }

  private List<String> taskIds(WebClient client, String filter) throws Exception {
    HttpResponse<String> response = client.postJson(ENGINE_API + "/filter/" + filterId(client, filter) + "/list", "{}",
        client.csrf());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).findValuesAsText("id");
  }

  /** The list as Tasklist asks for it: HAL, with the filter's columns embedded. */
  private JsonNode hal(WebClient client, String filter) throws Exception {
    String[] headers = concat(List.of(client.csrf()), "Accept", "application/hal+json").toArray(String[]::new);
    HttpResponse<String> response = client.postJson(ENGINE_API + "/filter/" + filterId(client, filter) + "/list", "{}",
        headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static Map<String, Map<String, String>> columnsByInstance(JsonNode list) {
    Map<String, Map<String, String>> columns = new HashMap<>();
    for (JsonNode task : list.at("/_embedded/task")) {
      Map<String, String> values = new HashMap<>();
      for (JsonNode variable : task.at("/_embedded/variable")) {
        values.put(variable.get("name").asText(), variable.get("value").asText());
      }
      columns.put(task.get("processInstanceId").asText(), values);
    }
    return columns;
  }

  private Task smokeTask(String unit, Instant due) {
    String instance = runtimeService.startProcessInstanceByKey("kaohe-smoke-test", unit,
        Map.of("unitGroup", Groups.unit(unit))).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    if (due != null) {
      task.setDueDate(Date.from(due));
      taskService.saveTask(task);
    }
    return task;
  }

  /** An instance as the monthly cycles start theirs: variables, due date, the unit's groups may read it only. */
  private String monthly(String key, String businessKey, String unit, String unitName, String roundName,
      Instant due) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("unitCode", unit);
    variables.put("unitName", unitName);
    variables.put("roundName", roundName);
    variables.put("submissionStatus", "填报中");
    variables.put("unitGroup", Groups.unit(unit));
    variables.put("dueDate", Date.from(due));
    String instance = runtimeService.startProcessInstanceByKey(key, businessKey, variables).getId();
    for (String group : List.of(Groups.unit(unit), Groups.leaders(unit))) {
      IdentitySetup.grant(authorizationService, group, Resources.PROCESS_INSTANCE, instance, Permissions.READ);
      IdentitySetup.grant(authorizationService, group, Resources.HISTORIC_PROCESS_INSTANCE, instance,
          HistoricProcessInstancePermissions.READ);
    }
    return instance;
  }

  private List<String> instancesOf(WebClient client, String filter) throws Exception {
    return hal(client, filter).at("/_embedded/task").findValuesAsText("processInstanceId");
  }

  /** A unit's submission instance started as PublishRound starts it, without a round around it. */
  private String unitSubmission(String unit, String unitName) {
    OffsetDateTime due = OffsetDateTime.now().plusDays(30);
    return unitSubmissions.start("r", "2026年度考核", unit, unitName, "city", due, due, due,
        SpinValues.jsonValue("{}").create(), false, Date.from(due.toInstant()));
  }

  private static List<String> concat(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }
}
