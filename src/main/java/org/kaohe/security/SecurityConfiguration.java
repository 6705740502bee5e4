package org.kaohe.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The filters in front of the two engine APIs: {@code /engine-rest} (HTTP Basic, administrators and office
 * only) and the webapps' {@code /camunda/api/engine} (session login by Camunda's own filters). Order:
 * authenticate, then admit, then inspect the request for expressions; one task's comment or attachment only for a
 * user who sees the task ({@link TaskCommentAccessFilter}); the engine's refusals without the ids it names
 * ({@link AuthorizationMessageFilter}); a task that changed under the user gets a Chinese conflict message
 * ({@link TaskConflictFilter}). A file variable's download keeps its
 * (Chinese) file name through {@link ContentDispositionFilter}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String REST = "/engine-rest/*";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine/*";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("kaohe-rest-authentication");
    registration.addUrlPatterns(REST);
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RestAccessFilter> restAccess(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new RestAccessFilter(identityService));
    registration.setName("kaohe-rest-access");
    registration.addUrlPatterns(REST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineRequestGuardFilter> engineRequestGuard() {
    var registration = new FilterRegistrationBean<>(new EngineRequestGuardFilter());
    registration.setName("kaohe-engine-request-guard");
    registration.addUrlPatterns(REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 102);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TaskCommentAccessFilter> taskCommentAccess(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new TaskCommentAccessFilter(engine));
    registration.setName("kaohe-task-comment-access");
    registration.addUrlPatterns(REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 104);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AuthorizationMessageFilter> authorizationMessage() {
    var registration = new FilterRegistrationBean<>(new AuthorizationMessageFilter());
    registration.setName("kaohe-authorization-message");
    registration.addUrlPatterns(REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 105);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TaskConflictFilter> taskConflict(TaskService taskService) {
    var registration = new FilterRegistrationBean<>(new TaskConflictFilter(taskService));
    registration.setName("kaohe-task-conflict");
    registration.addUrlPatterns(REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 106);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ContentDispositionFilter> contentDisposition() {
    var registration = new FilterRegistrationBean<>(new ContentDispositionFilter());
    registration.setName("kaohe-content-disposition");
    registration.addUrlPatterns(REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 103);
    return registration;
  }
}
