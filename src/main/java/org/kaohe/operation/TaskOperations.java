package org.kaohe.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.kaohe.identity.Groups;
import org.kaohe.operation.OperationRules.Actor;
import org.kaohe.operation.OperationRules.Refusal;
import org.kaohe.operation.OperationRules.TaskFacts;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.submission.Notifier;
import org.kaohe.submission.UnitSubmissionProcess;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval operations on one open task (催办, 退回, 抄送, 委派, 转办), each in one transaction and each leaving
 * a comment in the task's history (and its instance's). The caller has found the task as the user may see it.
 *
 * <p>Work on the task itself (claim, delegate, assign, complete, comment) runs as the user, so Camunda's task
 * authorizations apply as in Tasklist. Three things a unit's user may not do through the engine's authorizations
 * but Kaohe's rules allow run {@linkplain #inUserName in the user's name past those checks}, after the rules
 * decided: listing the members of the task's groups (the engine lets a user read no other user), the office
 * urging another unit's task (the office may only read it), and starting the copies (units start no processes).
 */
@Component
class TaskOperations {

  private final TaskService taskService;
  private final FormService formService;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final Actors actors;
  private final Notifier notifier;
  private final UnitSubmissions unitSubmissions;
  private final Organisation organisation;
  private final JsonVariables json;
  private final ObjectMapper mapper;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  TaskOperations(TaskService taskService, FormService formService, RuntimeService runtimeService,
      RepositoryService repositoryService, IdentityService identityService, Actors actors, Notifier notifier,
      UnitSubmissions unitSubmissions, Organisation organisation, JsonVariables json, ObjectMapper mapper, PlatformTransactionManager transactionManager,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.taskService = taskService;
    this.formService = formService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.identityService = identityService;
    this.actors = actors;
    this.notifier = notifier;
    this.unitSubmissions = unitSubmissions;
    this.organisation = organisation;
    this.json = json;
    this.mapper = mapper;
    this.transaction = new TransactionTemplate(transactionManager);
    this.zone = zone;
  }

  /** A person the user may pick: id and the name Tasklist shows. */
  record Person(String id, String name) {}

  /** What GET answers: per operation, allowed or the reason why not, and whom the user may pick. */
  Map<String, Object> describe(Task task) {
    Actor actor = actor();
    TaskFacts facts = facts(task);
    Map<Operation, Map<String, Object>> answer = new EnumMap<>(Operation.class);
    for (Operation operation : Operation.values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      Optional<Refusal> refusal = OperationRules.check(operation, facts, actor);
      List<Person> people = refusal.isPresent() ? List.of() : people(operation, task, facts, actor);
      if (refusal.isEmpty() && people != null && people.isEmpty()) {
        refusal = Optional.of(new Refusal(409, operation == Operation.COPY
            ? "本单位没有其他主要负责同志可以抄送" : "本单位没有其他人员可以" + operation.label));
      }
      entry.put("allowed", refusal.isEmpty());
      refusal.ifPresent(r -> {
        entry.put("reason", r.message());
        // 409: the operation does not apply to the task now; 403: never the user's. The tab explains only the first.
        entry.put("status", r.status());
      });
      if (refusal.isEmpty() && people != null) {
        entry.put("people", people);
      }
      if (operation == Operation.RETURN && refusal.isEmpty()) {
        entry.put("label", ReturnPath.of(facts.processKey(), facts.taskKey()).orElseThrow().label());
      }
      answer.put(operation, entry);
    }
    Map<String, Object> operations = new LinkedHashMap<>();
    answer.forEach((operation, entry) -> operations.put(operation.path, entry));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("taskId", task.getId());
    body.put("taskName", task.getName());
    body.put("commentMaxLength", OperationRules.MAX_COMMENT);
    body.put("operations", operations);
    return body;
  }

