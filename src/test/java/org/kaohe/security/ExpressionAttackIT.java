package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.rest.dto.CamundaQueryParam;
import org.camunda.bpm.engine.rest.dto.VariableQueryParameterDto;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.identity.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Expressions in every query field of every Camunda query endpoint (fields read from Camunda's own
 * {@code *QueryDto} classes), as GET parameters and POST bodies, through {@code /engine-rest} and the webapps'
 * engine API, in {@code orQueries} and saved filters; Java-serialized and foreign object variables through every
 * way a variable is set. Everything is refused with a Chinese 400 and nothing is evaluated: a probe bean counts
 * calls, and the side effects the payloads would have (a variable, a user, a file) are absent. Text that looks like
 * an expression in a form field is stored as typed.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=3525"})
@ActiveProfiles({"demo", "test"})
@Import(ExpressionAttackIT.ProbeConfiguration.class)
class ExpressionAttackIT {

  static final String ADMIN_PASSWORD = "test-admin-secret";
  static final String DEMO_PASSWORD = "test-demo-secret";
  static final String ENGINE_API = "/camunda/api/engine/engine/default";
  static final String PWNED_USER = "pwned";
  static final Path PWNED_FILE = Path.of(System.getProperty("java.io.tmpdir"), "kaohe-pwned-" + UUID.randomUUID());

  /** Each one would leave a trace if evaluated: a probe call, a variable, a user, a file. */
  static final List<String> PAYLOADS = List.of(
      "${attackProbe.touch()}",
      "#{attackProbe.touch()}",
      "${execution.setVariable('pwned',1)}",
      "${identityService.saveUser(identityService.newUser('" + PWNED_USER + "'))}",
      "${''.getClass().forName('java.lang.Runtime').getMethod('exec',''.getClass()).invoke(''.getClass()"
          + ".forName('java.lang.Runtime').getMethod('getRuntime').invoke(null),'touch " + PWNED_FILE + "')}",
      "a%${attackProbe.touch()}%",
      "$ {attackProbe.touch()}".replace("$ ", "$\t"));

  /** Where each of Camunda's query DTOs is used: its GET path and whether the same query is also a POST body. */
  static final Map<String, Endpoint> ENDPOINTS = endpoints();

  record Endpoint(String path, boolean post) {}

  @LocalServerPort
  int port;
  @Autowired
  AttackProbe probe;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  IdentityService identityService;
  @Autowired
  FilterService filterService;
  @Autowired
  org.camunda.bpm.engine.HistoryService historyService;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> notRefused = new ArrayList<>();
  private List<Front> fronts;

  /** A caller: a path prefix and how it authenticates. */
  record Front(String name, String prefix, WebClient client, String[] headers) {}

  @BeforeEach
  void fronts() {
    WebClient city = new WebClient(port);
    assertThat(city.loginToTasklist("guangzhou-staff", DEMO_PASSWORD).statusCode()).isEqualTo(200);
    WebClient office = new WebClient(port);
    assertThat(office.loginToTasklist("office-staff", DEMO_PASSWORD).statusCode()).isEqualTo(200);
    fronts = List.of(
        new Front("engine-rest admin", "/engine-rest", new WebClient(port), WebClient.basic("admin", ADMIN_PASSWORD)),
        new Front("engine-rest office", "/engine-rest", new WebClient(port), WebClient.basic("office-staff", DEMO_PASSWORD)),
        new Front("webapp city", ENGINE_API, city, city.csrf()),
        new Front("webapp office", ENGINE_API, office, office.csrf()));
  }

  @AfterEach
  void nothingWasEvaluated() {
    assertThat(probe.calls()).as("probe calls").isZero();
    assertThat(runtimeService.createVariableInstanceQuery().variableName("pwned").count()).isZero();
    assertThat(identityService.createUserQuery().userId(PWNED_USER).count()).isZero();
    assertThat(Files.exists(PWNED_FILE)).as(PWNED_FILE.toString()).isFalse();
    assertThat(notRefused).as("not refused").isEmpty();
  }

