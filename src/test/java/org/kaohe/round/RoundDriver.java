package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.kaohe.WebClient;

/**
 * Drives rounds the way people do in Tasklist: every step is a request to the engine API that Tasklist uses,
 * logged in as the user whose task it is.
 */
public final class RoundDriver {

  public static final String ENGINE_API = "/camunda/api/engine/engine/default";
  public static final String PASSWORD = "test-demo-secret";

  private final int port;
  private final ManagementService managementService;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, WebClient> sessions = new HashMap<>();

  public RoundDriver(int port, ManagementService managementService) {
    this.port = port;
    this.managementService = managementService;
  }

  /** A logged-in Tasklist session of the user, reused across calls. */
  public synchronized WebClient as(String user) {
    return sessions.computeIfAbsent(user, u -> {
      WebClient client = new WebClient(port);
      assertThat(client.loginToTasklist(u, PASSWORD).statusCode()).as("login " + u).isEqualTo(200);
      return client;
    });
  }

  /**
   * The office starts a round, edits the notice (deadline, taking-part units), its head approves, and the
   * publishing job runs.
   *
   * @return the round id (its process instance id)
   */
  public String publish(int year, LocalDate deadline, Predicate<String> takesPart) {
    return publish(year, deadline, null, takesPart);
  }

  /** As above, with a deadline time of day ("HH:mm", Beijing time) instead of the end of the day. */
  public String publish(int year, LocalDate deadline, String time, Predicate<String> takesPart) {
    String roundId = start(year);
    String draft = onlyTask("office-staff", roundId, "UserTask_DraftNotice");
    ObjectNode notice = (ObjectNode) variableJson("office-staff", draft, "notice");
    schedule(notice, deadline, time, takesPart);
    complete("office-staff", draft, Map.of("notice", jsonVariable(notice)));
    approveAndPublish(roundId);
    return roundId;
  }

  /** The office starts a round of the year; its draft-notice task is open. Returns the round id. */
  public String start(int year) {
    WebClient office = as("office-staff");
    HttpResponse<String> started = office.postJson(ENGINE_API + "/process-definition/key/annual-assessment/submit-form",
        "{\"variables\":{\"year\":{\"value\":" + year + ",\"type\":\"Long\"},"
            + "\"title\":{\"value\":\"关于开展" + year + "年度工作总结和考核的通知\",\"type\":\"String\"}}}", office.csrf());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return tree(started.body()).get("id").asText();
  }

  /** What the office edits in the draft: the deadline (and time of day), the assessment's deadlines, the units. */
  public void schedule(ObjectNode notice, LocalDate deadline, String time, Predicate<String> takesPart) {
    notice.put("submissionDeadline", deadline.toString());
    if (time != null) {
      notice.put("submissionDeadlineTime", time);
    }
    // The assessment's deadlines follow the submission deadline, as in the notices (25 and 31 December), whatever
    // year a test uses; a test that wants them elsewhere edits them through assessmentDeadlines().
    ObjectNode assessment = notice.putObject("assessmentDeadlines");
    for (String name : List.of("review", "partyEvaluation", "bonusApplication", "youthSurvey", "oralReport")) {
      assessment.put(name, deadline.plusDays(20).atTime(23, 59).toString());
    }
    for (JsonNode unit : notice.get("units")) {
      ((ObjectNode) unit).put("selected", takesPart.test(unit.get("code").asText()));
    }
  }

  /** The office's head approves the drafted notice and the publishing job runs. */
  public void approveAndPublish(String roundId) {
    complete("office-leader", onlyTask("office-leader", roundId, "UserTask_ApproveNotice"),
        Map.of("noticeApproved", "{\"value\":true,\"type\":\"Boolean\"}"));
    Job publish = managementService.createJobQuery().processInstanceId(roundId).executable().singleResult();
    managementService.executeJob(publish.getId());
  }

