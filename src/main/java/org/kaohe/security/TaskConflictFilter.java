package org.kaohe.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Turns Camunda's answers to a task that changed under the user into messages Tasklist can show. Camunda's REST
 * resources answer them with 500 and English: the second of two people submitting the same task gets an
 * {@code OptimisticLockingException} or "Cannot find task with id …", and a form refused by Kaohe's validators or
 * listeners arrives as "Cannot submit task form &lt;id&gt;: " before Kaohe's Chinese reasons.
 *
 * <ul>
 *   <li>the task is gone, or was changed at the same moment → 409 {@value #TASK_GONE} / {@value #CONCURRENT};
 *   <li>claimed by someone else → 409 {@value #CLAIMED};
 *   <li>a refusal whose reasons are Kaohe's (Chinese) → 400 with those reasons only.
 * </ul>
 *
 * <p>A servlet filter rather than a JAX-RS ExceptionMapper: the webapps' engine API and {@code /engine-rest} are
 * two Jersey applications that Camunda configures, and a filter covers both with public API only. The answer is in
 * Camunda's error shape ({@code type}, {@code message}), which Tasklist shows in its notification.
 */
final class TaskConflictFilter extends org.springframework.web.filter.OncePerRequestFilter {

  static final String TASK_GONE = "该任务已由他人办理或已经提交，请刷新后查看";
  static final String CONCURRENT = "该任务正由他人同时办理，请刷新后查看";
  static final String CLAIMED = "该任务已被他人认领，请刷新后查看";

  /** The task-changing calls of Tasklist (and of the same resources in /engine-rest). */
  static final Pattern TASK_CHANGE = Pattern.compile(
      ".*/task/([^/]+)/(complete|submit-form|resolve|claim|unclaim|assignee|delegate)/?");
  /** Camunda's prefix before the engine's message, e.g. "Cannot submit task form 42: ". */
  private static final Pattern CAMUNDA_PREFIX = Pattern.compile("^Cannot [a-z ]+ \\S+: ");
  /** The engine's wrapper around a listener's exception: "ENGINE-03051 … Message: '…'"? keep the inner text. */
  private static final Pattern ENGINE_WRAPPER = Pattern.compile("^ENGINE-\\d+ [^\\p{IsHan}]*?(?=\\p{IsHan})");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  private final TaskService taskService;
  private final ObjectMapper mapper = new ObjectMapper();

  TaskConflictFilter(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher change = TASK_CHANGE.matcher(request.getRequestURI());
    if (!"POST".equalsIgnoreCase(request.getMethod()) || !change.matches()) {
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    int status = answer.getStatus();
    if (response.isCommitted()) {
      // Sent already (Camunda's CSRF filter answers with sendError): nothing left to rewrite.
      answer.copyBodyToResponse();
      return;
    }
    Optional<Rewrite> rewrite;
    if (status == HttpServletResponse.SC_NOT_FOUND || status >= 500) {
      rewrite = rewrite(change.group(1), body(answer.getContentAsByteArray()));
    } else if (status == HttpServletResponse.SC_FORBIDDEN
        && body(answer.getContentAsByteArray()).path("type").asText("").equals("AuthorizationException")) {
      rewrite = goneAfterRefusal(change.group(1));
    } else {
      rewrite = Optional.empty();
    }
    if (rewrite.isEmpty()) {
      answer.copyBodyToResponse();
      return;
    }
    answer.resetBuffer();
    response.resetBuffer();
    JsonErrors.write(response, rewrite.get().status(), rewrite.get().type(), rewrite.get().message());
  }

  record Rewrite(int status, String type, String message) {}

  /** What to answer instead of Camunda's error, if it is one of the above. */
  Optional<Rewrite> rewrite(String taskId, JsonNode error) {
    String type = error.path("type").asText("");
    String message = error.path("message").asText("");
    if (type.equals("TaskAlreadyClaimedException") || message.contains("is already claimed by someone else")) {
      return Optional.of(new Rewrite(HttpServletResponse.SC_CONFLICT, "TaskAlreadyClaimedException", CLAIMED));
    }
    boolean gone = taskService.createTaskQuery().taskId(taskId).count() == 0;
    if (gone) {
      return Optional.of(new Rewrite(HttpServletResponse.SC_CONFLICT, "TaskConflictException", TASK_GONE));
    }
    if (type.equals("OptimisticLockingException") || message.contains("OptimisticLockingException")) {
      return Optional.of(new Rewrite(HttpServletResponse.SC_CONFLICT, "TaskConflictException", CONCURRENT));
    }
    Optional<String> reasons = kaohesReasons(message);
    return reasons.map(text -> new Rewrite(HttpServletResponse.SC_BAD_REQUEST,
        type.isEmpty() ? "InvalidRequestException" : type, text));
  }

  /**
   * A refusal (403) that came because the task was completed a moment earlier: completing it removed the grant the
   * engine checks, so a user who lost the race is refused instead of told. A task that still exists keeps its 403.
   */
  Optional<Rewrite> goneAfterRefusal(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).count() == 0
        ? Optional.of(new Rewrite(HttpServletResponse.SC_CONFLICT, "TaskConflictException", TASK_GONE))
        : Optional.empty();
  }

  /**
   * Kaohe's Chinese reasons without Camunda's English prefix, when the refusal is Kaohe's: its validators and
   * listeners write Chinese, while an engine failure (a bug) is English and stays a 500.
   */
  static Optional<String> kaohesReasons(String message) {
    String text = CAMUNDA_PREFIX.matcher(message).replaceFirst("");
    text = ENGINE_WRAPPER.matcher(text).replaceFirst("");
    if (!HAN.matcher(text).find()) {
      return Optional.empty();
    }
    return Optional.of(text.strip());
  }

  private JsonNode body(byte[] content) {
    try {
      JsonNode node = mapper.readTree(content);
      return node == null ? mapper.createObjectNode() : node;
    } catch (IOException notJson) {
      return mapper.createObjectNode();
    }
  }
}
