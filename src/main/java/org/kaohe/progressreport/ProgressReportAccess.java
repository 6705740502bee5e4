package org.kaohe.progressreport;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.kaohe.identity.Groups;
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
    for (String group : List.of(Groups.unit(department), Groups.leaders(department))) {
      IdentitySetup.grant(authorizationService, group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
      IdentitySetup.grant(authorizationService, group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
          HistoricProcessInstancePermissions.READ);
    }
  }
}