  /** The one open task of the user with this definition key in the given process instance. */
  public String onlyTask(String user, String processInstanceId, String taskDefinitionKey) {
    JsonNode tasks = tree(as(user).get(ENGINE_API + "/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + taskDefinitionKey).body());
    assertThat(tasks).as(user + " " + taskDefinitionKey).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  /** The user's open tasks of a definition key, across instances. */
  public List<JsonNode> tasks(String user, String taskDefinitionKey) {
    JsonNode tasks = tree(as(user).get(ENGINE_API + "/task?taskDefinitionKey=" + taskDefinitionKey
        + "&maxResults=1000").body());
    return List.copyOf((java.util.Collection<JsonNode>) toList(tasks));
  }

  public JsonNode variableJson(String user, String taskId, String name) {
    HttpResponse<String> response = as(user).get(ENGINE_API + "/task/" + taskId + "/variables/" + name
        + "?deserializeValue=false");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return tree(tree(response.body()).get("value").asText());
  }

  public HttpResponse<String> submitForm(String user, String taskId, Map<String, String> variables) {
    StringBuilder body = new StringBuilder("{\"variables\":{");
    variables.forEach((name, value) -> body.append('"').append(name).append("\":").append(value).append(','));
    if (!variables.isEmpty()) {
      body.setLength(body.length() - 1);
    }
    body.append("}}");
    WebClient client = as(user);
    return client.postJson(ENGINE_API + "/task/" + taskId + "/submit-form", body.toString(), client.csrf());
  }

  public void complete(String user, String taskId, Map<String, String> variables) {
    HttpResponse<String> response = submitForm(user, taskId, variables);
    assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(204);
  }

  /** Saves a draft the way the form's 保存草稿 button does: task variables, without completing. */
  public HttpResponse<String> saveDraft(String user, String taskId, JsonNode pkg) {
    WebClient client = as(user);
    return client.postJson(ENGINE_API + "/task/" + taskId + "/variables",
        "{\"modifications\":{\"submissionPackage\":" + jsonVariable(pkg) + "}}", client.csrf());
  }

  public String jsonVariable(JsonNode value) {
    try {
      return "{\"value\":" + json.writeValueAsString(json.writeValueAsString(value)) + ",\"type\":\"Json\"}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String booleanVariable(boolean value) {
    return "{\"value\":" + value + ",\"type\":\"Boolean\"}";
  }

  public static String stringVariable(String value) {
    try {
      return "{\"value\":" + new ObjectMapper().writeValueAsString(value) + ",\"type\":\"String\"}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A complete, valid package for a unit of the given kind, from the round's notice. */
  public ObjectNode validPackage(JsonNode notice, String kind, String unitName) {
    ObjectNode pkg = json.createObjectNode();
    ObjectNode summary = pkg.putObject("summary");
    summary.put("yearWork", unitName + "全年工作情况：深入学习贯彻党的十九大精神，开展主题团日活动 120 场。");
    summary.put("problems", "基层团组织覆盖面仍需扩大。");
    summary.put("nextYearIdeas", "继续推进共青团改革。");
    summary.put("suggestions", "建议加强对基层团干部的培训。");
    if ("city".equals(kind)) {
      ArrayNode keyWork = pkg.putArray("keyWork");
      for (JsonNode area : notice.path("catalogue").path("areas")) {
        keyWork.addObject().put("areaCode", area.get("code").asText()).put("status", "已完成" + area.get("name").asText());
      }
      ObjectNode evaluation = pkg.putObject("evaluation");
      evaluation.putArray("instructions").addObject().put("by", "市委书记").put("position", "书记")
          .put("date", "2017-06-30").put("item", "青年工作").put("content", "要高度重视共青团工作")
          .put("remarks", "").put("secret", false).put("circulatedOnly", false);
      evaluation.withArray("instructions").addObject().put("by", "市委副书记").put("position", "副书记")
          .put("date", "2017-09-01").put("item", "改革").put("content", "").put("secret", true)
          .put("circulatedOnly", false);
      evaluation.putArray("assignedTasks").addObject().put("name", "青年创业就业").put("source", "市政府")
          .put("date", "2017-03-01").put("content", "组织创业大赛").put("completion", "已完成").put("remarks", "");
      evaluation.putArray("localEvaluations").addObject().put("name", "年度综合考评").put("evaluatingBody", "市委")
          .put("date", "2017-12-20").put("content", "综合考评").put("grade", "优秀").put("remarks", "");
      evaluation.put("otherNotes", "无");
    }
    return pkg;
  }

  /** Runs every job that is due now (timers included), the way the job executor would. */
  public int executeDueJobs() {
    int executed = 0;
    List<Job> due;
    do {
      due = managementService.createJobQuery().executable().list();
      for (Job job : due) {
        managementService.executeJob(job.getId());
        executed++;
      }
    } while (!due.isEmpty() && executed < 10_000);
    return executed;
  }

  public JsonNode tree(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new java.util.ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
