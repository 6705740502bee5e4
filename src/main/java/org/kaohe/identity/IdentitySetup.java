package org.kaohe.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.Organisation.Unit;
import org.kaohe.support.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates, at every start and idempotently, the groups of the configured organisation, the administrator
 * account and what each group may do. Tasks themselves need no grant here: Camunda gives a task's candidate
 * group read and update on that one task, which is what keeps one city out of another city's work.
 */
@Component
public class IdentitySetup implements SmartInitializingSingleton {

  static final String ADMIN_USER = "admin";
  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final Organisation organisation;
  private final IdentityProperties properties;
  private final ObjectProvider<DemoUsers> demoUsers;
  private final StartupLock startupLock;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      Organisation organisation, IdentityProperties properties, ObjectProvider<DemoUsers> demoUsers,
      StartupLock startupLock) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.organisation = organisation;
    this.properties = properties;
    this.demoUsers = demoUsers;
    this.startupLock = startupLock;
  }

  /** Under the start-up lock: a second node starting at the same time finds the groups and grants in place. */
  @Override
  public void afterSingletonsInstantiated() {
    startupLock.run(this::setUp);
  }

  private void setUp() {
    for (Unit unit : organisation.units()) {
      group(Groups.unit(unit.code()), unit.name(), unit.kind().code());
      group(Groups.leaders(unit.code()), unit.name() + "主要负责同志", Groups.TYPE_LEADERS);
      grantUnit(Groups.unit(unit.code()));
      grantUnit(Groups.leaders(unit.code()));
    }
    group(Groups.OFFICE, organisation.shortName() + "办公室（秘书处）", Groups.TYPE_ROLE);
    grantOffice();
    group(Groups.SUPERVISORS, "督查（进度与期限）", Groups.TYPE_ROLE);
    grantSupervisors();
    group(Groups.SECRETARIES, "书记会", Groups.TYPE_ROLE);
    // Like a unit: works in Tasklist on the approval task its group is a candidate for.
    grantUnit(Groups.SECRETARIES);
    group(Groups.ADMINISTRATORS, "系统管理员", org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM);
    for (Resources resource : Resources.values()) {
      grant(Groups.ADMINISTRATORS, resource, ANY, Permissions.ALL);
    }
    adminAccount();
    demoUsers.ifAvailable(DemoUsers::create);
    log.info("Identity of {} ready: {} units, their leaders, office, supervisors, secretaries, administrators",
        organisation.code(), organisation.units().size());
  }

  /** Unit staff and leaders work only in Tasklist, on the tasks their group is a candidate for. */
  private void grantUnit(String group) {
    grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    revoke(group, Resources.FILTER, ANY);
  }

  private void grantOffice() {
    String office = Groups.OFFICE;
    grant(office, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(office, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(office, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
        Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
    grant(office, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ);
    grant(office, Resources.TASK, ANY, Permissions.READ);
    grant(office, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(office, Resources.DEPLOYMENT, ANY, Permissions.READ);
    revoke(office, Resources.FILTER, ANY);
  }

  private void grantSupervisors() {
    String supervisors = Groups.SUPERVISORS;
    grant(supervisors, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(supervisors, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY, Permissions.READ_TASK);
    grant(supervisors, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(supervisors, Resources.TASK, ANY, Permissions.READ);
    grant(supervisors, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(supervisors, Resources.DEPLOYMENT, ANY, Permissions.READ);
  }

  /**
   * Removes a grant earlier versions gave: read on every filter let each group see every other group's ready
   * filters; {@link ReadyFilters} now grants each group its own.
   */
  private void revoke(String group, Resource resource, String resourceId) {
    authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).list()
        .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
  }

  /** The password comes from KAOHE_ADMIN_PASSWORD at every start, so the environment stays the authority. */
  private void adminAccount() {
    User admin = identityService.createUserQuery().userId(ADMIN_USER).singleResult();
    if (admin == null) {
      admin = identityService.newUser(ADMIN_USER);
      admin.setFirstName("系统");
      admin.setLastName("管理员");
      admin.setPassword(properties.adminPassword());
      identityService.saveUser(admin);
    } else if (!identityService.checkPassword(ADMIN_USER, properties.adminPassword())) {
      admin.setPassword(properties.adminPassword());
      identityService.saveUser(admin);
    }
    member(identityService, ADMIN_USER, Groups.ADMINISTRATORS);
  }

  static void member(IdentityService identityService, String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  private void group(String id, String name, String type) {
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
    } else if (name.equals(group.getName()) && type.equals(group.getType())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    grant(authorizationService, group, resource, resourceId, permissions);
  }

  /**
   * A unit's staff and leaders may read one process instance of their own and its history: Tasklist shows a task's
   * unit, round and status columns only to those who may read the instance's variables, which a candidate group's
   * task rights do not include, and its 历史 tab shows the comments every operation leaves. One grant per instance,
   * so no unit reads another unit's.
   */
  public static void letUnitRead(AuthorizationService authorizationService, String processInstanceId, String unitCode) {
    for (String group : List.of(Groups.unit(unitCode), Groups.leaders(unitCode))) {
      grant(authorizationService, group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
      grant(authorizationService, group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
          HistoricProcessInstancePermissions.READ);
    }
  }

  /** Grants what is missing of the permissions, keeping what the group already has; idempotent. */
  public static void grant(AuthorizationService authorizationService, String group, Resource resource, String resourceId,
      Permission... permissions) {
    List<Authorization> existing = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .list();
    Authorization authorization;
    boolean changed;
    if (existing.isEmpty()) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      changed = true;
    } else {
      authorization = existing.get(0);
      changed = false;
    }
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