  @Test
  void anExpressionInAnyFieldOfAnyQueryIsRefusedOnBothFronts() throws Exception {
    Map<Class<?>, Map<String, Method>> dtos = queryDtos();
    assertThat(dtos.keySet()).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
    int fields = 0;
    for (var dto : dtos.entrySet()) {
      Endpoint endpoint = ENDPOINTS.get(dto.getKey().getSimpleName());
      for (var field : dto.getValue().entrySet()) {
        fields++;
        for (Front front : fronts) {
          String payload = nextPayload();
          expectRefused(front, front.client().get(front.prefix() + endpoint.path() + "?" + field.getKey() + "="
              + URLEncoder.encode(getValue(field.getValue(), payload), StandardCharsets.UTF_8), front.headers()));
          if (endpoint.post()) {
            ObjectNode body = json.createObjectNode();
            body.set(property(field.getValue()), bodyValue(field.getValue(), nextPayload()));
            expectRefused(front, front.client().postJson(front.prefix() + endpoint.path(), body.toString(), front.headers()));
          }
        }
      }
    }
    // Task queries nest: each field again inside orQueries, on the count endpoint too.
    for (var field : dtos.get(org.camunda.bpm.engine.rest.dto.task.TaskQueryDto.class).entrySet()) {
      for (Front front : fronts) {
        ObjectNode body = json.createObjectNode();
        body.putArray("orQueries").addObject().set(property(field.getValue()), bodyValue(field.getValue(), nextPayload()));
        expectRefused(front, front.client().postJson(front.prefix() + "/task/count", body.toString(), front.headers()));
      }
    }
    Figures.print(ExpressionAttackIT.class, "queries: " + ENDPOINTS.size() + " endpoints, " + fields + " fields, "
        + fronts.size() + " callers (engine-rest admin/office, webapp city/office), attempts " + attempts
        + ", refused " + refused + ", evaluated " + probe.calls());
  }

