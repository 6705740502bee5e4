package org.kaohe.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kaohe.identity.Groups;
import org.kaohe.webapp.WebappApi;
import org.springframework.context.ApplicationContext;

/**
 * The dashboard's API: the rounds, one round's progress, and urging its late units. Only the office and
 * supervisors: the webapps let any logged-in user of the engine through to a plugin, so the role is checked here,
 * from the engine's current authentication (the session's groups), never from the request.
 */
public class ProgressResource extends AbstractCockpitPluginResource {

  static final String NOT_LOGGED_IN = "请先登录";
  static final String NOT_ALLOWED = "考核进度只对办公室和督查人员开放";
  static final String NO_ROUND = "找不到该考核轮次";
  static final String TOO_LONG = "催办内容不能超过 " + LateUnitUrging.MAX_MESSAGE + " 字";
  static final String NOT_JSON = "请求内容格式不正确";
  static final String BAD_YEAR = "年份格式不正确，应为四位数字，例如 2026";
  static final String NO_YEAR = "没有该年度的月度工作";
  /** The oldest year the monthly cycles can hold; a year after next has nothing yet. */
  static final int FIRST_YEAR = 2000;
  private static final int MAX_REQUEST = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApplicationContext beans;

  public ProgressResource(String engineName, ApplicationContext beans) {
    super(engineName);
    this.beans = beans;
  }

  /** Every published round, newest first. */
  @GET
  @Path("rounds")
  @Produces(WebappApi.JSON_UTF8)
  public Response rounds() {
    requireOfficeOrSupervisor();
    return WebappApi.json(200, beans.getBean(RoundProgress.class).rounds());
  }

  @GET
  @Path("rounds/{roundId}")
  @Produces(WebappApi.JSON_UTF8)
  public Response round(@PathParam("roundId") String roundId) {
    requireOfficeOrSupervisor();
    return WebappApi.json(200, view(roundId));
  }

  /** The years the monthly cycles can be shown for (this year and every year with records), and which cycles run. */
  @GET
  @Path("monthly")
  @Produces(WebappApi.JSON_UTF8)
  public Response monthlyYears() {
    requireOfficeOrSupervisor();
    return WebappApi.json(200, beans.getBean(MonthlyProgress.class).years());
  }

  /** One year of the monthly cycles: key-work progress reports and grassroots stationing. */
  @GET
  @Path("monthly/{year}")
  @Produces(WebappApi.JSON_UTF8)
  public Response monthly(@PathParam("year") String year) {
    requireOfficeOrSupervisor();
    MonthlyProgress monthly = beans.getBean(MonthlyProgress.class);
    return WebappApi.json(200, monthly.year(year(year, monthly.currentYear())));
  }

  /** 400 for what is not a year, 404 for a year before the system or after next year. */
  static int year(String text, int currentYear) {
    if (text == null || !text.matches("\\d{4}")) {
      throw WebappApi.error(400, BAD_YEAR);
    }
    int year = Integer.parseInt(text);
    if (year < FIRST_YEAR || year > currentYear + 1) {
      throw WebappApi.error(404, NO_YEAR);
    }
    return year;
  }

  /** Body {@code {"message": "…"}}, optional; answers how many units were urged, and which were skipped and why. */
  @POST
  @Path("rounds/{roundId}/urge-late-units")
  @Consumes("*/*")
  @Produces(WebappApi.JSON_UTF8)
  public Response urgeLateUnits(@PathParam("roundId") String roundId, InputStream body,
      @Context HttpHeaders headers) {
    requireOfficeOrSupervisor();
    String message = message(WebappApi.body(body, headers, MAX_REQUEST, "请求内容过长"));
    RoundProgress.RoundView view = view(roundId);
    return WebappApi.json(200, beans.getBean(LateUnitUrging.class).urgeLateUnits(view, message));
  }

  private RoundProgress.RoundView view(String roundId) {
    return beans.getBean(RoundProgress.class).round(roundId).orElseThrow(() -> WebappApi.error(404, NO_ROUND));
  }

  /** The urge's text as typed (HTML is text: Tasklist and the mail show it as such), or the default. */
  static String message(byte[] request) {
    String message = "";
    if (request.length > 0) {
      try {
        JsonNode node = JSON.readTree(request);
        message = node == null ? "" : node.path("message").asText("");
      } catch (IOException e) {
        throw WebappApi.error(400, NOT_JSON);
      }
    }
    // control characters other than line breaks have no place in a reminder
    message = message.replaceAll("[\\p{Cntrl}&&[^\\n]]", "").strip();
    if (message.isEmpty()) {
      return LateUnitUrging.DEFAULT_MESSAGE;
    }
    if (message.codePointCount(0, message.length()) > LateUnitUrging.MAX_MESSAGE) {
      throw WebappApi.error(400, TOO_LONG);
    }
    return message;
  }

  // Not Actors.currentUserIn: that one admits calls without authentication (jobs, the Java API); here a missing
  // user must be refused.
  private void requireOfficeOrSupervisor() {
    Authentication current = getProcessEngine().getIdentityService().getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw WebappApi.error(401, NOT_LOGGED_IN);
    }
    List<String> groups = current.getGroupIds();
    if (groups == null || (!groups.contains(Groups.OFFICE) && !groups.contains(Groups.SUPERVISORS))) {
      throw WebappApi.error(403, NOT_ALLOWED);
    }
  }
}
