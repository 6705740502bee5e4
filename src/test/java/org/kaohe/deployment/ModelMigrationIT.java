package org.kaohe.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * docs/模型管理指南.md as an administrator does it: a changed unit-submission deployed over the REST API the way
 * Camunda Modeler deploys, a running round left on its version, then moved with Camunda's migration API
 * (generate a plan, check it, apply it to the round's instances); and a change that cannot be migrated, refused
 * with Camunda's reason while nothing moves.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ModelMigrationIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String ADMIN_PASSWORD = "test-admin-secret";
  static final String MODEL = "unit-submission.bpmn";
  static final String FORM_MARKER = "<!-- 第二版表单 -->";
  static final String RECEIVED = "Event_PackageReceived";

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  Organisation organisation;

  RoundDriver driver;
  WebClient rest;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void clients() {
    driver = new RoundDriver(port, managementService);
    rest = new WebClient(port);
  }

  @Test
  void aChangedModelLeavesARunningRoundOnItsVersionUntilTheAdministratorMigratesItsInstances() throws Exception {
    String roundId = driver.publish(2017, LocalDate.now(ZONE).plusDays(30), Set.of("guangzhou", "shenzhen", "foshan")::contains);
    String oldVersion = definitionOf(roundId);
    String guangzhou = instance(roundId, "guangzhou");
    String shenzhen = instance(roundId, "shenzhen");
    // guangzhou waits for its leader's approval; shenzhen has saved a draft; foshan has not started.
    submitPackage(guangzhou, "guangzhou");
    String shenzhenTask = driver.onlyTask("shenzhen-staff", shenzhen, UnitSubmissionProcess.SUBMIT_PACKAGE);
    ObjectNode draft = json.createObjectNode();
    draft.putObject("summary").put("yearWork", "草稿：全年开展主题团日活动 80 场。");
    assertThat(driver.saveDraft("shenzhen-staff", shenzhenTask, draft).statusCode()).isEqualTo(204);
    Map<String, Snapshot> before = snapshots(roundId);
    assertThat(before.get(guangzhou).tasks()).containsKey(UnitSubmissionProcess.APPROVE_PACKAGE);
    assertThat(before.get(shenzhen).tasks()).containsKey(UnitSubmissionProcess.SUBMIT_PACKAGE);

    // Only an administrator deploys: the office reaches the REST API but has no right to deploy.
    Map<String, byte[]> changed = bundle(model -> compatibleChange(model, "填报报送材料"), form -> form.replace(
        "<form role=\"form\" name=\"khSubmitPackageForm\"", FORM_MARKER + "\n<form role=\"form\" name=\"khSubmitPackageForm\""));
    HttpResponse<String> byOffice = deploy(changed, "office-staff", RoundDriver.PASSWORD);
    assertThat(byOffice.statusCode()).as(byOffice.body()).isEqualTo(403);
    HttpResponse<String> byAdmin = deploy(changed, "admin", ADMIN_PASSWORD);
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
    String newVersion = json.readTree(byAdmin.body()).get("deployedProcessDefinitions").fieldNames().next();
    assertThat(version(newVersion)).isEqualTo(version(oldVersion) + 1);

    // Without migration the running round stays where it is, with its own forms; a new round takes the new version.
    assertThat(definitionOf(roundId)).isEqualTo(oldVersion);
    assertThat(deployedForm("shenzhen-staff", shenzhenTask)).doesNotContain(FORM_MARKER);
    String nextRound = driver.publish(2018, LocalDate.now(ZONE).plusDays(30), Set.of("zhuhai")::contains);
    assertThat(definitionOf(nextRound)).isEqualTo(newVersion);
    assertThat(deployedForm("zhuhai-staff", driver.onlyTask("zhuhai-staff", instance(nextRound, "zhuhai"),
        UnitSubmissionProcess.SUBMIT_PACKAGE))).contains(FORM_MARKER);

    // 1. The plan: Camunda maps every activity that kept its ID and type.
    JsonNode plan = generate(oldVersion, newVersion);
    assertThat(sourceActivities(plan)).contains(UnitSubmissionProcess.SUBMIT_PACKAGE, UnitSubmissionProcess.APPROVE_PACKAGE,
        UnitSubmissionProcess.PREPARE_PACKAGE, UnitSubmissionProcess.FIRST_REMINDER, UnitSubmissionProcess.SUBMISSION_DEADLINE);
    // 2. Checked: no instruction is refused.
    JsonNode check = validate(plan);
    assertThat(check.get("instructionReports")).as(check.toString()).isEmpty();
    // 3. Applied to the round's instances; the office may not.
    String request = executeRequest(plan, roundId);
    HttpResponse<String> migratedByOffice = post("/engine-rest/migration/execute", request, "office-staff", RoundDriver.PASSWORD);
    assertThat(migratedByOffice.statusCode()).as(migratedByOffice.body()).isEqualTo(403);
    assertThat(definitionOf(roundId)).isEqualTo(oldVersion);
    HttpResponse<String> executed = post("/engine-rest/migration/execute", request, "admin", ADMIN_PASSWORD);
    assertThat(executed.statusCode()).as(executed.body()).isEqualTo(204);

    assertThat(definitionOf(roundId)).isEqualTo(newVersion);
    Map<String, Snapshot> after = snapshots(roundId);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String instance : before.keySet()) {
      Snapshot was = before.get(instance);
      Snapshot is = after.get(instance);
      assertThat(is.tasks()).as("same tasks, same ids, candidates and dates").isEqualTo(was.tasks());
      assertThat(is.timers()).as("same timer jobs and due dates").isEqualTo(was.timers()).isNotEmpty();
      assertThat(is.variables()).as("same variables").isEqualTo(was.variables());
    }
    assertThat(taskService.createTaskQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").list())
        .allSatisfy(t -> assertThat(t.getProcessDefinitionId()).isEqualTo(newVersion));
    assertThat(managementService.createJobQuery().processInstanceId(shenzhen).timers().list())
        .allSatisfy(j -> assertThat(j.getProcessDefinitionId()).isEqualTo(newVersion));
    // The migrated task opens the form of its new version, the draft still in it.
    assertThat(deployedForm("shenzhen-staff", shenzhenTask)).contains(FORM_MARKER);
    assertThat(driver.variableJson("shenzhen-staff", shenzhenTask, UnitSubmissionProcess.PACKAGE)).isEqualTo(draft);

    // The instances go on in the new model: a timer fires, and guangzhou's package passes the new event.
    Job firstReminder = timer(shenzhen, UnitSubmissionProcess.FIRST_REMINDER);
    managementService.executeJob(firstReminder.getId());
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(shenzhen)
        .activityId(UnitSubmissionProcess.SEND_FIRST_REMINDER).singleResult().getProcessDefinitionId()).isEqualTo(newVersion);
    String approval = driver.onlyTask("guangzhou-leader", guangzhou, UnitSubmissionProcess.APPROVE_PACKAGE);
    assertThat(deployedForm("guangzhou-leader", approval)).contains("form");
    driver.complete("guangzhou-leader", approval, Map.of(UnitSubmissionProcess.PACKAGE_APPROVED, booleanVariable(true)));
    driver.complete("office-staff", driver.onlyTask("office-staff", guangzhou, UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_ACCEPTED, booleanVariable(true)));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(guangzhou).activityId(RECEIVED).count())
        .isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(guangzhou)
        .activityIdIn(UnitSubmissionProcess.REVIEW_RETURN).count()).isEqualTo(1);
  }

  @Test
  void aChangeThatCannotBeMigratedIsRefusedWithCamundasReasonAndNothingMoves() throws Exception {
    String roundId = driver.publish(2019, LocalDate.now(ZONE).plusDays(30), Set.of("shantou", "shaoguan")::contains);
    String running = definitionOf(roundId);
    submitPackage(instance(roundId, "shaoguan"), "shaoguan");
    // The unit's fill-in task replaced by a manual task of the same ID: the open tasks would have nowhere to go.
    HttpResponse<String> deployed = deploy(bundle(this::withoutSubmissionTask, form -> form), "admin", ADMIN_PASSWORD);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String incompatible = json.readTree(deployed.body()).get("deployedProcessDefinitions").fieldNames().next();
    try {
      JsonNode plan = generate(running, incompatible);
      assertThat(sourceActivities(plan)).as("Camunda does not map a user task to a manual task")
          .doesNotContain(UnitSubmissionProcess.SUBMIT_PACKAGE).contains(UnitSubmissionProcess.APPROVE_PACKAGE);
      assertThat(validate(plan).get("instructionReports")).isEmpty();

      // Applying it is refused as a whole: Camunda's report names the instance, the activity and the reason.
      HttpResponse<String> refused = post("/engine-rest/migration/execute", executeRequest(plan, roundId), "admin",
          ADMIN_PASSWORD);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      JsonNode error = json.readTree(refused.body());
      assertThat(error.get("type").asText()).isEqualTo("MigratingProcessInstanceValidationException");
      // The report is of the first instance that cannot move (shaoguan's, at the approval, could).
      JsonNode report = error.path("validationReport");
      assertThat(report.get("processInstanceId").asText()).as(refused.body()).isEqualTo(instance(roundId, "shantou"));
      assertThat(report.get("activityInstanceValidationReports").findValuesAsText("sourceScopeId"))
          .containsExactly(UnitSubmissionProcess.SUBMIT_PACKAGE);
      assertThat(report.get("activityInstanceValidationReports").get(0).get("failures").get(0).asText())
          .isEqualTo("There is no migration instruction for this instance's activity");
      assertThat(definitionOf(roundId)).as("nothing migrated, not even shaoguan, whose task could move").isEqualTo(running);

      // Mapping the task by hand does not help: the check refuses the instruction, with the reason.
      ArrayNode instructions = (ArrayNode) ((ObjectNode) plan).get("instructions");
      instructions.addObject().set("sourceActivityIds", json.createArrayNode().add(UnitSubmissionProcess.SUBMIT_PACKAGE));
      ((ObjectNode) instructions.get(instructions.size() - 1))
          .set("targetActivityIds", json.createArrayNode().add(UnitSubmissionProcess.SUBMIT_PACKAGE));
      JsonNode check = validate(plan);
      assertThat(check.get("instructionReports")).as(plan + " -> " + check).hasSize(1);
      assertThat(check.get("instructionReports").get(0).get("failures").toString()).contains("incompatible");
      HttpResponse<String> stillRefused = post("/engine-rest/migration/execute", executeRequest(plan, roundId), "admin",
          ADMIN_PASSWORD);
      assertThat(stillRefused.statusCode()).isEqualTo(400);
      assertThat(definitionOf(roundId)).isEqualTo(running);
    } finally {
      // Going back: the previous file deployed again becomes the newest version, so new rounds start on it.
      HttpResponse<String> back = deploy(bundle(model -> model, form -> form), "admin", ADMIN_PASSWORD);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
    String restored = repositoryService.createProcessDefinitionQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .latestVersion().singleResult().getId();
    assertThat(version(restored)).isEqualTo(version(incompatible) + 1);
    assertThat(repositoryService.getBpmnModelInstance(restored).getModelElementById(UnitSubmissionProcess.SUBMIT_PACKAGE)
        .getElementType().getTypeName()).isEqualTo("userTask");
  }

  @Test
  void theScriptOfTheGuideChecksBeforeItAppliesAndPassesCamundasRefusalOn() throws Exception {
    assumeTrue(Stream.of("bash", "curl", "jq").allMatch(ModelMigrationIT::onPath), "bash, curl and jq");
    String roundId = driver.publish(2020, LocalDate.now(ZONE).plusDays(30), Set.of("jiangmen", "zhongshan")::contains);
    String running = definitionOf(roundId);
    HttpResponse<String> deployed = deploy(bundle(model -> compatibleChange(model, "填报本单位材料"), form -> form),
        "admin", ADMIN_PASSWORD);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String target = json.readTree(deployed.body()).get("deployedProcessDefinitions").fieldNames().next();
    Path folder = Files.createTempDirectory("kaohe-migration");

    Script plan = script(folder, "plan", UnitSubmissionProcess.KEY, roundId);
    assertThat(plan.exit()).as(plan.output()).isZero();
    assertThat(plan.output()).contains("本轮 2 个实例").contains("检查通过");
    assertThat(definitionOf(roundId)).as("planning changes nothing").isEqualTo(running);
    Path file = folder.resolve("migration-unit-submission-v" + version(running) + "-to-v" + version(target) + "-"
        + roundId + ".json");
    assertThat(file).exists();
    Script apply = script(folder, "apply", file.toString());
    assertThat(apply.exit()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("已迁移：2 个实例");
    assertThat(definitionOf(roundId)).isEqualTo(target);
    assertThat(script(folder, "apply", file.toString()).output()).contains("没有需要迁移的实例");
    assertThat(script(folder, "plan", UnitSubmissionProcess.KEY, roundId).output()).contains("无需迁移");

    HttpResponse<String> bad = deploy(bundle(this::withoutSubmissionTask, form -> form), "admin", ADMIN_PASSWORD);
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
    try {
      Script refusedPlan = script(folder, "plan", UnitSubmissionProcess.KEY, roundId);
      assertThat(refusedPlan.exit()).as(refusedPlan.output()).isEqualTo(1);
      assertThat(refusedPlan.output()).contains("当前所在的活动 UserTask_SubmitPackage", "应用时将被拒绝", "检查未通过");
      Path refusedFile = Files.list(folder).filter(f -> f.getFileName().toString().startsWith(
          "migration-unit-submission-v" + version(target) + "-")).findFirst().orElseThrow();
      Script refusedApply = script(folder, "apply", refusedFile.toString());
      assertThat(refusedApply.exit()).isEqualTo(1);
      assertThat(refusedApply.output()).contains("没有任何实例被迁移", "There is no migration instruction for this instance's activity");
      assertThat(definitionOf(roundId)).isEqualTo(target);
      Script office = script(folder, Map.of("KAOHE_USER", "office-staff", "KAOHE_PASSWORD", RoundDriver.PASSWORD),
          "apply", refusedFile.toString());
      assertThat(office.exit()).isNotZero();
      assertThat(office.output()).contains("无权操作");
    } finally {
      assertThat(deploy(bundle(model -> model, form -> form), "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
  }

  record Script(int exit, String output) {}

  private Script script(Path folder, String... arguments) throws IOException, InterruptedException {
    return script(folder, Map.of(), arguments);
  }

  /** docs/scripts/migrate.sh as the administrator runs it, against this application. */
  private Script script(Path folder, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("docs/scripts/migrate.sh").toAbsolutePath().toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
    builder.environment().put("KAOHE_URL", "http://localhost:" + port);
    builder.environment().put("KAOHE_USER", "admin");
    builder.environment().put("KAOHE_PASSWORD", ADMIN_PASSWORD);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new Script(process.exitValue(), output);
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** The unit's fill-in task replaced by a manual task of the same ID: the open tasks would have nowhere to go. */
  private String withoutSubmissionTask(String model) {
    int start = model.indexOf("<bpmn:userTask id=\"UserTask_SubmitPackage\"");
    int end = model.indexOf("</bpmn:userTask>", start) + "</bpmn:userTask>".length();
    return replaceOnce(model, model.substring(start, end), "<bpmn:manualTask id=\"UserTask_SubmitPackage\" name=\"线下填报\">"
        + "<bpmn:incoming>Flow_ToSubmitPackage</bpmn:incoming><bpmn:outgoing>Flow_ToApprovePackage</bpmn:outgoing>"
        + "</bpmn:manualTask>");
  }

  /** A compatible change: the task renamed, and a new event after the office's receipt. */
  private String compatibleChange(String model, String taskName) {
    String renamed = replaceOnce(model, "<bpmn:userTask id=\"UserTask_SubmitPackage\" name=\"填报材料\"",
        "<bpmn:userTask id=\"UserTask_SubmitPackage\" name=\"" + taskName + "\"");
    String rerouted = replaceOnce(renamed,
        "<bpmn:sequenceFlow id=\"Flow_ToPackageAccepted\" sourceRef=\"UserTask_ReceivePackage\" targetRef=\"Gateway_PackageAccepted\"/>",
        "<bpmn:sequenceFlow id=\"Flow_ToPackageAccepted\" sourceRef=\"UserTask_ReceivePackage\" targetRef=\"" + RECEIVED + "\"/>"
            + "<bpmn:intermediateThrowEvent id=\"" + RECEIVED + "\" name=\"材料已查收\">"
            + "<bpmn:incoming>Flow_ToPackageAccepted</bpmn:incoming><bpmn:outgoing>Flow_ToPackageAcceptedGateway</bpmn:outgoing>"
            + "</bpmn:intermediateThrowEvent>"
            + "<bpmn:sequenceFlow id=\"Flow_ToPackageAcceptedGateway\" sourceRef=\"" + RECEIVED
            + "\" targetRef=\"Gateway_PackageAccepted\"/>");
    return replaceOnce(rerouted, "<bpmn:incoming>Flow_ToPackageAccepted</bpmn:incoming>\n      <bpmn:outgoing>Flow_ReturnedByOffice",
        "<bpmn:incoming>Flow_ToPackageAcceptedGateway</bpmn:incoming>\n      <bpmn:outgoing>Flow_ReturnedByOffice");
  }

  private static String replaceOnce(String text, String from, String to) {
    assertThat(text).as("the shipped model still has what the test changes").containsOnlyOnce(from);
    return text.replace(from, to);
  }

  /** The shipped model, changed, with every form it names, as the administrator attaches them in Modeler. */
  private Map<String, byte[]> bundle(UnaryOperator<String> modelChange, UnaryOperator<String> formChange) {
    byte[] model = modelChange.apply(resource("processes/" + MODEL)).getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(MODEL, model);
    for (String form : ModelDeployer.formsOf(MODEL, model)) {
      files.put(form, formChange.apply(resource("forms/" + form)).getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  /** POST /deployment/create as Camunda Modeler sends it. */
  private HttpResponse<String> deploy(Map<String, byte[]> files, String user, String password) {
    String boundary = "kaohe" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = Map.of("deployment-name", "unit-submission", "deployment-source", "Camunda Modeler",
        "enable-duplicate-filtering", "true");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((name, content) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return rest.send(rest.request("/engine-rest/deployment/create", WebClient.basic(user, password))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private JsonNode generate(String source, String target) throws IOException {
    HttpResponse<String> response = post("/engine-rest/migration/generate", "{\"sourceProcessDefinitionId\":\"" + source
        + "\",\"targetProcessDefinitionId\":\"" + target + "\",\"updateEventTriggers\":false}", "admin", ADMIN_PASSWORD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode validate(JsonNode plan) throws IOException {
    HttpResponse<String> response = post("/engine-rest/migration/validate", plan.toString(), "admin", ADMIN_PASSWORD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** The round's unit instances that still run on the plan's source version. */
  private String executeRequest(JsonNode plan, String roundId) {
    ObjectNode request = json.createObjectNode();
    request.set("migrationPlan", plan);
    request.putObject("processInstanceQuery")
        .put("processDefinitionId", plan.get("sourceProcessDefinitionId").asText())
        .put("businessKeyLike", roundId + ":%");
    request.put("skipCustomListeners", false).put("skipIoMappings", false);
    return request.toString();
  }

  private HttpResponse<String> post(String path, String body, String user, String password) {
    return rest.postJson(path, body, WebClient.basic(user, password));
  }

  private static List<String> sourceActivities(JsonNode plan) {
    return plan.get("instructions").findValues("sourceActivityIds").stream().flatMap(a -> toList(a).stream()).toList();
  }

  private static List<String> toList(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private void submitPackage(String instance, String unitCode) {
    String staff = unitCode + "-staff";
    String task = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    Organisation.Unit unit = organisation.unit(unitCode).orElseThrow();
    JsonNode notice = driver.variableJson(staff, task, UnitSubmissionProcess.NOTICE);
    driver.complete(staff, task, Map.of(UnitSubmissionProcess.PACKAGE,
        driver.jsonVariable(driver.validPackage(notice, unit.kind().code(), unit.name()))));
  }

  private String deployedForm(String user, String taskId) {
    HttpResponse<String> form = driver.as(user).get(ENGINE_API + "/task/" + taskId + "/deployed-form");
    assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
    return form.body();
  }

  private String instance(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  /** The one definition the round's unit instances run on. */
  private String definitionOf(String roundId) {
    List<String> definitions = runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").list().stream()
        .map(ProcessInstance::getProcessDefinitionId).distinct().toList();
    assertThat(definitions).hasSize(1);
    return definitions.get(0);
  }

  private int version(String definitionId) {
    return repositoryService.getProcessDefinition(definitionId).getVersion();
  }

  private Job timer(String instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance).timers().list().stream()
        .filter(j -> activityId.equals(activityOf(j))).findFirst().orElseThrow();
  }

  private String activityOf(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  record TaskState(String id, String name, String assignee, Date due, Date followUp, List<String> candidates) {}

  record TimerState(String jobId, Date due) {}

  record Snapshot(Map<String, TaskState> tasks, Map<String, TimerState> timers, JsonNode variables) {}

  private Map<String, Snapshot> snapshots(String roundId) throws IOException {
    Map<String, Snapshot> snapshots = new TreeMap<>();
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKeyLike(roundId + ":%").processDefinitionKey(UnitSubmissionProcess.KEY).list()) {
      Map<String, TaskState> tasks = new TreeMap<>();
      for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
        tasks.put(task.getTaskDefinitionKey(), new TaskState(task.getId(), task.getName(), task.getAssignee(),
            task.getDueDate(), task.getFollowUpDate(), taskService.getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).sorted().toList()));
      }
      Map<String, TimerState> timers = new TreeMap<>();
      for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
        timers.put(activityOf(job), new TimerState(job.getId(), job.getDuedate()));
      }
      HttpResponse<String> variables = rest.get("/engine-rest/process-instance/" + instance.getId()
          + "/variables?deserializeValues=false", WebClient.basic("admin", ADMIN_PASSWORD));
      assertThat(variables.statusCode()).isEqualTo(200);
      snapshots.put(instance.getId(), new Snapshot(tasks, timers, json.readTree(variables.body())));
    }
    return snapshots;
  }

  private String resource(String path) {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
