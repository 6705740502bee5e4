package org.kaohe.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.review.AreaReviewProcess;
import org.kaohe.round.Notice;
import org.kaohe.submission.UnitSubmissionProcess;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The progress of a round as the dashboard shows it: every unit's status, the late units, the review per area and
 * lead department, the grades once aggregated. Engine queries cover the whole round at once (tasks, draft
 * variables, urging history), never one unit at a time, so a national round of hundreds of units costs the same
 * handful of queries as a provincial one. They run as the logged-in user: office and supervisors may read every
 * task and instance.
 */
@Component
class RoundProgress {

  static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final ProgressRecords records;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final Organisation organisation;
  private final JsonVariables json;
  private final ZoneId zone;

  RoundProgress(ProgressRecords records, TaskService taskService, RuntimeService runtimeService,
      HistoryService historyService, Organisation organisation, JsonVariables json,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.records = records;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.organisation = organisation;
    this.json = json;
    this.zone = zone;
  }

  // ---- the answer's shape (JSON as it is written) ----

  record RoundSummary(String roundId, int year, String title, String deadline, String deadlineDate, int daysLeft,
      boolean deadlinePassed, String publishedAt, int unitCount, boolean active) {}

  record StatusCount(String status, String label, int count) {}

  /**
   * One unit. {@code stage} is where the unit is in its work (for a late unit: how far it got); {@code daysOverdue}
   * only for a late unit; {@code submittedLate} is whether its first package came after the deadline (what the
   * assessment counts), null without a package.
   */
  record UnitRow(String code, String name, String kind, String kindLabel, String status, String statusLabel,
      String stage, String stageLabel, Integer daysOverdue, String submittedAt, Integer version,
      Boolean submittedLate, String returnedComment, String assignee, int urgeCount, String lastUrgedAt) {}

  record AreaRow(String code, String name, String leadDepartment, String leadDepartmentName, String status,
      String statusLabel, int reviewed, int total, int cooperating, int opinionsPending, boolean reviewTaskOpen) {}

  record DepartmentRow(String code, String name, int areas, int areasDone, int reviewed, int total) {}

  record Review(String deadline, int assessedUnits, List<AreaRow> areas, List<DepartmentRow> departments) {}

  record GradeCount(String grade, String label, int count) {}

  record KindGrades(String kind, String kindLabel, int total, List<GradeCount> grades) {}

  record Grades(String computedAt, int total, List<GradeCount> grades, List<KindGrades> byKind) {}

  record RoundView(RoundSummary round, String today, List<StatusCount> statuses, List<UnitRow> units,
      List<UnitRow> overdue, Review review, Grades grades) {}

  // ---- queries ----

  List<RoundSummary> rounds() {
    List<ProgressRecords.Round> rounds = records.rounds();
    Set<String> active = rounds.isEmpty() ? Set.of()
        : runtimeService.createProcessInstanceQuery()
            .processInstanceIds(rounds.stream().map(ProgressRecords.Round::roundId).collect(Collectors.toSet()))
            .list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    LocalDate today = Now.in(zone).toLocalDate();
    return rounds.stream().map(round -> summary(round, active.contains(round.roundId()), today)).toList();
  }

  Optional<RoundView> round(String roundId) {
    return records.round(roundId).map(this::view);
  }

