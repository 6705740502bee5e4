package org.kaohe.progressreport;

import org.camunda.bpm.engine.AuthorizationService;
import org.kaohe.identity.IdentitySetup;
import org.springframework.stereotype.Component;

/**
 * Read rights of a department on its own report instance: Tasklist shows the columns and the history only when the
 * group may read the instance. One grant per instance, so no department reads another's lines.
 */
@Component
class ProgressReportAccess {

  private final AuthorizationService authorizationService;

  ProgressReportAccess(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  void letTheDepartmentRead(String processInstanceId, String department) {
    IdentitySetup.letUnitRead(authorizationService, processInstanceId, department);
  }
}