  @Test
  void savedFiltersAndTheirExecutionRefuseExpressionsInEveryTaskQueryField() throws Exception {
    Filter existing = filterService.saveFilter(filterService.newTaskFilter("攻击测试").setOwner("admin")
        .setQuery(taskService.createTaskQuery().taskCandidateGroup(Groups.OFFICE)));
    String existingFilter = fronts.get(0).client().get("/engine-rest/filter/" + existing.getId(), fronts.get(0).headers()).body();
    assertThat(existingFilter).contains("攻击测试");
    long filters = filterService.createFilterQuery().count();
    Map<String, Method> taskFields = queryDtos().get(org.camunda.bpm.engine.rest.dto.task.TaskQueryDto.class);
    List<Front> writers = List.of(fronts.get(0), fronts.get(3));
    for (var field : taskFields.entrySet()) {
      for (Front front : writers) {
        ObjectNode query = json.createObjectNode();
        query.set(property(field.getValue()), bodyValue(field.getValue(), nextPayload()));
        ObjectNode filter = json.createObjectNode().put("resourceType", "Task").put("name", "x");
        filter.set("query", query);
        expectRefused(front, front.client().postJson(front.prefix() + "/filter/create", filter.toString(), front.headers()));
        ObjectNode nested = filter.deepCopy();
        nested.set("query", json.createObjectNode().set("orQueries", json.createArrayNode().add(query)));
        HttpRequest put = front.client().request(front.prefix() + "/filter/" + existing.getId(), front.headers())
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(nested.toString())).build();
        expectRefused(front, front.client().send(put));
      }
      for (Front front : fronts) {
        ObjectNode extra = json.createObjectNode();
        extra.set(property(field.getValue()), bodyValue(field.getValue(), nextPayload()));
        expectRefused(front, front.client().postJson(front.prefix() + "/filter/" + existing.getId() + "/list",
            extra.toString(), front.headers()));
      }
    }
    // A filter's properties are shown in Tasklist and are no place for an expression either.
    for (String payload : PAYLOADS) {
      String body = "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{},\"properties\":{\"description\":"
          + json.writeValueAsString(payload) + "}}";
      expectRefused(fronts.get(0), fronts.get(0).client().postJson("/engine-rest/filter/create", body, fronts.get(0).headers()));
    }
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    assertThat(fronts.get(0).client().get("/engine-rest/filter/" + existing.getId(), fronts.get(0).headers()).body())
        .as("the filter is unchanged").isEqualTo(existingFilter);
    Figures.print(ExpressionAttackIT.class, "saved filters: " + taskFields.size() + " task query fields in create, "
        + "update (in orQueries) and list; attempts " + attempts + ", refused " + refused + ", evaluated " + probe.calls());
  }

  @Test
  void serializedAndForeignObjectVariablesAreRefusedEverywhereAVariableIsSet() throws Exception {
    Task task = startSmokeTaskFor("guangzhou");
    String instance = task.getProcessInstanceId();
    Map<String, String> variables = hostileVariables();
    int ways = 0;
    for (var variable : variables.entrySet()) {
      String name = "attack" + variable.getKey();
      String map = "{\"" + name + "\":" + variable.getValue() + "}";
      Map<String, String> posts = new LinkedHashMap<>();
      posts.put("/task/" + task.getId() + "/complete", "{\"variables\":" + map + "}");
      posts.put("/task/" + task.getId() + "/submit-form", "{\"variables\":" + map + "}");
      posts.put("/task/" + task.getId() + "/variables", "{\"modifications\":" + map + "}");
      posts.put("/task/" + task.getId() + "/localVariables", "{\"modifications\":" + map + "}");
      posts.put("/process-instance/" + instance + "/variables", "{\"modifications\":" + map + "}");
      posts.put("/process-definition/key/kaohe-smoke-test/start", "{\"variables\":" + map + "}");
      posts.put("/process-definition/key/kaohe-smoke-test/submit-form", "{\"variables\":" + map + "}");
      posts.put("/process-instance/" + instance + "/modification", "{\"instructions\":[{\"type\":\"startBeforeActivity\","
          + "\"activityId\":\"UserTask_FillForm\",\"variables\":" + map + "}]}");
      posts.put("/message", "{\"messageName\":\"x\",\"processVariables\":" + map + "}");
      ways = posts.size() + 2;
      for (Front front : List.of(fronts.get(0), fronts.get(2), fronts.get(3))) {
        for (var post : posts.entrySet()) {
          expectRefused(front, front.client().postJson(front.prefix() + post.getKey(), post.getValue(), front.headers()));
        }
        for (String put : List.of("/task/" + task.getId() + "/variables/" + name,
            "/process-instance/" + instance + "/variables/" + name)) {
          expectRefused(front, front.client().send(front.client().request(front.prefix() + put, front.headers())
              .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(variable.getValue())).build()));
        }
      }
      assertThat(runtimeService.createVariableInstanceQuery().variableName(name).count()).as(name).isZero();
    }
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("kaohe-smoke-test").count()).isEqualTo(1);
    Figures.print(ExpressionAttackIT.class, "variables: " + variables.size() + " hostile kinds x " + ways
        + " ways x 3 callers; attempts " + attempts + ", refused " + refused + ", stored 0");
  }

  @Test
  void expressionLikeTextInAFormIsStoredAsTypedAndNeverEvaluated() throws Exception {
    Task task = startSmokeTaskFor("guangzhou");
    Front city = fronts.get(2);
    List<String> texts = new ArrayList<>(PAYLOADS);
    texts.add("总结：${attackProbe.touch()} 与 #{attackProbe.touch()}");
    ObjectNode variables = json.createObjectNode();
    for (int i = 0; i < texts.size(); i++) {
      variables.putObject("note" + i).put("value", texts.get(i)).put("type", "String");
    }
    variables.putObject("package").put("type", "Json")
        .put("value", json.createObjectNode().put("summary", PAYLOADS.get(3)).toString());
    HttpResponse<String> submitted = city.client().postJson(city.prefix() + "/task/" + task.getId() + "/submit-form",
        json.createObjectNode().set("variables", variables).toString(), city.headers());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    // The instance has ended; its history keeps what was submitted.
    for (int i = 0; i < texts.size(); i++) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
          .variableName("note" + i).singleResult().getValue()).isEqualTo(texts.get(i));
    }
    Object pkg = historyService.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .variableName("package").singleResult().getValue();
    assertThat(json.readTree(pkg.toString()).path("summary").asText()).isEqualTo(PAYLOADS.get(3));
    // A comment is free text as well.
    HttpResponse<String> comment = fronts.get(0).client().postJson("/engine-rest/task/" + startSmokeTaskFor("shenzhen").getId()
        + "/comment/create", "{\"message\":" + json.writeValueAsString(PAYLOADS.get(0)) + "}", fronts.get(0).headers());
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
    assertThat(json.readTree(comment.body()).path("message").asText()).isEqualTo(PAYLOADS.get(0));
    Figures.print(ExpressionAttackIT.class, "free text: " + (texts.size() + 2) + " expression-like texts stored verbatim, "
        + "evaluated " + probe.calls());
  }

  private void expectRefused(Front front, HttpResponse<String> response) {
    attempts.incrementAndGet();
    String message = "";
    try {
      message = json.readTree(response.body()).path("message").asText();
    } catch (Exception notJson) {
      // counted as not refused below
    }
    if (response.statusCode() == 400 && (message.contains("不允许使用表达式") || message.contains("不接受"))) {
      refused.incrementAndGet();
    } else {
      notRefused.add(front.name() + " " + response.request().method() + " " + response.uri() + " → "
          + response.statusCode() + " " + response.body());
    }
  }

  private String nextPayload() {
    return PAYLOADS.get(Math.floorMod(attempts.get(), PAYLOADS.size()));
  }

  /** Every public query DTO of Camunda's REST API with its query parameters (name → setter). */
  static Map<Class<?>, Map<String, Method>> queryDtos() throws Exception {
    Map<Class<?>, Map<String, Method>> dtos = new LinkedHashMap<>();
    for (Resource resource : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:org/camunda/bpm/engine/rest/dto/**/*QueryDto.class")) {
      String path = resource.getURL().toString();
      String name = path.substring(path.indexOf("org/camunda/bpm/engine/rest/dto/"), path.length() - ".class".length())
          .replace('/', '.');
      Class<?> type = Class.forName(name);
      if (java.lang.reflect.Modifier.isAbstract(type.getModifiers()) || name.contains("$")) {
        continue;
      }
      Map<String, Method> fields = new TreeMap<>();
      for (Method method : type.getMethods()) {
        CamundaQueryParam param = method.getAnnotation(CamundaQueryParam.class);
        if (param != null && method.getParameterCount() == 1) {
          fields.put(param.value(), method);
        }
      }
      dtos.put(type, fields);
    }
    return dtos;
  }

  private static String property(Method setter) {
    return Introspector.decapitalize(setter.getName().substring(3));
  }

  private static boolean variableConditions(Method setter) {
    return setter.getGenericParameterTypes()[0].getTypeName().contains(VariableQueryParameterDto.class.getName());
  }

  private static String getValue(Method setter, String payload) {
    return variableConditions(setter) ? "name_eq_" + payload : payload;
  }

  private com.fasterxml.jackson.databind.JsonNode bodyValue(Method setter, String payload) {
    Class<?> type = setter.getParameterTypes()[0];
    if (variableConditions(setter)) {
      ArrayNode conditions = json.createArrayNode();
      conditions.addObject().put("name", "name").put("operator", "eq").put("value", payload);
      return conditions;
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return json.createArrayNode().add(payload);
    }
    return json.getNodeFactory().textNode(payload);
  }

  private Map<String, String> hostileVariables() throws Exception {
    Map<String, String> variables = new LinkedHashMap<>();
    java.util.HashMap<String, String> map = new java.util.HashMap<>(Map.of("a", "b"));
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(map);
    }
    String serialized = Base64.getEncoder().encodeToString(bytes.toByteArray());
    variables.put("JavaSerialized", object(serialized, "java.util.HashMap", "application/x-java-serialized-object"));
    variables.put("JavaSerializedNoType", "{\"value\":\"" + serialized + "\",\"type\":\"Object\",\"valueInfo\":"
        + "{\"serializationDataFormat\":\"application/x-java-serialized-object\"}}");
    variables.put("ProcessBuilderJson", object("{\"command\":[\"touch\",\"" + PWNED_FILE + "\"]}", "java.lang.ProcessBuilder",
        "application/json"));
    variables.put("HashMapJson", object("{\"a\":\"b\"}", "java.util.HashMap", "application/json"));
    variables.put("TemplatesJson", object("{}", "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "application/json"));
    variables.put("ProcessBuilderXml", object("<ProcessBuilder/>", "java.lang.ProcessBuilder", "application/xml"));
    variables.put("KaoheTypeInXml", object("<x/>", "org.kaohe.round.Notice", "application/xml"));
    variables.put("Xml", "{\"value\":\"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>\",\"type\":\"Xml\"}");
    variables.put("UntypedMap", "{\"value\":{\"a\":\"b\"}}");
    return variables;
  }

  private String object(String value, String typeName, String format) throws Exception {
    return "{\"value\":" + json.writeValueAsString(value) + ",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\""
        + typeName + "\",\"serializationDataFormat\":\"" + format + "\"}}";
  }

  private Task startSmokeTaskFor(String unit) {
    String instance = runtimeService.startProcessInstanceByKey("kaohe-smoke-test", unit,
        Map.of("unitGroup", Groups.unit(unit))).getId();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult();
  }

  private static Map<String, Endpoint> endpoints() {
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("ExternalTaskQueryDto", new Endpoint("/external-task", true));
    endpoints.put("AuthorizationQueryDto", new Endpoint("/authorization", false));
    endpoints.put("TaskQueryDto", new Endpoint("/task", true));
    endpoints.put("JobDefinitionQueryDto", new Endpoint("/job-definition", true));
    endpoints.put("DecisionDefinitionQueryDto", new Endpoint("/decision-definition", false));
    endpoints.put("DeploymentQueryDto", new Endpoint("/deployment", false));
    endpoints.put("DecisionRequirementsDefinitionQueryDto", new Endpoint("/decision-requirements-definition", false));
    endpoints.put("ProcessDefinitionQueryDto", new Endpoint("/process-definition", false));
    endpoints.put("CaseDefinitionQueryDto", new Endpoint("/case-definition", false));
    endpoints.put("ExecutionQueryDto", new Endpoint("/execution", true));
    endpoints.put("EventSubscriptionQueryDto", new Endpoint("/event-subscription", false));
    endpoints.put("ProcessInstanceQueryDto", new Endpoint("/process-instance", true));
    endpoints.put("JobQueryDto", new Endpoint("/job", true));
    endpoints.put("FilterQueryDto", new Endpoint("/filter", false));
    endpoints.put("CaseExecutionQueryDto", new Endpoint("/case-execution", true));
    endpoints.put("CaseInstanceQueryDto", new Endpoint("/case-instance", true));
    endpoints.put("IncidentQueryDto", new Endpoint("/incident", false));
    endpoints.put("VariableInstanceQueryDto", new Endpoint("/variable-instance", true));
    endpoints.put("BatchQueryDto", new Endpoint("/batch", false));
    endpoints.put("BatchStatisticsQueryDto", new Endpoint("/batch/statistics", false));
    endpoints.put("TenantQueryDto", new Endpoint("/tenant", false));
    endpoints.put("GroupQueryDto", new Endpoint("/group", true));
    endpoints.put("UserQueryDto", new Endpoint("/user", false));
    endpoints.put("SchemaLogQueryDto", new Endpoint("/schema/log", true));
    endpoints.put("HistoricActivityInstanceQueryDto", new Endpoint("/history/activity-instance", true));
    endpoints.put("HistoricTaskInstanceQueryDto", new Endpoint("/history/task", true));
    endpoints.put("HistoricExternalTaskLogQueryDto", new Endpoint("/history/external-task-log", true));
    endpoints.put("HistoricJobLogQueryDto", new Endpoint("/history/job-log", true));
    endpoints.put("HistoricCaseInstanceQueryDto", new Endpoint("/history/case-instance", true));
    endpoints.put("HistoricVariableInstanceQueryDto", new Endpoint("/history/variable-instance", true));
    endpoints.put("HistoricIdentityLinkLogQueryDto", new Endpoint("/history/identity-link-log", false));
    endpoints.put("HistoricCaseActivityInstanceQueryDto", new Endpoint("/history/case-activity-instance", false));
    endpoints.put("HistoricTaskInstanceReportQueryDto", new Endpoint("/history/task/report", false));
    endpoints.put("HistoricProcessInstanceQueryDto", new Endpoint("/history/process-instance", true));
    endpoints.put("HistoricDecisionInstanceQueryDto", new Endpoint("/history/decision-instance", false));
    endpoints.put("HistoricIncidentQueryDto", new Endpoint("/history/incident", false));
    endpoints.put("HistoricDetailQueryDto", new Endpoint("/history/detail", true));
    endpoints.put("HistoricBatchQueryDto", new Endpoint("/history/batch", false));
    endpoints.put("UserOperationLogQueryDto", new Endpoint("/history/user-operation", false));
    return endpoints;
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class ProbeConfiguration {
    @Bean
    AttackProbe attackProbe() {
      return new AttackProbe();
    }
  }

  /** Counts calls: any evaluated payload calls it. */
  public static class AttackProbe {
    private final AtomicInteger calls = new AtomicInteger();

    public String touch() {
      calls.incrementAndGet();
      return "touched";
    }

    int calls() {
      return calls.get();
    }
  }
}
