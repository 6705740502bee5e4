package org.kaohe.stationing;

import org.kaohe.identity.IdentitySetup;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.support.StartupLock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The receiving department (stationing.reportsTo, seed 002: "由基层组织建设部负责协调实施") may start the stationing year
 * in Tasklist, as the office may start anything. Only this definition: its staff start nothing else.
 */
@Component
class StationingAccess {

  private final AuthorizationService authorizationService;
  private final Organisation organisation;
  private final StartupLock startupLock;

  StationingAccess(AuthorizationService authorizationService, Organisation organisation, StartupLock startupLock) {
    this.authorizationService = authorizationService;
    this.organisation = organisation;
    this.startupLock = startupLock;
  }

  /** Under the start-up lock, like IdentitySetup: a grant inserted by two nodes at once fails the second. */
  @EventListener(ApplicationReadyEvent.class)
  void grant() {
    startupLock.run(this::writeGrants);
  }

  private void writeGrants() {
    if (organisation.stationing() == null) {
      return;
    }
    String group = Groups.unit(organisation.stationing().reportsTo());
    IdentitySetup.grant(authorizationService, group, Resources.PROCESS_DEFINITION, StationingProcess.KEY,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    IdentitySetup.grant(authorizationService, group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }
}
