package org.kaohe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code …/task/{taskId}/comment/{commentId}} and {@code …/task/{taskId}/attachment/{attachmentId}[/data]}
 * only for a task the caller may see. Camunda 7.24's REST resource for one comment does not look the task up as the
 * user (the list of comments does) and {@code TaskService.getTaskComment} checks no authorization, so any logged-in
 * user who learnt a task and comment id read another unit's comment (催办, 退回 and the units' own remarks). A task
 * the user may not see is "not found", as Kaohe answers elsewhere, so the answer tells nothing of its existence.
 *
 * <p>It runs before Camunda's webapp authentication filter (Spring Boot maps its filters first), so the user of a
 * webapp request comes from the webapp session ({@link AuthenticationUtil}, webapp internals: the public API has no
 * other way to it); an {@code /engine-rest} request is already authenticated by HTTP Basic. No user: refused.
 */
final class TaskCommentAccessFilter extends OncePerRequestFilter {

  static final String NOT_FOUND = "找不到该任务，或您无权查看该任务";
  /** {@code …/engine/{name}/task/…} in the webapps' engine API, {@code /engine-rest/task/…} for the default engine. */
  static final Pattern TASK_ITEM = Pattern.compile(
      "^(?:/camunda/api/engine/engine/([^/]+)|/engine-rest(?:/engine/([^/]+))?)/task/([^/]+)/(?:comment|attachment)"
          + "/([^/]+)(?:/data)?/?$");

  private final ProcessEngine engine;

  TaskCommentAccessFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher item = TASK_ITEM.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!item.matches() || item.group(4).equals("create")) {
      chain.doFilter(request, response);
      return;
    }
    String engineName = item.group(1) != null ? item.group(1) : item.group(2) != null ? item.group(2) : "default";
    if (!engine.getName().equals(engineName) || !visible(request, engineName, item.group(3))) {
      JsonErrors.write(response, HttpServletResponse.SC_NOT_FOUND, "InvalidRequestException", NOT_FOUND);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether the caller sees the task, open (task query) or done (history query), with the engine's authorizations. */
  private boolean visible(HttpServletRequest request, String engineName, String taskId) {
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    if (current != null) {
      return visible(taskId);
    }
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
      return false;
    }
    List<String> groups = user.getGroupIds() != null ? user.getGroupIds()
        : engine.getIdentityService().createGroupQuery().groupMember(user.getName()).list().stream()
            .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user.getName(), groups, user.getTenantIds());
    try {
      return visible(taskId);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private boolean visible(String taskId) {
    return engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0
        || engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).count() > 0;
  }
}