  /** 委派: the delegate works on the task; their submission resolves it back to the user (its owner). */
  String delegate(Task task, String userId, String rawComment) {
    Actor actor = actor();
    TaskFacts facts = allowed(Operation.DELEGATE, task, actor);
    String comment = OperationRules.comment(rawComment, false, null);
    Person delegate = chosen(Operation.DELEGATE, task, facts, actor, userId);
    return inTransaction(() -> {
      if (task.getAssignee() == null) {
        // Camunda makes the assignee the owner the task goes back to: the user claims it first, as in Tasklist.
        taskService.setAssignee(task.getId(), actor.userId());
      }
      taskService.createComment(task.getId(), task.getProcessInstanceId(), line("委派给 " + delegate.name(), comment));
      taskService.delegateTask(task.getId(), delegate.id());
      return "已委派给 " + delegate.name() + "，对方办理提交后任务将交回您";
    });
  }

  /** 转办: the task is the chosen colleague's from now on; it does not come back. */
  String transfer(Task task, String userId, String rawComment) {
    Actor actor = actor();
    TaskFacts facts = allowed(Operation.TRANSFER, task, actor);
    String comment = OperationRules.comment(rawComment, false, null);
    Person assignee = chosen(Operation.TRANSFER, task, facts, actor, userId);
    return inTransaction(() -> {
      // The comment first: once the task is another's, the user may no longer be allowed to comment on it.
      taskService.createComment(task.getId(), task.getProcessInstanceId(), line("转办给 " + assignee.name(), comment));
      taskService.setAssignee(task.getId(), assignee.id());
      return "已转办给 " + assignee.name();
    });
  }

  /**
   * 退回: the task is completed with the form's own variables (decision false, the comment), so the model's
   * gateway takes its return flow; the task's complete listener ({@link ReturnCommentListener}) writes the history
   * comment, the same one a return through the form leaves.
   */
  String returnTask(Task task, String rawComment) {
    Actor actor = actor();
    TaskFacts facts = allowed(Operation.RETURN, task, actor);
    ReturnPath path = ReturnPath.of(facts.processKey(), facts.taskKey()).orElseThrow();
    String comment = OperationRules.comment(rawComment, true, "请填写退回意见");
    return inTransaction(() -> {
      if (task.getAssignee() == null) {
        taskService.setAssignee(task.getId(), actor.userId());
      }
      formService.submitTaskForm(task.getId(), Variables.createVariables()
          .putValue(path.decision(), false)
          .putValue(path.comment(), comment));
      return "已" + path.label();
    });
  }

  /**
   * 催办 by the office. A unit's package in preparation is urged by its own model (message {@code kaohe.urge},
   * which comments on the open tasks and e-mails the unit); any other task gets the comment and the e-mail here.
   */
  String urge(Task task, String rawComment) {
    Actor actor = actor();
    TaskFacts facts = allowed(Operation.URGE, task, actor);
    String comment = OperationRules.comment(rawComment, false, null);
    return inTransaction(() -> inUserName(() -> {
      if (OperationRules.urgedByModel(facts)) {
        if (!unitSubmissions.urgeInstance(task.getProcessInstanceId(), comment)) {
          throw new OperationException(409, "该单位的材料已报送，无需催办");
        }
      } else {
        String message = comment == null ? "请尽快办理。" : comment;
        String unit = unitNameOf(facts);
        notifier.notifyTask(task, "催办：" + message, "【催办】请尽快办理“" + task.getName() + "”",
            (unit == null ? "" : unit + "：\n\n") + message + "\n\n（待办任务：" + task.getName() + "）");
      }
      return "已催办";
    }));
  }

