package org.kaohe.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whether the user completing a task belongs to a group. Tasklist offers a task only to its candidate group;
 * this second check keeps a department from acting for another through variables it can change on its own task.
 * Without an authenticated user (the Java API, a job) there is nobody to check.
 */
@Component
class Membership {

  private final IdentityService identityService;

  Membership(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The authenticated user, null if none. */
  String currentUser() {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  /** The name Tasklist shows for the user (first name, then last name), else the user id; null for null. */
  String displayName(String userId) {
    if (userId == null) {
      return null;
    }
    var user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  boolean currentUserIn(String group) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return true;
    }
    if (current.getGroupIds() != null && current.getGroupIds().contains(group)) {
      return true;
    }
    return identityService.createGroupQuery().groupMember(current.getUserId()).groupId(group).count() > 0;
  }
}
