package org.kaohe.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.task.Task;
import org.kaohe.webapp.TaskResource;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * {@code …/plugin/kaohe/{engine}/tasks/{taskId}/operations}: the approval operations of one open task for Kaohe's
 * Tasklist plugin (the 办理 tab). GET says which operations the user may do and whom they may pick; each POST does
 * one, with a JSON body {@code {"comment": …}} plus {@code "userId"} (委派, 转办) or {@code "userIds"} (抄送), and
 * answers {@code {"message": …}}. Refusals are Chinese, in Camunda's error shape.
 */
public class OperationsResource extends TaskResource {

  /** A comment of 500 characters is at most 2 000 bytes of UTF-8; the rest of the body is a few ids. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public OperationsResource(String engineName, ApplicationContext beans, String taskId) {
    super(engineName, beans, taskId);
  }

  @GET
  @Produces(WebappApi.JSON_UTF8)
  public Response operations() {
    return run(operations -> WebappApi.json(200, operations.describe(openTask())));
  }

  @POST
  @Path("urge")
  @Produces(WebappApi.JSON_UTF8)
  public Response urge(InputStream body, @Context HttpHeaders headers) {
    JsonNode request = read(body, headers);
    return done(operations -> operations.urge(openTask(), text(request, "comment")));
  }

  @POST
  @Path("return")
  @Produces(WebappApi.JSON_UTF8)
  public Response returnTask(InputStream body, @Context HttpHeaders headers) {
    JsonNode request = read(body, headers);
    return done(operations -> operations.returnTask(openTask(), text(request, "comment")));
  }

  @POST
  @Path("copy")
  @Produces(WebappApi.JSON_UTF8)
  public Response copy(InputStream body, @Context HttpHeaders headers) {
    JsonNode request = read(body, headers);
    List<String> userIds = new ArrayList<>();
    request.path("userIds").forEach(id -> userIds.add(id.asText()));
    return done(operations -> operations.copy(openTask(), userIds, text(request, "comment")));
  }

  @POST
  @Path("delegate")
  @Produces(WebappApi.JSON_UTF8)
  public Response delegate(InputStream body, @Context HttpHeaders headers) {
    JsonNode request = read(body, headers);
    return done(operations -> operations.delegate(openTask(), text(request, "userId"), text(request, "comment")));
  }

  @POST
  @Path("transfer")
  @Produces(WebappApi.JSON_UTF8)
  public Response transfer(InputStream body, @Context HttpHeaders headers) {
    JsonNode request = read(body, headers);
    return done(operations -> operations.transfer(openTask(), text(request, "userId"), text(request, "comment")));
  }

  /** The task as the user may see it: 404 in the same words whether missing or another unit's. */
  private Task openTask() {
    return visibleTask();
  }

  private Response done(Function<TaskOperations, String> operation) {
    return run(operations -> WebappApi.json(200, Map.of("message", operation.apply(operations))));
  }

  private Response run(Function<TaskOperations, Response> call) {
    try {
      return call.apply(beans.getBean(TaskOperations.class));
    } catch (OperationException e) {
      throw WebappApi.error(e.status, e.getMessage());
    } catch (AuthorizationException e) {
      throw WebappApi.forbidden(e);
    } catch (BadUserRequestException e) {
      // A listener's refusal (an empty return comment) or the task gone meanwhile: the engine's own words are Kaohe's.
      throw WebappApi.error(400, e.getMessage());
    }
  }

  private static JsonNode read(InputStream in, HttpHeaders headers) {
    byte[] bytes = WebappApi.body(in, headers, MAX_BODY_BYTES, "请求内容过长");
    if (bytes.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw WebappApi.error(400, "请求格式不正确");
      }
      return node;
    } catch (IOException e) {
      throw WebappApi.error(400, "请求格式不正确");
    }
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