  /**
   * 抄送: one copy process per chosen leader, each a snapshot of the task's result now; the source task and its
   * variables are only read.
   */
  String copy(Task task, List<String> userIds, String rawComment) {
    Actor actor = actor();
    TaskFacts facts = allowed(Operation.COPY, task, actor);
    String comment = OperationRules.comment(rawComment, false, null);
    if (userIds == null || userIds.isEmpty()) {
      throw new OperationException(400, "请至少选择一位抄送对象");
    }
    List<Person> offered = people(Operation.COPY, task, facts, actor);
    Map<String, Person> byId = new LinkedHashMap<>();
    offered.forEach(p -> byId.put(p.id(), p));
    List<Person> recipients = new ArrayList<>();
    for (String id : new LinkedHashSet<>(userIds)) {
      OperationRules.checkChosen(id, byId.keySet(), "抄送");
      recipients.add(byId.get(id));
    }
    List<String> names = recipients.stream().map(Person::name).toList();
    ObjectNode snapshot = snapshot(task, facts, actor, comment, names);
    String businessKey = businessKey(task);
    return inTransaction(() -> {
      taskService.createComment(task.getId(), task.getProcessInstanceId(),
          line("抄送给 " + String.join("、", names), comment));
      inUserName(() -> {
        for (Person recipient : recipients) {
          runtimeService.startProcessInstanceByKey(ResultCopyProcess.KEY, businessKey, Variables.createVariables()
              .putValueTyped(ResultCopyProcess.COPY, json.value(snapshot))
              .putValue(ResultCopyProcess.RECIPIENT, recipient.id())
              .putValue(ResultCopyProcess.COPIED_BY, actor.userId())
              .putValue(ResultCopyProcess.SOURCE_TASK_ID, task.getId()));
        }
        return null;
      });
      return "已抄送给 " + String.join("、", names);
    });
  }

  // ---- facts and people

  private TaskFacts allowed(Operation operation, Task task, Actor actor) {
    TaskFacts facts = facts(task);
    OperationRules.check(operation, facts, actor).ifPresent(r -> {
      throw new OperationException(r.status(), r.message());
    });
    return facts;
  }

