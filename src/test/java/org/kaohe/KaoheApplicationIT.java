package org.kaohe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The running application, over HTTP, as Tasklist, Camunda Modeler and an integration reach it. */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(KaoheApplicationIT.ProbeConfiguration.class)
class KaoheApplicationIT {

  static final String ADMIN_PASSWORD = "test-admin-secret";
  static final String DEMO_PASSWORD = "test-demo-secret";
  static final String ENGINE_API = "/camunda/api/engine/engine/default";
  /** Would count a call if any request's expression were ever evaluated against the engine's beans. */
  static final String PROBE = "${expressionProbe.touch()}";

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  IdentityService identityService;
  @Autowired
  FilterService filterService;
  @Autowired
  Organisation organisation;
  @Autowired
  ExpressionProbe probe;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void rootLeadsToTheCamundaWebapps() {
    HttpResponse<String> response = new WebClient(port).get("/");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/"));
  }

  @Test
  void groupsOfTheConfiguredOrganisationExist() {
    for (Organisation.Unit unit : organisation.units()) {
      assertThat(identityService.createGroupQuery().groupId(Groups.unit(unit.code())).singleResult())
          .as(unit.code()).isNotNull()
          .satisfies(g -> assertThat(g.getName()).isEqualTo(unit.name()))
          .satisfies(g -> assertThat(g.getType()).isEqualTo(unit.kind().code()));
      assertThat(identityService.createGroupQuery().groupId(Groups.leaders(unit.code())).count()).isEqualTo(1);
    }
    assertThat(identityService.createGroupQuery().groupIdIn(Groups.OFFICE, Groups.SUPERVISORS, Groups.ADMINISTRATORS)
        .count()).isEqualTo(3);
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.leaders("guangzhou")).list())
        .extracting(u -> u.getId()).containsExactly("guangzhou-leader");
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.ADMINISTRATORS).list())
        .extracting(u -> u.getId()).containsExactly("admin");
  }

  @Test
  void restApiNeedsCredentialsAndIsForAdministratorsAndTheOfficeOnly() {
    WebClient client = new WebClient(port);

    assertThat(client.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(client.get("/engine-rest/engine").statusCode()).isEqualTo(401);
    // Not the admin: Camunda locks an account for a few seconds after a wrong password, which other tests need.
    assertThat(client.get("/engine-rest/task", WebClient.basic("office-leader", "wrong")).statusCode()).isEqualTo(401);
    HttpResponse<String> unitUser = client.get("/engine-rest/task", WebClient.basic("guangzhou-staff", DEMO_PASSWORD));
    assertThat(unitUser.statusCode()).isEqualTo(403);
    assertThat(unitUser.body()).doesNotContain("\"id\"");
    assertThat(client.get("/engine-rest/task", WebClient.basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(client.get("/engine-rest/task", WebClient.basic("office-staff", DEMO_PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void restApiRefusesExpressionsAtTopLevelInOrQueriesAndInSavedFiltersWithoutEvaluatingThem() {
    WebClient client = new WebClient(port);
    String[] admin = WebClient.basic("admin", ADMIN_PASSWORD);
    int before = probe.calls();
    long filters = filterService.createFilterQuery().count();

    HttpResponse<String> inParameter = client.get("/engine-rest/task?assigneeExpression=" + encode(PROBE), admin);
    HttpResponse<String> inBody = client.postJson("/engine-rest/task", "{\"assigneeExpression\":\"" + PROBE + "\"}", admin);
    HttpResponse<String> inOrQuery = client.postJson("/engine-rest/task",
        "{\"orQueries\":[{\"candidateGroup\":\"office\"},{\"candidateGroupExpression\":\"" + PROBE + "\"}]}", admin);
    HttpResponse<String> inCount = client.get("/engine-rest/task/count?dueBeforeExpression=" + encode(PROBE), admin);
    HttpResponse<String> inSavedFilter = client.postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"orQueries\":[{\"assigneeExpression\":\"" + PROBE + "\"}]}}",
        admin);

    for (HttpResponse<String> response : List.of(inParameter, inBody, inOrQuery, inCount, inSavedFilter)) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
      assertThat(response.body()).contains("不允许使用表达式");
    }
    assertThat(probe.calls()).isEqualTo(before);
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
  }

  @Test
  void aCityCannotSeeOrCompleteAnotherCitysTaskThroughTheTasklistEngineApi() throws Exception {
    Task guangzhouTask = startSmokeTaskFor("guangzhou");
    Task shenzhenTask = startSmokeTaskFor("shenzhen");
    WebClient shenzhen = new WebClient(port);
    assertThat(shenzhen.loginToTasklist("shenzhen-staff", DEMO_PASSWORD).statusCode()).isEqualTo(200);

    JsonNode visible = json.readTree(shenzhen.get(ENGINE_API + "/task").body());
    assertThat(visible.findValuesAsText("id")).contains(shenzhenTask.getId()).doesNotContain(guangzhouTask.getId());
    JsonNode filters = json.readTree(shenzhen.get(ENGINE_API + "/filter?resourceType=Task").body());
    assertThat(filters.findValuesAsText("name")).contains("本单位待办");
    String filterId = java.util.stream.StreamSupport.stream(filters.spliterator(), false)
        .filter(filter -> filter.get("name").asText().equals("本单位待办")).findFirst().orElseThrow().get("id").asText();
    JsonNode throughFilter = json.readTree(shenzhen.postJson(ENGINE_API + "/filter/" + filterId + "/list", "{}",
        shenzhen.csrf()).body());
    assertThat(throughFilter.findValuesAsText("id")).contains(shenzhenTask.getId()).doesNotContain(guangzhouTask.getId());
    JsonNode byGroup = json.readTree(shenzhen.postJson(ENGINE_API + "/task",
        "{\"candidateGroup\":\"" + Groups.unit("guangzhou") + "\"}", shenzhen.csrf()).body());
    assertThat(byGroup).isEmpty();

    String other = ENGINE_API + "/task/" + guangzhouTask.getId();
    for (HttpResponse<String> read : List.of(shenzhen.get(other), shenzhen.get(other + "/variables"),
        shenzhen.get(other + "/form-variables"), shenzhen.get(other + "/deployed-form"))) {
      assertThat(read.statusCode()).as(read.uri().toString()).isIn(403, 404);
      assertThat(read.body()).doesNotContain(guangzhouTask.getProcessInstanceId()).doesNotContain("cam-variable-name");
    }
    for (String action : List.of("/complete", "/submit-form", "/claim")) {
      HttpResponse<String> write = shenzhen.postJson(other + action,
          action.equals("/claim") ? "{\"userId\":\"shenzhen-staff\"}" : "{\"variables\":{}}", shenzhen.csrf());
      assertThat(write.statusCode()).as(action).isEqualTo(403);
    }
    assertThat(taskService.createTaskQuery().taskId(guangzhouTask.getId()).singleResult())
        .as("the other city's task is untouched").isNotNull()
        .satisfies(t -> assertThat(t.getAssignee()).isNull());

    // The same user does reach its own task and its form, which comes from the task's deployment.
    HttpResponse<String> form = shenzhen.get(ENGINE_API + "/task/" + shenzhenTask.getId() + "/deployed-form");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("cam-variable-name=\"note\"");
    HttpResponse<String> complete = shenzhen.postJson(ENGINE_API + "/task/" + shenzhenTask.getId() + "/submit-form",
        "{\"variables\":{\"note\":{\"value\":\"已完成\",\"type\":\"String\"}}}", shenzhen.csrf());
    assertThat(complete.statusCode()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(shenzhenTask.getId()).count()).isZero();
  }

  @Test
  void webappEngineApiRefusesExpressionsToo() {
    WebClient office = new WebClient(port);
    assertThat(office.loginToTasklist("office-staff", DEMO_PASSWORD).statusCode()).isEqualTo(200);
    int before = probe.calls();

    HttpResponse<String> inParameter = office.get(ENGINE_API + "/task?candidateUserExpression=" + encode(PROBE));
    HttpResponse<String> inOrQuery = office.postJson(ENGINE_API + "/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + PROBE + "\"}]}", office.csrf());
    HttpResponse<String> inFilter = office.postJson(ENGINE_API + "/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"assigneeExpression\":\"" + PROBE + "\"}}", office.csrf());

    assertThat(List.of(inParameter, inOrQuery, inFilter)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
    assertThat(probe.calls()).isEqualTo(before);
  }

  @Test
  void javaSerializedVariablesAreRefused() {
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey("kaohe-smoke-test").count();
    // The bytes of a serialized java.util.HashMap; a gadget chain would travel the same way.
    String serialized = java.util.Base64.getEncoder().encodeToString(serialize(new java.util.HashMap<String, String>()));

    HttpResponse<String> response = new WebClient(port).postJson(
        "/engine-rest/process-definition/key/kaohe-smoke-test/start",
        "{\"variables\":{\"unitGroup\":{\"value\":\"unit-guangzhou\"},\"payload\":{\"value\":\"" + serialized
            + "\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}",
        WebClient.basic("admin", ADMIN_PASSWORD));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("不接受 Java 序列化格式的变量");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("kaohe-smoke-test").count())
        .isEqualTo(instances);
  }

  private static byte[] serialize(java.io.Serializable value) {
    try (var bytes = new java.io.ByteArrayOutputStream(); var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(value);
      out.flush();
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void csrfProtectionStaysOnAndSessionCookieIsHttpOnlyAndSameSite() {
    Task task = startSmokeTaskFor("foshan");
    WebClient foshan = new WebClient(port);
    HttpResponse<String> login = foshan.loginToTasklist("foshan-staff", DEMO_PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    HttpResponse<String> withoutToken = foshan.postJson(ENGINE_API + "/task/" + task.getId() + "/complete", "{}");

    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void deploymentFromCamundaModelerOverRestBehavesLikeAStartUpDeployment() throws Exception {
    WebClient modeler = new WebClient(port);
    String[] admin = WebClient.basic("admin", ADMIN_PASSWORD);
    byte[] model = getClass().getResourceAsStream("/processes/kaohe-smoke-test.bpmn").readAllBytes();
    String changedForm = new String(getClass().getResourceAsStream("/forms/fill-smoke-form.html").readAllBytes(),
        StandardCharsets.UTF_8).replace("备注", "备注（Modeler 修改）");
    Multipart first = new Multipart()
        .field("deployment-name", "kaohe-smoke-test")
        .field("deployment-source", "Camunda Modeler")
        .field("enable-duplicate-filtering", "true")
        .file("kaohe-smoke-test.bpmn", model)
        .file("fill-smoke-form.html", changedForm.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> deployed = modeler.send(first.post(modeler.request("/engine-rest/deployment/create", admin)));
    HttpResponse<String> again = modeler.send(first.post(modeler.request("/engine-rest/deployment/create", admin)));

    assertThat(deployed.statusCode()).isEqualTo(200);
    JsonNode definitions = json.readTree(deployed.body()).get("deployedProcessDefinitions");
    assertThat(definitions).hasSize(1);
    assertThat(json.readTree(again.body()).get("deployedProcessDefinitions").isNull()).as("unchanged: no new version").isTrue();
    Task task = startSmokeTaskFor("zhuhai");
    assertThat(task.getProcessDefinitionId()).isEqualTo(definitions.fieldNames().next());
    WebClient zhuhai = new WebClient(port);
    zhuhai.loginToTasklist("zhuhai-staff", DEMO_PASSWORD);
    assertThat(zhuhai.get(ENGINE_API + "/task/" + task.getId() + "/deployed-form").body()).contains("Modeler 修改");
    HttpResponse<String> unitUser = modeler.send(first.post(modeler.request("/engine-rest/deployment/create",
        WebClient.basic("zhuhai-staff", DEMO_PASSWORD))));
    assertThat(unitUser.statusCode()).isEqualTo(403);
  }

  private Task startSmokeTaskFor(String unit) {
    String instance = runtimeService.startProcessInstanceByKey("kaohe-smoke-test", unit,
        Map.of("unitGroup", Groups.unit(unit))).getId();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A multipart/form-data body as Camunda Modeler sends to /deployment/create. */
  static final class Multipart {
    private final String boundary = "kaohe" + System.nanoTime();
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

    Multipart field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
      return this;
    }

    Multipart file(String name, byte[] content) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(content);
      write("\r\n");
      return this;
    }

    HttpRequest post(HttpRequest.Builder builder) {
      byte[] bytes = body.toByteArray();
      byte[] closing = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + closing.length);
      System.arraycopy(closing, 0, all, bytes.length, closing.length);
      return builder.header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build();
    }

    private void write(String text) {
      body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class ProbeConfiguration {
    @Bean
    ExpressionProbe expressionProbe() {
      return new ExpressionProbe();
    }
  }

  public static class ExpressionProbe {
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
