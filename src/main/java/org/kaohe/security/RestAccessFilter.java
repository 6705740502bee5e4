package org.kaohe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kaohe.identity.Groups;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After Camunda's HTTP Basic filter has authenticated the caller, lets only administrators and the office
 * through to {@code /engine-rest}: Camunda Modeler deployments and integrations. Unit users work through
 * the webapps, whose engine API keeps every other check.
 */
final class RestAccessFilter extends OncePerRequestFilter {

  private static final Set<String> ALLOWED = Set.of(Groups.ADMINISTRATORS, Groups.OFFICE);

  private final IdentityService identityService;

  RestAccessFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null) {
      // Camunda's filter lets a few paths (the engine list) through unauthenticated; Kaohe does not.
      response.setHeader("WWW-Authenticate", "Basic realm=\"kaohe\"");
      JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException", "需要登录");
      return;
    }
    if (authentication.getGroupIds() == null
        || authentication.getGroupIds().stream().noneMatch(ALLOWED::contains)) {
      JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "REST API 仅供系统管理员和办公室使用，请通过 Tasklist 办理（The REST API is for administrators and the office only）");
      return;
    }
    chain.doFilter(request, response);
  }
}
