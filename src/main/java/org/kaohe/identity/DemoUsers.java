package org.kaohe.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.Organisation.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: one staff user ({@code <unit>-staff}) and one principal leader ({@code <unit>-leader})
 * per unit, the office's own staff in the office role, a supervisor and a member of the secretaries' meeting. Existing users are left alone.
 */
@Component
@Profile("demo")
class DemoUsers {

  static final String SUPERVISOR = "supervisor";
  static final String SECRETARY = "secretary";
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private final IdentityService identityService;
  private final Organisation organisation;
  private final IdentityProperties properties;

  DemoUsers(IdentityService identityService, Organisation organisation, IdentityProperties properties) {
    this.identityService = identityService;
    this.organisation = organisation;
    this.properties = properties;
  }

  /** Called by {@link IdentitySetup} once the groups exist. */
  void create() {
    for (Unit unit : organisation.units()) {
      String staff = unit.code() + "-staff";
      String leader = unit.code() + "-leader";
      user(staff, unit.name(), "工作人员");
      user(leader, unit.name(), "主要负责同志");
      member(staff, Groups.unit(unit.code()));
      member(leader, Groups.unit(unit.code()));
      member(leader, Groups.leaders(unit.code()));
      if (unit.code().equals(organisation.officeUnit())) {
        member(staff, Groups.OFFICE);
        member(leader, Groups.OFFICE);
      }
    }
    user(SUPERVISOR, "督查", "人员");
    member(SUPERVISOR, Groups.SUPERVISORS);
    user(SECRETARY, "书记会", "成员");
    member(SECRETARY, Groups.SECRETARIES);
    log.info("Demo users ready: <unit>-staff and <unit>-leader for {} units, '{}' and '{}'",
        organisation.units().size(), SUPERVISOR, SECRETARY);
  }

  private void member(String userId, String groupId) {
    IdentitySetup.member(identityService, userId, groupId);
  }

  private void user(String id, String firstName, String lastName) {
    if (identityService.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identityService.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    // .invalid never resolves: demo reminders reach a test mail server, never a real mailbox.
    user.setEmail(id + "@kaohe.invalid");
    user.setPassword(properties.demoPassword());
    identityService.saveUser(user);
  }
}
