package org.kaohe.operation;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.kaohe.identity.Groups;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.submission.UnitSubmissionProcess;

/**
 * Who may do which operation on which task, decided from facts only, so that the answer of GET (what the
 * buttons offer) and the refusal of POST are the same rule. The engine's task authorizations still apply on top.
 */
final class OperationRules {

  /** Like the forms' comment fields (审定意见, 退回意见): at most 500 characters. */
  static final int MAX_COMMENT = 500;

  private OperationRules() {}

  /** What the rules need to know about a task. */
  record TaskFacts(String processKey, String taskKey, Set<String> candidateGroups, Set<String> candidateUsers,
      String assignee, boolean pending, boolean suspended, boolean hasContent) {}

  /** The user asking, with the groups of their authentication. */
  record Actor(String userId, Set<String> groups) {

    boolean in(String group) {
      return groups.contains(group);
    }
  }

  /** Why an operation is not open to the user, with the HTTP status the API answers it with. */
  record Refusal(int status, String message) {}

  /**
   * The refusal of {@code operation} on the task, empty if the rules allow it. Whether there is anyone to pick
   * (colleagues, leaders) is the caller's question: it needs the identity service.
   */
  static Optional<Refusal> check(Operation operation, TaskFacts task, Actor actor) {
    if (task.suspended()) {
      return refuse(409, "该任务已暂停，暂不能" + operation.label);
    }
    if (operation == Operation.URGE) {
      return urgeRefusal(task, actor);
    }
    if (task.pending()) {
      return actor.userId().equals(task.assignee())
          ? refuse(409, "该任务是委派给您办理的，请填写后提交，任务将自动交回委派人；不能再" + operation.label)
          : refuse(mayWork(task, actor) ? 409 : 403, "该任务已委派他人办理，待其提交后交回委派人，暂不能" + operation.label);
    }
    if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
      return mayWork(task, actor) ? refuse(409, "该任务已由其他人员认领办理，不能" + operation.label)
          : refuse(403, "您不是该任务的办理人，不能" + operation.label);
    }
    if (!mayWork(task, actor)) {
      return refuse(403, "您不是该任务的办理人，不能" + operation.label);
    }
    return switch (operation) {
      case RETURN -> ReturnPath.of(task.processKey(), task.taskKey()).isPresent() ? Optional.empty()
          : refuse(409, "该任务没有退回环节，不能退回");
      case DELEGATE, TRANSFER -> task.candidateGroups().isEmpty()
          ? refuse(409, "该任务只能由本人办理，不能" + operation.label) : Optional.empty();
      case COPY -> task.hasContent() ? Optional.empty() : refuse(409, "该任务没有可抄送的材料或结果");
      case URGE -> throw new IllegalStateException();
    };
  }

  /**
   * The office urges another unit's open work: a task offered to a group that is not the office, nobody's
   * copy, not the office's own.
   */
  private static Optional<Refusal> urgeRefusal(TaskFacts task, Actor actor) {
    if (!actor.in(Groups.OFFICE)) {
      return refuse(403, "只有办公室可以催办");
    }
    if (task.candidateGroups().isEmpty() || task.candidateGroups().contains(Groups.OFFICE)) {
      return refuse(409, "只能催办其他单位的待办任务");
    }
    return Optional.empty();
  }

  /** A candidate (by group or by name) or the assignee. */
  static boolean mayWork(TaskFacts task, Actor actor) {
    return actor.userId().equals(task.assignee())
        || task.candidateUsers().contains(actor.userId())
        || task.candidateGroups().stream().anyMatch(actor::in);
  }

  /** The unit-submission preparation tasks, which the model itself urges (message kaohe.urge). */
  static boolean urgedByModel(TaskFacts task) {
    return UnitSubmissionProcess.KEY.equals(task.processKey())
        && (UnitSubmissionProcess.SUBMIT_PACKAGE.equals(task.taskKey())
            || UnitSubmissionProcess.APPROVE_PACKAGE.equals(task.taskKey()));
  }

  /** Whether the task's process carries a result that can be copied: a unit's package, or the round's results. */
  static boolean copyable(String processKey) {
    return UnitSubmissionProcess.KEY.equals(processKey) || AnnualAssessmentProcess.KEY.equals(processKey);
  }

  /**
   * The unit on whose behalf the user works on the task, whose leaders receive a copy: the unit of the candidate
   * group the user belongs to ({@code unit-X} or {@code unit-X-leaders}), or the office's unit for the office role.
   */
  static Optional<String> copyingUnit(TaskFacts task, Actor actor, String officeUnit) {
    for (String group : task.candidateGroups()) {
      if (!actor.in(group)) {
        continue;
      }
      if (Groups.OFFICE.equals(group)) {
        return Optional.of(officeUnit);
      }
      Optional<String> unit = unitOf(group);
      if (unit.isPresent()) {
        return unit;
      }
    }
    return Optional.empty();
  }

  /** {@code unit-X} and {@code unit-X-leaders} are unit X's; other groups belong to no unit. */
  static Optional<String> unitOf(String group) {
    if (!group.startsWith("unit-")) {
      return Optional.empty();
    }
    String code = group.substring("unit-".length());
    if (code.endsWith("-leaders")) {
      code = code.substring(0, code.length() - "-leaders".length());
    }
    return code.isEmpty() ? Optional.empty() : Optional.of(code);
  }

  /**
   * The comment as stored: plain text without control characters (line breaks and tabs kept), trimmed; null when
   * empty and not required.
   *
   * @throws OperationException 400 when required and empty, or longer than {@link #MAX_COMMENT}
   */
  static String comment(String raw, boolean required, String requiredMessage) {
    String text = raw == null ? "" : raw.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    if (text.isEmpty()) {
      if (required) {
        throw new OperationException(400, requiredMessage);
      }
      return null;
    }
    if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
      throw new OperationException(400, "意见最多 " + MAX_COMMENT + " 字，现有 " + text.codePointCount(0, text.length()) + " 字");
    }
    return text;
  }

  /** A chosen person must be one of those offered; the user never picks themself. */
  static void checkChosen(String chosen, Collection<String> offered, String what) {
    if (chosen == null || chosen.isBlank()) {
      throw new OperationException(400, "请选择" + what + "的人员");
    }
    if (!offered.contains(chosen)) {
      throw new OperationException(400, "所选人员不是本任务办理单位的人员，不能" + what + "给该人员");
    }
  }

  private static Optional<Refusal> refuse(int status, String message) {
    return Optional.of(new Refusal(status, message));
  }
}
