package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeAll;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.PackageFilesFlow;
import org.kaohe.submission.UnitSubmissionProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The stored-XSS walk shared by the fast and the long class. A city's staff writes payloads into every free-text
 * field of the submission package (summary parts, key-work statuses, leaders' instructions, assigned tasks, local
 * evaluations, other notes) and into the uploaded summary document's file name; the office urges the leader with a
 * payload comment; the leader approves with a payload comment. Others look: the leader (task list, the approval
 * form, the task's history), the office (the receipt form), a supervisor (Cockpit's variables view, 考核进度),
 * and the documents are fetched as the browser would. A payload that runs pushes its number onto window.__xss;
 * alert/confirm/prompt are trapped through DevTools before any page script.
 */
abstract class StoredXssScenario {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** The corpus's first {@code <img src=x onerror=…>}: the detector's own check plants it with innerHTML. */
  static final int IMG_ONERROR = 8;
  static final ObjectMapper JSON = new ObjectMapper();
  /** Package leaves that are not free text: codes the rules match on, dates the form parses, flags. */
  static final Set<String> NOT_FREE_TEXT = Set.of("areaCode", "date", "secret", "circulatedOnly");

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;

  final List<String> payloads = XssPayloads.all();
  final Set<Integer> used = new LinkedHashSet<>();
  final Set<String> fields = new LinkedHashSet<>();
  final Set<String> views = new LinkedHashSet<>();
  final List<String> executions = new ArrayList<>();
  int pageLoads;

  RoundDriver rounds;
  String instance;
  String approvalComment;
  /** The package's first free-text value as last written: proof that a form shows the package. */
  String firstPlanted;

  @BeforeAll
  static void browserInstalled() {
    XssBrowser.assumeInstalled();
  }

  /** The payload for a field at rotation {@code k}: every field gets another payload on every rotation. */
  String payload(int field, int k) {
    int index = Math.floorMod(field + k, payloads.size());
    used.add(index + 1);
    return payloads.get(index);
  }