  TaskFacts facts(Task task) {
    String processKey = task.getProcessDefinitionId() == null ? ""
        : repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
    Set<String> groups = new LinkedHashSet<>();
    Set<String> users = new LinkedHashSet<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
      if (link.getUserId() != null) {
        users.add(link.getUserId());
      }
    }
    return new TaskFacts(processKey, task.getTaskDefinitionKey(), groups, users, task.getAssignee(),
        task.getDelegationState() == DelegationState.PENDING, task.isSuspended(), hasContent(task, processKey));
  }

  private boolean hasContent(Task task, String processKey) {
    if (!OperationRules.copyable(processKey)) {
      return false;
    }
    return variable(task, contentVariable(processKey)) != null;
  }

  private static String contentVariable(String processKey) {
    return UnitSubmissionProcess.KEY.equals(processKey) ? UnitSubmissionProcess.PACKAGE
        : AnnualAssessmentProcess.RESULTS;
  }

  /** Whom the user may pick for the operation; null if it picks nobody. */
  private List<Person> people(Operation operation, Task task, TaskFacts facts, Actor actor) {
    return switch (operation) {
      case DELEGATE, TRANSFER -> members(facts.candidateGroups(), actor.userId());
      case COPY -> OperationRules.copyingUnit(facts, actor, organisation.officeUnit())
          .map(unit -> members(Set.of(Groups.leaders(unit)), actor.userId()))
          .orElse(List.of());
      case URGE, RETURN -> null;
    };
  }

  private Person chosen(Operation operation, Task task, TaskFacts facts, Actor actor, String userId) {
    List<Person> offered = people(operation, task, facts, actor);
    OperationRules.checkChosen(userId, offered.stream().map(Person::id).toList(), operation.label);
    return offered.stream().filter(p -> p.id().equals(userId)).findFirst().orElseThrow();
  }

  /** The members of the groups, by id, without the user; their names as Tasklist shows them. */
  private List<Person> members(Set<String> groups, String except) {
    return inUserName(() -> {
      Map<String, Person> people = new TreeMap<>();
      for (String group : groups) {
        for (User user : identityService.createUserQuery().memberOfGroup(group).list()) {
          if (!user.getId().equals(except)) {
            people.put(user.getId(), new Person(user.getId(), actors.displayName(user.getId())));
          }
        }
      }
      return List.copyOf(people.values());
    });
  }

  Actor actor() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new OperationException(403, "请先登录");
    }
    Set<String> groups = new HashSet<>();
    if (current.getGroupIds() != null) {
      groups.addAll(current.getGroupIds());
    } else {
      inUserName(() -> identityService.createGroupQuery().groupMember(current.getUserId()).list())
          .stream().map(Group::getId).forEach(groups::add);
    }
    return new Actor(current.getUserId(), Set.copyOf(groups));
  }

  // ---- the copy's content

  private ObjectNode snapshot(Task task, TaskFacts facts, Actor actor, String comment, List<String> names) {
    boolean unitPackage = UnitSubmissionProcess.KEY.equals(facts.processKey());
    String unitName;
    String roundTitle;
    JsonNode notice = null;
    if (unitPackage) {
      unitName = (String) variable(task, UnitSubmissionProcess.UNIT_NAME);
      notice = tree(variable(task, UnitSubmissionProcess.NOTICE));
      roundTitle = notice == null ? null : notice.path("title").asText(null);
    } else {
      unitName = organisation.unit(organisation.officeUnit()).map(Organisation.Unit::name).orElse(null);
      roundTitle = (String) variable(task, AnnualAssessmentProcess.TITLE);
    }
    ObjectNode copy = CopySnapshot.of(
        new CopySnapshot.Source(task.getId(), task.getName(), task.getProcessInstanceId(), unitName, roundTitle),
        actor.userId(), inUserName(() -> actors.displayName(actor.userId())), Now.in(zone), comment, names);
    if (unitPackage) {
      CopySnapshot.withPackage(copy, (String) variable(task, UnitSubmissionProcess.UNIT_KIND), notice,
          tree(variable(task, UnitSubmissionProcess.PACKAGE)));
    } else {
      CopySnapshot.withResults(copy, tree(variable(task, AnnualAssessmentProcess.RESULTS)));
    }
    return copy;
  }

  private String businessKey(Task task) {
    // A unit may not read its own process instance (only its tasks); the key only labels the copies in Cockpit.
    return inUserName(() -> runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .list().stream().map(p -> p.getBusinessKey()).findFirst().orElse(null));
  }

  private String unitNameOf(TaskFacts facts) {
    for (String group : facts.candidateGroups()) {
      Optional<String> unit = OperationRules.unitOf(group);
      if (unit.isPresent()) {
        return organisation.unit(unit.get()).map(Organisation.Unit::name).orElse(null);
      }
    }
    return null;
  }

  private Object variable(Task task, String name) {
    try {
      return taskService.getVariable(task.getId(), name);
    } catch (AuthorizationException e) {
      throw new OperationException(403, "您没有权限读取该任务的内容");
    }
  }

  private JsonNode tree(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.readTree(value.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  // ---- helpers

  private static String line(String what, String comment) {
    return comment == null ? what : what + "：" + comment;
  }

  private <T> T inTransaction(Supplier<T> work) {
    return transaction.execute(status -> work.get());
  }

  /**
   * Runs engine calls in the user's name (comments, user operation log and history still name them) past the
   * engine's authorization checks, by adding Camunda's administrators group to this thread's authentication only
   * for the call. Used only after {@link OperationRules} allowed the operation; see the class comment for which
   * calls. Restores the request's own authentication afterwards, also when the call fails.
   */
  private <T> T inUserName(Supplier<T> work) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      return work.get();
    }
    identityService.setAuthentication(current.getUserId(), List.of(Groups.ADMINISTRATORS), current.getTenantIds());
    try {
      return work.get();
    } finally {
      identityService.setAuthentication(current);
    }
  }
}