  private RoundView view(ProgressRecords.Round round) {
    ZonedDateTime now = Now.in(zone).atZoneSameInstant(zone);
    LocalDate today = now.toLocalDate();
    Notice notice = json.read(round.noticeJson(), Notice.class, "考核通知");
    ZonedDateTime deadline = deadline(notice);
    boolean passed = now.isAfter(deadline);
    boolean active = runtimeService.createProcessInstanceQuery().processInstanceId(round.roundId()).count() > 0;

    List<ProgressRecords.Unit> units = inOrganisationOrder(records.units(round.roundId()));
    Map<String, ProgressRecords.Package> packages = records.packages(round.roundId());
    List<String> instanceIds = units.stream().map(ProgressRecords.Unit::processInstanceId)
        .filter(java.util.Objects::nonNull).toList();
    Map<String, List<Task>> tasks = openTasks(instanceIds);
    Set<String> drafts = instancesWithDraft(instanceIds);
    Map<String, List<Date>> urges = urges(instanceIds, round.publishedAt());

    int overdueDays = (int) Math.max(0, ChronoUnit.DAYS.between(deadline.toLocalDate(), today));
    List<UnitRow> rows = new ArrayList<>();
    for (ProgressRecords.Unit unit : units) {
      ProgressRecords.Package pkg = packages.get(unit.code());
      List<Task> open = tasks.getOrDefault(unit.processInstanceId(), List.of());
      Task submit = open.stream().filter(t -> UnitSubmissionProcess.SUBMIT_PACKAGE.equals(t.getTaskDefinitionKey()))
          .findFirst().orElse(null);
      Task approve = open.stream().filter(t -> UnitSubmissionProcess.APPROVE_PACKAGE.equals(t.getTaskDefinitionKey()))
          .findFirst().orElse(null);
      UnitStatus.Facts facts = new UnitStatus.Facts(pkg == null ? null : pkg.status(), submit != null,
          submit != null && submit.getAssignee() != null, drafts.contains(unit.processInstanceId()), approve != null);
      UnitStatus status = UnitStatus.of(facts, passed);
      UnitStatus stage = UnitStatus.stage(facts);
      Task holding = approve != null ? approve : submit;
      List<Date> urged = urges.getOrDefault(unit.processInstanceId(), List.of());
      rows.add(new UnitRow(unit.code(), unit.name(), unit.kind(), kindLabel(unit.kind()), status.code(),
          status.label(), stage.code(), stage.label(), status == UnitStatus.LATE ? overdueDays : null,
          pkg == null ? null : time(pkg.submittedAt()), pkg == null ? null : pkg.version(),
          pkg == null ? null : pkg.firstLate(),
          pkg != null && UnitStatus.RECORD_RETURNED.equals(pkg.status()) ? pkg.statusComment() : null,
          holding == null ? null : holding.getAssignee(), urged.size(),
          urged.isEmpty() ? null : time(urged.get(urged.size() - 1))));
    }

    Map<UnitStatus, Integer> counts = new EnumMap<>(UnitStatus.class);
    rows.forEach(row -> counts.merge(byCode(row.status()), 1, Integer::sum));
    List<StatusCount> statuses = java.util.Arrays.stream(UnitStatus.values())
        .map(s -> new StatusCount(s.code(), s.label(), counts.getOrDefault(s, 0))).toList();

    List<String> stageOrder = List.of(UnitStatus.NOT_STARTED.code(), UnitStatus.DRAFTING.code(),
        UnitStatus.RETURNED.code(), UnitStatus.AWAITING_LEADER.code());
    List<UnitRow> overdue = rows.stream().filter(row -> UnitStatus.LATE.code().equals(row.status()))
        .sorted(Comparator.comparing((UnitRow row) -> row.daysOverdue()).reversed()
            .thenComparing(row -> stageOrder.indexOf(row.stage())))
        .toList();

    return new RoundView(summary(round, active, today, notice), today.toString(), statuses, rows, overdue,
        review(round.roundId(), notice, units), grades(round.roundId()));
  }

  // ---- pieces ----

  private RoundSummary summary(ProgressRecords.Round round, boolean active, LocalDate today) {
    return summary(round, active, today, json.read(round.noticeJson(), Notice.class, "考核通知"));
  }

  private RoundSummary summary(ProgressRecords.Round round, boolean active, LocalDate today, Notice notice) {
    ZonedDateTime deadline = deadline(notice);
    return new RoundSummary(round.roundId(), round.year(), round.title(), TIME.format(deadline),
        deadline.toLocalDate().toString(), (int) ChronoUnit.DAYS.between(today, deadline.toLocalDate()),
        Now.instant().isAfter(deadline.toInstant()), time(round.publishedAt()), round.unitCount(), active);
  }

  /** The deadline as the notice states it: the day, at the time the office set or the end of the day, Beijing time. */
  private ZonedDateTime deadline(Notice notice) {
    return notice.submissionDeadline().atTime(notice.deadlineTime()).atZone(zone);
  }