  /** Replaces every free-text leaf of the package with a payload, rotated by {@code k}; returns the fields. */
  Map<String, String> poison(JsonNode node, String path, int k, Map<String, String> planted) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        // A secret instruction is reported by count only: its content must stay empty (PackageValidator).
        boolean secretContent = name.equals("content") && object.path("secret").asBoolean();
        if (child.isTextual() && !NOT_FREE_TEXT.contains(name) && !secretContent) {
          String value = payload(planted.size(), k);
          object.set(name, TextNode.valueOf(value));
          planted.put(path + "/" + name, value);
        } else {
          poison(child, path + "/" + name, k, planted);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        poison(array.get(i), path + "/" + i, k, planted);
      }
    }
    return planted;
  }

  /** A city's round, its package written by the staff with payloads, up to the leader's approval task. */
  String cityWritesPayloads() throws Exception {
    rounds = new RoundDriver(port, managementService);
    String roundId = rounds.publish(2026, LocalDate.now(ZONE).plusDays(30), code -> code.equals("guangzhou"));
    instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, "guangzhou")).singleResult().getId();
    String submit = rounds.onlyTask("guangzhou-staff", instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = rounds.variableJson("guangzhou-staff", submit, UnitSubmissionProcess.NOTICE);
    ObjectNode pkg = rounds.validPackage(notice, "city", "广州市团委");
    Map<String, String> planted = poison(pkg, "submissionPackage", 0, new LinkedHashMap<>());
    planted.keySet().forEach(fields::add);
    firstPlanted = planted.values().iterator().next();

    WebClient staff = rounds.as("guangzhou-staff");
    String fileName = payload(planted.size(), 0) + ".docx";
    HttpResponse<String> upload = staff.upload(PackageFilesFlow.API + submit + "/summary-document",
        summaryDocx(), fileName);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    fields.add("summaryDocument (file name)");

    HttpResponse<String> draft = rounds.saveDraft("guangzhou-staff", submit, pkg);
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(204);
    rounds.complete("guangzhou-staff", submit, Map.of(UnitSubmissionProcess.PACKAGE, rounds.jsonVariable(pkg)));
    return rounds.onlyTask("guangzhou-leader", instance, UnitSubmissionProcess.APPROVE_PACKAGE);
  }

  /** The office urges the leader with a payload (催办 comment, shown in the task's history). */
  String officeUrges(String approveTask) {
    String comment = payload(fields.size(), 0);
    WebClient office = rounds.as("office-staff");
    HttpResponse<String> urged = office.postJson(
        "/camunda/api/tasklist/plugin/kaohe/default/tasks/" + approveTask + "/operations/urge",
        "{\"comment\":" + quote(comment) + "}", office.csrf());
    assertThat(urged.statusCode()).as(urged.body()).isEqualTo(200);
    fields.add("urge comment (催办)");
    return comment;
  }

  /** Tasklist as the leader: the task list, the approval form with the payloads loaded, the history. */
  void leaderViews(XssBrowser leader, String approveTask, String literal, String urgeComment) {
    leader.login("tasklist", "guangzhou-leader", RoundDriver.PASSWORD);
    leader.assertDetectorWorks(payloads.get(IMG_ONERROR - 1), IMG_ONERROR);
    leader.click("[cam-tasklist-filters] a, .filters a, .task-filters a", "我的待办");
    leader.visible(".tasks-list li", "审定材料");
    check(leader, "Tasklist task list (leader)");
    leader.route("tasklist", "/?task=" + approveTask);
    leader.visible(".task-details", "审定材料");
    leader.waitForLiteral(literal);
    leader.screenshot("approval-form");
    check(leader, "Tasklist approval form (leader)");
    leader.click(".task-details a, .task-details li", "历史");
    leader.waitForLiteral(urgeComment.length() > 60 ? urgeComment.substring(0, 60) : urgeComment);
    leader.screenshot("history");
    check(leader, "Tasklist task history (leader)");
  }

  /** Reopens the approval form after the package variable was rewritten (a new rotation). */
  void leaderReloads(XssBrowser leader, String approveTask, String literal) {
    leader.driver().navigate().refresh();
    leader.pageLoads++;
    leader.visible(".task-details", "审定材料");
    leader.click(".task-details a, .task-details li", "表单");
    try {
      leader.waitForLiteral(literal);
    } catch (RuntimeException e) {
      leader.screenshot("reload-failed");
      throw new AssertionError("not on the page: " + literal + "\npage:\n" + leader.textAndValues(), e);
    }
    check(leader, "Tasklist approval form (leader)");
  }

  /** Rewrites the package on the leader's task with rotation k (as if the city had written these payloads). */
  String rotate(String approveTask, int k) throws Exception {
    JsonNode notice = rounds.variableJson("guangzhou-leader", approveTask, UnitSubmissionProcess.NOTICE);
    ObjectNode pkg = rounds.validPackage(notice, "city", "广州市团委");
    Map<String, String> planted = poison(pkg, "submissionPackage", k, new LinkedHashMap<>());
    taskService.setVariable(approveTask, UnitSubmissionProcess.PACKAGE,
        SpinValues.jsonValue(JSON.writeValueAsString(pkg)).create());
    firstPlanted = planted.values().iterator().next();
    return firstPlanted;
  }

  /** The leader approves with a payload comment; the office then opens its receipt task. */
  String leaderApproves(String approveTask) {
    String comment = payload(fields.size(), 0);
    approvalComment = comment;
    rounds.complete("guangzhou-leader", approveTask, Map.of("packageApproved", RoundDriver.booleanVariable(true),
        "approvalComment", RoundDriver.stringVariable(comment)));
    fields.add("approvalComment (审定意见)");
    return rounds.onlyTask("office-staff", instance, UnitSubmissionProcess.RECEIVE_PACKAGE);
  }

  void officeViews(XssBrowser office, String receiveTask, String literal) {
    office.login("tasklist", "office-staff", RoundDriver.PASSWORD);
    office.route("tasklist", "/?task=" + receiveTask);
    office.visible(".task-details", "");
    office.waitForLiteral(literal);
    office.screenshot("receipt-form");
    check(office, "Tasklist receipt form (office)");
  }

  void supervisorViews(XssBrowser supervisor, String literal) {
    supervisor.login("cockpit", "supervisor", RoundDriver.PASSWORD);
    supervisor.route("cockpit", "/process-instance/" + instance + "/runtime?tab=variables-tab");
    supervisor.visible("body", "submissionPackage");
    supervisor.waitForLiteral(literal);
    supervisor.screenshot("cockpit-variables");
    check(supervisor, "Cockpit process instance variables (supervisor)");
    supervisor.click("a", "考核进度");
    WebElement row = supervisor.visible(".kp-units tbody tr", "广州市团委");
    assertThat(row.getText()).isNotBlank();
    supervisor.screenshot("dashboard");
    check(supervisor, "Cockpit 考核进度 dashboard (supervisor)");
  }

  /**
   * The kept summary document as the form's link serves it: an attachment, never HTML, never sniffed, and its
   * payload file name only inside Content-Disposition.
   */
  void documentsAreAttachments(String task, String user) throws Exception {
    WebClient client = rounds.as(user);
    HttpResponse<byte[]> doc = client.getBytes(RoundDriver.ENGINE_API + "/task/" + task
        + "/variables/" + UnitSubmissionProcess.SUMMARY_DOCUMENT + "/data");
    assertThat(doc.statusCode()).isEqualTo(200);
    attachment(doc, "summary document");
    try (XWPFDocument read = new XWPFDocument(new java.io.ByteArrayInputStream(doc.body()))) {
      assertThat(read.getParagraphs().get(0).getText()).isEqualTo(summaryTitle());
    }
    HttpResponse<byte[]> notice = client.getBytes(PackageFilesFlow.API + task + "/documents/notice");
    if (notice.statusCode() == 200) {
      attachment(notice, "notice document");
    }
    views.add("documents (summary .docx, notice .docx)");
  }

  /**
   * The second layer the browser tests bypass: Camunda's Content-Security-Policy on the webapps' pages (a nonce
   * with 'strict-dynamic', so injected inline handlers and scripts would be refused even if escaping failed).
   */
  void contentSecurityPolicyIsInPlace() {
    for (String app : List.of("tasklist", "cockpit")) {
      // The page itself is served before login (the login form is part of it): no session needed.
      HttpResponse<String> page = new WebClient(port).get("/camunda/app/" + app + "/default/");
      String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(app + " CSP, status " + page.statusCode() + ", headers " + page.headers().map()).contains("script-src 'nonce-").contains("'strict-dynamic'")
          .contains("object-src 'none'").contains("base-uri 'self'");
    }
  }

  static void attachment(HttpResponse<byte[]> response, String what) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    assertThat(type).as(what + " content type").doesNotContainIgnoringCase("html")
        .doesNotContainIgnoringCase("svg").doesNotContainIgnoringCase("xml;").isNotBlank();
    assertThat(response.headers().firstValue("Content-Disposition").orElse("")).as(what)
        .startsWith("attachment");
    assertThat(response.headers().firstValue("X-Content-Type-Options").orElse("")).as(what)
        .isEqualToIgnoringCase("nosniff");
  }

  /** A summary whose title line is a payload: it must come back as literal text in the document. */
  String summaryTitle() {
    return "广州市团委2026年工作总结" + payloads.get(0);
  }

  byte[] summaryDocx() throws IOException {
    String[] lines = {summaryTitle(), "一、2026年工作情况", payload(1, 0),
        "二、当前工作中存在的问题与困难", payload(2, 0), "三、2027年工作思路", payload(3, 0),
        "四、对有关工作的意见建议", payload(4, 0)};
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : lines) {
        doc.createParagraph().createRun().setText(line);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  /** Records what executed on this view; the test asserts none at the end, naming every view and payload. */
  void check(XssBrowser browser, String view) {
    views.add(view);
    List<Object> found = browser.executions();
    found.forEach(f -> executions.add(view + ": " + f));
  }

  void figures(String test, long millis) {
    String line = String.format("[figures] stored XSS (%s): %d payloads, %d used, %d fields, %d views, "
            + "%d page loads, %d executions, %d s", test, payloads.size(), used.size(), fields.size(),
        views.size(), pageLoads, executions.size(), millis / 1000);
    System.out.println(line);
    System.out.println("[figures] stored XSS fields: " + String.join(", ", fields));
    System.out.println("[figures] stored XSS views: " + String.join("; ", views));
    try {
      Path file = Path.of("target", "figures", test + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static By css(String selector) {
    return By.cssSelector(selector);
  }
}
