package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.PackageFilesFlow;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 8, isolation matrix: every Guangdong city has a round of its own data (an open package task and a bonus
 * task, a package submitted, approved by its leader, recorded by Kaohe and returned by the office, a summary document
 * as a file variable, a comment); then for each of the 21 × 20 ordered pairs (A, B) a user of A tries to read and to
 * change B's tasks, instance, variables, files, history, Kaohe's task endpoints and the dashboard, through the webapps'
 * engine API, {@code /engine-rest} and Kaohe's own API.
 *
 * <p>What counts as a success (= a leak): a 2xx answer to a request about one object of B; a 2xx answer to a list
 * query (filtered to B's ids) that holds any row (a 200 with {@code []} or {@code {"count":0}} is a refusal: the
 * engine answers queries by leaving out what the user may not see); any answer whose body holds B's marker (a
 * string stored only in B's data), B's unit name, or one of B's ids the request did not itself carry. After the
 * matrix B's state is compared with what it was: nothing any A did may have changed it.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=3125"})
@ActiveProfiles({"demo", "test"})
class CityIsolationIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String KAOHE = "/camunda/api/tasklist/plugin/kaohe/default/tasks/";
  static final String DASHBOARD = "/camunda/api/cockpit/plugin/kaohe-progress/default/";
  static final String COCKPIT_BASE = "/camunda/api/cockpit/plugin/base/default/";
  static final String REST = "/engine-rest";
  /** Threads sending the matrix' requests: the machine has 2 cores, the server's threads do the work. */
  static final int THREADS = 6;
  /** The matrix must stay a fast test (issue 8: ./mvnw verify under ~6 minutes in all). */
  static final long MAX_MATRIX_MILLIS = 180_000;
  /** The requests beyond the core are spread over the pairs in this many slices. */
  static final int SLICES = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

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
  Organisation organisation;
  @Autowired
  JdbcTemplate jdbc;

  RoundDriver driver;

  /** What one city has in the round: the ids the others aim at and the marker only its data holds. */
  record City(String code, String name, String marker, String instance, String openTask, String bonusTask,
      String submittedTask, String approvalTask, String executionId, String commentId, String fileVariable,
      String fileDetail) {

    List<String> ids() {
      return List.of(instance, openTask, bonusTask, submittedTask, approvalTask, executionId, commentId,
          fileVariable, fileDetail);
    }
  }

  /** One request of A about B. {@code query}: a list query, where 200 with no rows is a refusal. */
  record Probe(String front, String method, String path, String contentType, byte[] body, boolean query,
      boolean csrf) {}

  @Test
  void noCityReadsOrChangesAnythingOfAnotherCityThroughAnyFront() throws Exception {
    driver = new RoundDriver(port, managementService);
    List<Organisation.Unit> cities = organisation.unitsOfKind(UnitKind.CITY);
    assertThat(cities).hasSize(21);
    List<String> codes = cities.stream().map(Organisation.Unit::code).toList();
    String roundId = driver.publish(LocalDate.now(ZONE).getYear(), LocalDate.now(ZONE).plusDays(30), codes::contains);

    Map<String, City> data = new LinkedHashMap<>();
    for (int i = 0; i < cities.size(); i++) {
      data.put(cities.get(i).code(), arrange(roundId, cities.get(i), "ISO" + (char) ('A' + i) + "Q7MARK"));
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_submission WHERE round_id = ?", Integer.class, roundId))
        .as("Kaohe recorded every city's package").isGreaterThanOrEqualTo(21);
    Map<String, String> before = new TreeMap<>();
    data.values().forEach(city -> before.put(city.code(), state(city)));

    // Each city reads its own data through the same requests: the probes are well-formed and aim at real data.
    for (City own : data.values()) {
      WebClient session = driver.as(own.code() + "-staff");
      for (String path : List.of(ENGINE_API + "/task/" + own.openTask() + "/variables",
          ENGINE_API + "/process-instance/" + own.instance() + "/variables",
          ENGINE_API + "/history/variable-instance?processInstanceId=" + own.instance(),
          ENGINE_API + "/task/" + own.openTask() + "/comment",
          ENGINE_API + "/task/" + own.openTask() + "/comment/" + own.commentId())) {
        HttpResponse<String> response = session.get(path);
        assertThat(response.statusCode()).as(own.code() + " " + path).isEqualTo(200);
        assertThat(response.body()).as(own.code() + " " + path).contains(own.marker());
      }
      assertThat(session.getBytes(KAOHE + own.openTask() + "/templates/key-work").statusCode()).isEqualTo(200);
      assertThat(session.getBytes(ENGINE_API + "/process-instance/" + own.instance()
          + "/variables/summaryDocument/data").statusCode()).isEqualTo(200);
    }

    // Sessions first (a login per city user), then the 420 pairs on a small pool.
    Map<String, WebClient> staff = new LinkedHashMap<>();
    Map<String, WebClient> leaders = new LinkedHashMap<>();
    for (String code : codes) {
      staff.put(code, driver.as(code + "-staff"));
      leaders.put(code, driver.as(code + "-leader"));
    }
    LongAdder requests = new LongAdder();
    AtomicInteger pairs = new AtomicInteger();
    List<String> successes = Collections.synchronizedList(new ArrayList<>());
    Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      int pair = 0;
      for (City a : data.values()) {
        for (City b : data.values()) {
          if (a == b) {
            continue;
          }
          List<Probe> probes = probes(a, b, roundId, pair++);
          work.add(pool.submit(() -> {
            for (Probe probe : probes) {
              WebClient client = probe.front().equals("leader") ? leaders.get(a.code()) : staff.get(a.code());
              HttpResponse<byte[]> response = send(client, probe, a);
              requests.increment();
              statuses.computeIfAbsent(probe.front() + " " + response.statusCode(), k -> new LongAdder()).increment();
              String leak = leak(probe, response, b);
              if (leak != null) {
                successes.add(a.code() + " -> " + b.code() + " " + probe.front() + " " + probe.method() + " "
                    + probe.path() + ": " + response.statusCode() + " " + leak);
              }
            }
            pairs.incrementAndGet();
          }));
        }
      }
      for (Future<?> future : work) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    Figures.print(CityIsolationIT.class, "isolation: " + pairs.get() + " pairs, " + requests.sum() + " requests, "
        + successes.size() + " successes, " + millis / 1000.0 + " s (" + THREADS + " client threads)");
    Figures.print(CityIsolationIT.class, "isolation answers by front and status: " + new TreeMap<>(statuses.entrySet()
        .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
    assertThat(pairs.get()).isEqualTo(21 * 20);
    assertThat(successes).as("requests of one city that read or changed another city's data").isEmpty();
    // Nothing any other city did changed a city's tasks, variables, comments, links or instance.
    data.values().forEach(city -> assertThat(state(city)).as(city.code()).isEqualTo(before.get(city.code())));
    assertThat(millis).as("matrix time").isLessThan(MAX_MATRIX_MILLIS);
  }

  /**
   * The city's round so far: the package submitted with a Word summary, approved by its leader (Kaohe records it),
   * returned by the office with a comment; the package task open again, with a comment of the city's own.
   */
  private City arrange(String roundId, Organisation.Unit unit, String marker) throws Exception {
    String code = unit.code();
    String staff = code + "-staff";
    String instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, code)).singleResult().getId();
    String submitted = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = driver.variableJson(staff, submitted, UnitSubmissionProcess.NOTICE);
    WebClient session = driver.as(staff);
    HttpResponse<String> summary = session.upload(PackageFilesFlow.API + submitted + "/summary-document",
        summaryDocx(unit.name(), marker), marker + "工作总结.docx");
    assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
    ObjectNode pkg = driver.validPackage(notice, "city", unit.name());
    ((ObjectNode) pkg.get("summary")).put("yearWork", unit.name() + "全年工作：" + marker);
    driver.complete(staff, submitted, Map.of(UnitSubmissionProcess.PACKAGE, driver.jsonVariable(pkg)));
    String approval = driver.onlyTask(code + "-leader", instance, UnitSubmissionProcess.APPROVE_PACKAGE);
    driver.complete(code + "-leader", approval, Map.of(UnitSubmissionProcess.PACKAGE_APPROVED, booleanVariable(true),
        UnitSubmissionProcess.APPROVAL_COMMENT, stringVariable("同意报送 " + marker)));
    driver.complete("office-staff", driver.onlyTask("office-staff", instance, UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_ACCEPTED, booleanVariable(false),
            UnitSubmissionProcess.RECEIPT_COMMENT, stringVariable("请补充附表3 " + marker)));
    String open = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    String bonus = driver.onlyTask(staff, instance, UnitSubmissionProcess.APPLY_FOR_BONUS);
    HttpResponse<String> comment = session.postJson(ENGINE_API + "/task/" + open + "/comment/create",
        "{\"message\":\"" + unit.name() + "补充说明 " + marker + "\"}", session.csrf());
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
    String fileVariable = historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(UnitSubmissionProcess.SUMMARY_DOCUMENT).singleResult().getId();
    String fileDetail = historyService.createHistoricDetailQuery().variableInstanceId(fileVariable).list().get(0).getId();
    Task task = taskService.createTaskQuery().taskId(open).singleResult();
    return new City(code, unit.name(), marker, instance, open, bonus, submitted, approval, task.getExecutionId(),
        driver.tree(comment.body()).get("id").asText(), fileVariable, fileDetail);
  }

  /**
   * What A tries against B: the core (every read and change that matters most, on every front) for every pair, and
   * one of {@value #SLICES} slices of the rest by the pair's number, so that every request of the full set is tried
   * by over a hundred pairs and the matrix stays within its time. All 420 pairs, none sampled out.
   */
  private List<Probe> probes(City a, City b, String roundId, int pair) {
    String task = ENGINE_API + "/task/" + b.openTask();
    String instance = ENGINE_API + "/process-instance/" + b.instance();
    String history = ENGINE_API + "/history";
    String kaohe = KAOHE + b.openTask();
    String userA = a.code() + "-staff";
    String in = "?processInstanceId=" + b.instance();
    List<Probe> core = new ArrayList<>();
    List<Probe> more = new ArrayList<>();
    // ---- webapps' engine API, as A's staff: one object of B ----
    for (String path : List.of(task, task + "/form-variables", task + "/variables",
        task + "/variables/summaryDocument/data", task + "/comment", task + "/comment/" + b.commentId(),
        instance + "/variables", instance + "/variables/summaryDocument/data",
        history + "/variable-instance/" + b.fileVariable() + "/data",
        ENGINE_API + "/execution/" + b.executionId() + "/localVariables")) {
      core.add(get("staff", path, false));
    }
    for (String path : List.of(task + "/variables/submissionPackage", task + "/deployed-form", task + "/form",
        task + "/rendered-form", task + "/identity-links", task + "/attachment",
        ENGINE_API + "/task/" + b.bonusTask() + "/form-variables", ENGINE_API + "/task/" + b.submittedTask(),
        instance, instance + "/variables/submissionPackage", history + "/process-instance/" + b.instance(),
        history + "/variable-instance/" + b.fileVariable(), history + "/detail/" + b.fileDetail(),
        history + "/detail/" + b.fileDetail() + "/data", ENGINE_API + "/execution/" + b.executionId())) {
      more.add(get("staff", path, false));
    }
    // ---- queries filtered to B: only an empty list is a refusal ----
    for (String path : List.of(ENGINE_API + "/task" + in, ENGINE_API + "/variable-instance?processInstanceIdIn="
        + b.instance(), history + "/task" + in, history + "/variable-instance" + in, history + "/detail" + in)) {
      core.add(get("staff", path, true));
    }
    for (String path : List.of(ENGINE_API + "/task?taskId=" + b.openTask(), ENGINE_API + "/task/count" + in,
        ENGINE_API + "/process-instance?processInstanceIds=" + b.instance(), ENGINE_API + "/execution" + in,
        history + "/task?taskId=" + b.submittedTask(), history + "/process-instance" + in,
        history + "/activity-instance" + in, history + "/user-operation" + in,
        history + "/identity-link-log?taskId=" + b.openTask(), history + "/process-instance/count" + in,
        COCKPIT_BASE + "process-instance/" + b.instance() + "/called-process-instances")) {
      more.add(get(path.startsWith(COCKPIT_BASE) ? "cockpit" : "staff", path, true));
    }
    more.add(post("staff", ENGINE_API + "/task", "{\"processInstanceIdIn\":[\"" + b.instance() + "\"]}", true));
    more.add(post("staff", history + "/variable-instance", "{\"processInstanceIdIn\":[\"" + b.instance() + "\"]}",
        true));
    // ---- changes ----
    core.add(post("staff", task + "/claim", "{\"userId\":\"" + userA + "\"}", false));
    core.add(post("staff", task + "/complete", "{\"variables\":{}}", false));
    core.add(post("staff", task + "/submit-form", "{\"variables\":{\"submissionPackage\":{\"value\":\"{}\","
        + "\"type\":\"Json\"}}}", false));
    core.add(post("staff", task + "/variables", "{\"modifications\":{\"hijacked\":{\"value\":\"" + a.marker()
        + "\",\"type\":\"String\"}}}", false));
    core.add(post("staff", task + "/comment/create", "{\"message\":\"" + a.marker() + "\"}", false));
    more.add(post("staff", task + "/assignee", "{\"userId\":\"" + userA + "\"}", false));
    more.add(post("staff", ENGINE_API + "/task/" + b.bonusTask() + "/submit-form", "{\"variables\":{}}", false));
    more.add(new Probe("staff", "DELETE", task + "/variables/submissionPackage", null, new byte[0], false, true));
    more.add(post("staff", task + "/identity-links", "{\"groupId\":\"unit-" + a.code() + "\",\"type\":\"candidate\"}",
        false));
    more.add(new Probe("staff", "PUT", task, "application/json",
        ("{\"name\":\"x\",\"assignee\":\"" + userA + "\"}").getBytes(StandardCharsets.UTF_8), false, true));
    more.add(post("staff", instance + "/variables", "{\"modifications\":{\"hijacked\":{\"value\":\"x\","
        + "\"type\":\"String\"}}}", false));
    more.add(new Probe("staff", "DELETE", instance, null, new byte[0], false, true));
    more.add(post("staff", ENGINE_API + "/message", "{\"messageName\":\"" + UnitSubmissionProcess.URGE_MESSAGE
        + "\",\"processInstanceId\":\"" + b.instance() + "\"}", false));
    // ---- Kaohe's task API: every sub-resource of KaoheTasklistResource ----
    byte[] tiny = "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1);
    for (String path : List.of(kaohe + "/templates/key-work", kaohe + "/documents/notice", kaohe + "/operations")) {
      core.add(get("kaohe", path, false));
    }
    core.add(new Probe("kaohe", "POST", kaohe + "/summary-document", "application/octet-stream", tiny, false, true));
    core.add(post("kaohe", kaohe + "/operations/return", "{\"comment\":\"" + a.marker() + "\"}", false));
    for (String path : List.of(kaohe + "/templates/evaluation", kaohe + "/progress-documents/docx",
        kaohe + "/progress-documents/xlsx", kaohe + "/stationing-month", kaohe + "/stationing-month/workbook",
        KAOHE + b.bonusTask() + "/operations")) {
      more.add(get("kaohe", path, false));
    }
    for (String path : List.of(kaohe + "/workbooks/key-work", kaohe + "/workbooks/evaluation",
        kaohe + "/catalogue-import/file")) {
      more.add(new Probe("kaohe", "POST", path, "application/octet-stream", tiny, false, true));
    }
    more.add(new Probe("kaohe", "DELETE", kaohe + "/summary-document", null, new byte[0], false, true));
    more.add(post("kaohe", kaohe + "/catalogue-import/url", "{\"url\":\"https://example.org/\"}", false));
    for (String operation : List.of("urge", "copy", "delegate", "transfer")) {
      more.add(post("kaohe", kaohe + "/operations/" + operation, "{\"comment\":\"" + a.marker() + "\",\"userId\":\""
          + userA + "\",\"userIds\":[\"" + userA + "\"]}", false));
    }
    // ---- Cockpit: Kaohe's dashboard (it shows every unit) and Cockpit's own instance search ----
    core.add(get("cockpit", DASHBOARD + "rounds/" + roundId, false));
    for (String path : List.of(DASHBOARD + "rounds", DASHBOARD + "monthly",
        DASHBOARD + "monthly/" + LocalDate.now(ZONE).getYear())) {
      more.add(get("cockpit", path, false));
    }
    more.add(post("cockpit", DASHBOARD + "rounds/" + roundId + "/urge-late-units", "{\"message\":\"x\"}", false));
    // Not filtered by instance id (Cockpit's search has no such field): A may get its own rows, never B's.
    more.add(new Probe("search", "POST", COCKPIT_BASE + "process-instance", "application/json",
        ("{\"businessKeyLike\":\"%" + b.code() + "\"}").getBytes(StandardCharsets.UTF_8), true, true));
    // ---- /engine-rest, HTTP Basic as A's staff ----
    core.add(new Probe("rest", "GET", REST + "/task/" + b.openTask() + "/variables", null, new byte[0], false, false));
    core.add(new Probe("rest", "POST", REST + "/task/" + b.openTask() + "/complete", "application/json",
        "{\"variables\":{}}".getBytes(StandardCharsets.UTF_8), false, false));
    for (String path : List.of("/task/" + b.openTask(), "/process-instance/" + b.instance() + "/variables",
        "/process-instance/" + b.instance() + "/variables/summaryDocument/data",
        "/history/variable-instance/" + b.fileVariable() + "/data", "/task/" + b.openTask() + "/comment/"
            + b.commentId())) {
      more.add(new Probe("rest", "GET", REST + path, null, new byte[0], false, false));
    }
    for (String path : List.of("/task" + in, "/history/variable-instance" + in, "/history/task" + in)) {
      more.add(new Probe("rest", "GET", REST + path, null, new byte[0], true, false));
    }
    more.add(new Probe("rest", "POST", REST + "/task/" + b.openTask() + "/claim", "application/json",
        ("{\"userId\":\"" + userA + "\"}").getBytes(StandardCharsets.UTF_8), false, false));
    // ---- A's leader ----
    core.add(get("leader", task + "/variables", false));
    core.add(get("leader", kaohe + "/templates/key-work", false));
    for (String path : List.of(task, instance + "/variables", kaohe + "/operations", task + "/comment/" + b.commentId())) {
      more.add(get("leader", path, false));
    }
    more.add(get("leader", history + "/variable-instance" + in, true));
    more.add(post("leader", task + "/complete", "{\"variables\":{}}", false));

    List<Probe> probes = new ArrayList<>(core);
    for (int i = 0; i < more.size(); i++) {
      if (i % SLICES == pair % SLICES) {
        probes.add(more.get(i));
      }
    }
    return probes;
  }

  private static Probe get(String front, String path, boolean query) {
    return new Probe(front, "GET", path, null, new byte[0], query, false);
  }

  private static Probe post(String front, String path, String json, boolean query) {
    return new Probe(front, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), query,
        !front.equals("rest"));
  }

  private HttpResponse<byte[]> send(WebClient session, Probe probe, City a) {
    if (probe.front().equals("rest")) {
      WebClient basic = new WebClient(port);
      HttpRequest.Builder request = basic.request(probe.path(), WebClient.basic(a.code() + "-staff", RoundDriver.PASSWORD));
      return basic.sendForBytes(method(request, probe).build());
    }
    HttpRequest.Builder request = probe.method().equals("GET") ? session.request(probe.path())
        : session.request(probe.path(), session.csrf());
    if (probe.path().contains("/summary-document") || probe.path().contains("/workbooks/")
        || probe.path().contains("/catalogue-import/file")) {
      request.header("X-Kaohe-File-Name", URLEncoder.encode("x.docx", StandardCharsets.UTF_8));
    }
    return session.sendForBytes(method(request, probe).build());
  }

  private static HttpRequest.Builder method(HttpRequest.Builder request, Probe probe) {
    if (probe.contentType() != null) {
      request.header("Content-Type", probe.contentType());
    }
    return switch (probe.method()) {
      case "GET" -> request.GET();
      case "DELETE" -> request.DELETE();
      default -> request.method(probe.method(), HttpRequest.BodyPublishers.ofByteArray(probe.body()));
    };
  }

  /** Why the answer is a success for A (a leak of B), or null if it is a refusal. */
  static String leak(Probe probe, HttpResponse<byte[]> response, City b) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (body.contains(b.marker())) {
      return "B's marker in the body";
    }
    if (body.contains(b.name())) {
      return "B's unit name in the body";
    }
    if (body.contains(":" + b.code() + "\"")) {
      return "B's business key in the body";
    }
    for (String id : b.ids()) {
      if (!probe.path().contains(id) && !new String(probe.body(), StandardCharsets.UTF_8).contains(id)
          && body.contains(id)) {
        return "B's id " + id + " in the body";
      }
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (!probe.query()) {
        return "answered " + status + ": " + abbreviate(body);
      }
      if (probe.front().equals("search")) {
        return null; // A's own rows; B's would have shown B's ids or business key above
      }
      try {
        JsonNode rows = JSON.readTree(body);
        boolean empty = rows != null && (rows.isArray() ? rows.isEmpty() : rows.path("count").asLong(-1) == 0);
        return empty ? null : "rows: " + abbreviate(body);
      } catch (Exception notJson) {
        return "not a list: " + abbreviate(body);
      }
    }
    if (status >= 300 && status < 400) {
      return "redirected to " + response.headers().firstValue("Location").orElse("?");
    }
    return null;
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  /** Everything about the city that a change by another city would alter, as text. */
  private String state(City city) {
    Map<String, Object> state = new TreeMap<>();
    taskService.createTaskQuery().processInstanceId(city.instance()).list().forEach(t ->
        state.put("task " + t.getId(), t.getTaskDefinitionKey() + " assignee=" + t.getAssignee() + " owner="
            + t.getOwner() + " name=" + t.getName()));
    var variables = runtimeService.getVariablesTyped(city.instance(), true);
    for (String name : variables.keySet()) {
      var value = variables.getValueTyped(name);
      state.put("var " + name, value instanceof FileValue file ? file.getFilename() + " " + file.getMimeType()
          : String.valueOf(value.getValue()));
    }
    for (String task : List.of(city.openTask(), city.bonusTask())) {
      state.put("comments " + task, taskService.getTaskComments(task).size());
      state.put("links " + task, taskService.getIdentityLinksForTask(task).stream()
          .map(l -> l.getType() + ":" + l.getGroupId() + ":" + l.getUserId()).sorted().toList());
    }
    state.put("history tasks", historyService.createHistoricTaskInstanceQuery().processInstanceId(city.instance())
        .list().stream().map(HistoricTaskInstance::getId).sorted().toList());
    state.put("activities", historyService.createHistoricActivityInstanceQuery().processInstanceId(city.instance())
        .count());
    state.put("records", jdbc.queryForList("SELECT * FROM kaohe_submission WHERE unit_code = ? ORDER BY 1",
        city.code()).toString());
    return state.toString();
  }

  /** A Word summary with the four headings the importer looks for, the marker in its text. */
  private static byte[] summaryDocx(String unitName, String marker) throws Exception {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : List.of(unitName + "工作总结", "一、工作情况", "全年开展活动 " + marker,
          "二、当前工作中存在的问题与困难", "基层力量不足。", "三、工作思路", "推进改革。",
          "四、对有关工作的意见建议", "建议加强培训。")) {
        doc.createParagraph().createRun().setText(line);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }
}