  /** Open tasks of the round's unit instances, by instance: one query. */
  private Map<String, List<Task>> openTasks(List<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return Map.of();
    }
    return taskService.createTaskQuery().processInstanceIdIn(instanceIds.toArray(String[]::new)).list().stream()
        .collect(Collectors.groupingBy(Task::getProcessInstanceId));
  }

  /** Instances where the staff saved something: one query, values not fetched. */
  private Set<String> instancesWithDraft(List<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return Set.of();
    }
    return runtimeService.createVariableInstanceQuery()
        .variableNameIn(UnitSubmissionProcess.PACKAGE, UnitSubmissionProcess.SUMMARY_DOCUMENT)
        .processInstanceIdIn(instanceIds.toArray(String[]::new))
        .disableBinaryFetching().disableCustomObjectDeserialization()
        .list().stream().map(VariableInstance::getProcessInstanceId).collect(Collectors.toSet());
  }

  /**
   * When each instance was urged ({@code ServiceTask_SendUrge} ran: the office's follow-up and the dashboard's
   * urge-all alike), oldest first: one history query from the round's publication on.
   */
  Map<String, List<Date>> urges(List<String> instanceIds, OffsetDateTime since) {
    if (instanceIds.isEmpty()) {
      return Map.of();
    }
    Set<String> ids = new HashSet<>(instanceIds);
    return historyService.createHistoricActivityInstanceQuery()
        .activityId(UnitSubmissionProcess.SEND_URGE)
        .startedAfter(Date.from(since.toInstant().minusSeconds(1)))
        .orderByHistoricActivityInstanceStartTime().asc()
        .list().stream()
        .filter(activity -> ids.contains(activity.getProcessInstanceId()))
        .collect(Collectors.groupingBy(HistoricActivityInstance::getProcessInstanceId, LinkedHashMap::new,
            Collectors.mapping(HistoricActivityInstance::getStartTime, Collectors.toList())));
  }

  /**
   * Per area: done (the lead department's scores are recorded, or its review ended), under review (its instance
   * runs: cooperating opinions pending, the lead department's task open) or not started (no area review yet: the
   * round opens them at publication); and the same summed per lead department.
   */
  private Review review(String roundId, Notice notice, List<ProgressRecords.Unit> units) {
    Set<String> assessedKinds = organisation.assessment() == null ? Set.of()
        : organisation.assessment().unitKinds().stream().map(UnitKind::code).collect(Collectors.toSet());
    int assessed = (int) units.stream().filter(unit -> assessedKinds.contains(unit.kind())).count();
    Map<String, Integer> reviewed = records.reviewedPerArea(roundId);

    String keyPrefix = roundId + ":";
    Map<String, HistoricProcessInstance> instances = new HashMap<>();
    for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(AreaReviewProcess.KEY).processInstanceBusinessKeyLike(keyPrefix + "%").list()) {
      String key = instance.getBusinessKey();
      if (key != null && key.startsWith(keyPrefix)) {
        // a running instance wins over an ended one of the same area
        instances.merge(key.substring(keyPrefix.length()), instance,
            (a, b) -> a.getEndTime() == null ? a : b);
      }
    }
    Map<String, List<Task>> tasks = instances.isEmpty() ? Map.of()
        : taskService.createTaskQuery().processDefinitionKey(AreaReviewProcess.KEY)
            .processInstanceBusinessKeyLike(keyPrefix + "%").list().stream()
            .collect(Collectors.groupingBy(Task::getProcessInstanceId));

    List<AreaRow> areas = new ArrayList<>();
    List<Organisation.Area> catalogue = notice.catalogue() == null ? List.of() : notice.catalogue().areas();
    for (Organisation.Area area : catalogue) {
      HistoricProcessInstance instance = instances.get(area.code());
      List<Task> open = instance == null ? List.of() : tasks.getOrDefault(instance.getId(), List.of());
      int done = reviewed.getOrDefault(area.code(), 0);
      // The scores are recorded all at once when the lead department finishes, and the instance ends right after.
      String status;
      if (done > 0 || (instance != null && instance.getEndTime() != null)) {
        status = "done";
      } else if (instance != null) {
        status = "inReview";
      } else {
        status = "notStarted";
      }
      int cooperating = area.cooperatingDepartments() == null ? 0 : area.cooperatingDepartments().size();
      areas.add(new AreaRow(area.code(), area.name(), area.leadDepartment(), unitName(area.leadDepartment(), notice),
          status, switch (status) {
            case "inReview" -> "评价中";
            case "done" -> "已完成";
            default -> "未开始";
          }, done, assessed, cooperating,
          (int) open.stream().filter(t -> AreaReviewProcess.GIVE_OPINIONS.equals(t.getTaskDefinitionKey())).count(),
          open.stream().anyMatch(t -> AreaReviewProcess.REVIEW_AREA.equals(t.getTaskDefinitionKey()))));
    }

    Map<String, List<AreaRow>> byDepartment = new LinkedHashMap<>();
    areas.forEach(area -> byDepartment.computeIfAbsent(area.leadDepartment(), d -> new ArrayList<>()).add(area));
    List<DepartmentRow> departments = byDepartment.entrySet().stream().map(entry -> new DepartmentRow(
        entry.getKey(), entry.getValue().get(0).leadDepartmentName(), entry.getValue().size(),
        (int) entry.getValue().stream().filter(a -> "done".equals(a.status())).count(),
        entry.getValue().stream().mapToInt(AreaRow::reviewed).sum(),
        entry.getValue().stream().mapToInt(AreaRow::total).sum())).toList();

    Notice.AssessmentDeadlines deadlines = notice.assessmentDeadlines();
    String reviewDeadline = deadlines == null || deadlines.review() == null ? null
        : TIME.format(deadlines.review().atZone(zone));
    return new Review(reviewDeadline, assessed, areas, departments);
  }

  /** Null until the round's results are aggregated ({@code kaohe_result}); grades in the organisation's order. */
  private Grades grades(String roundId) {
    List<ProgressRecords.GradeCount> counts = records.gradeCounts(roundId);
    if (counts.isEmpty()) {
      return null;
    }
    List<String> order = new ArrayList<>(organisation.grades().stream().map(Organisation.Grade::code).toList());
    counts.stream().map(ProgressRecords.GradeCount::grade).filter(g -> !order.contains(g)).distinct()
        .forEach(order::add);
    Map<String, Map<String, Integer>> byKind = new LinkedHashMap<>();
    counts.forEach(c -> byKind.computeIfAbsent(c.unitKind(), k -> new HashMap<>()).merge(c.grade(), c.count(),
        Integer::sum));
    Map<String, Integer> all = new HashMap<>();
    counts.forEach(c -> all.merge(c.grade(), c.count(), Integer::sum));
    List<KindGrades> kinds = byKind.entrySet().stream().map(entry -> new KindGrades(entry.getKey(),
        kindLabel(entry.getKey()), entry.getValue().values().stream().mapToInt(Integer::intValue).sum(),
        gradeCounts(order, entry.getValue()))).toList();
    return new Grades(records.resultsComputedAt(roundId).map(this::time).orElse(null),
        all.values().stream().mapToInt(Integer::intValue).sum(), gradeCounts(order, all), kinds);
  }

  private List<GradeCount> gradeCounts(List<String> order, Map<String, Integer> counts) {
    return order.stream().map(code -> new GradeCount(code, gradeName(code), counts.getOrDefault(code, 0))).toList();
  }

  private String gradeName(String code) {
    return organisation.grades().stream().filter(g -> g.code().equals(code)).map(Organisation.Grade::name)
        .findFirst().orElse(code);
  }

  private List<ProgressRecords.Unit> inOrganisationOrder(List<ProgressRecords.Unit> units) {
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < organisation.units().size(); i++) {
      order.put(organisation.units().get(i).code(), i);
    }
    return units.stream()
        .sorted(Comparator.comparing((ProgressRecords.Unit unit) -> order.getOrDefault(unit.code(), Integer.MAX_VALUE))
            .thenComparing(ProgressRecords.Unit::code))
        .toList();
  }

  private String unitName(String code, Notice notice) {
    if (code == null) {
      return null;
    }
    return organisation.unit(code).map(Organisation.Unit::name)
        .or(() -> notice.units().stream().filter(u -> code.equals(u.code())).map(Notice.Unit::name).findFirst())
        .orElse(code);
  }

  private static String kindLabel(String kind) {
    return java.util.Arrays.stream(UnitKind.values()).filter(k -> k.code().equals(kind)).map(UnitKind::label)
        .findFirst().orElse(kind);
  }

  private static UnitStatus byCode(String code) {
    return java.util.Arrays.stream(UnitStatus.values()).filter(s -> s.code().equals(code)).findFirst().orElseThrow();
  }

  private String time(Date date) {
    return TIME.format(date.toInstant().atZone(zone));
  }

  private String time(OffsetDateTime time) {
    return time == null ? null : TIME.format(time.atZoneSameInstant(zone));
  }
}
