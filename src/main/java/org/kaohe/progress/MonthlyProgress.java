package org.kaohe.progress;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kaohe.organisation.Organisation;
import org.kaohe.support.Now;
import org.kaohe.stationing.StationingFilingProcess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The monthly cycles of one year as the dashboard shows them beside the yearly rounds: the key-work progress
 * reports (V3) month by month, and grassroots stationing (V4): reports per department and city, stationing days
 * against the minimums, shortfalls found, the year's filings. Read from Kaohe's tables only, in a fixed number of
 * queries (four for the progress reports, five for stationing) whatever the number of departments or cadres.
 */
@Component
class MonthlyProgress {


  private final MonthlyRecords records;
  private final Organisation organisation;
  private final ZoneId zone;

  MonthlyProgress(MonthlyRecords records, Organisation organisation,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.records = records;
    this.organisation = organisation;
    this.zone = zone;
  }

  // ---- the answer's shape (JSON as it is written; times are ISO-8601 with offset, Beijing time) ----

  record Years(int currentYear, List<Integer> years, boolean progressReports, boolean stationing) {}

  record StatusCount(String status, String label, int count) {}

  record LineRef(int number, String title) {}

  record ProgressDepartment(String code, String name, String status, String statusLabel, String submittedAt,
      Integer daysOverdue, int lines, List<LineRef> missingLines) {}

  record ProgressMonth(int month, String title, String status, String statusLabel, String openedAt,
      String deadline, String deadlineDate, int daysLeft, boolean deadlinePassed, String compiledAt,
      String approvedAt, List<StatusCount> counts, int linesTotal, int linesReported, List<LineRef> missingLines,
      List<ProgressDepartment> departments) {}

  record Progress(int opensOnDay, int dueDayOfNextMonth, int lines, List<ProgressMonth> months) {}

  record StationingReport(String department, String departmentName, String city, String cityName, String status,
      String statusLabel, String submittedAt, Integer daysOverdue) {}

  record DepartmentDays(String department, String name, int days, int required, String status, String label) {}

  record StationingMonth(int month, String title, boolean started, boolean opened, String deadline,
      String deadlineDate, int daysLeft, boolean deadlinePassed, List<StatusCount> counts,
      List<StationingReport> reports, List<DepartmentDays> departments) {}

  record CadreDays(String cadre, String department, String departmentName, int days, int required, String status,
      String label, String lastDay) {}

  record Shortfall(int month, String kind, String kindLabel, String department, String departmentName,
      String cadre, int days, int requiredDays, String foundAt) {}

  record Filing(String kind, String kindLabel, String unit, String unitName, String receivingDepartment,
      String receivingDepartmentName, String status, String statusLabel, String deadline, String deadlineDate,
      int daysLeft, boolean deadlinePassed, String submittedAt) {}

  record Stationing(int firstMonth, int lastMonth, int minDaysPerDepartmentPerMonth, int minDaysPerCadrePerYear,
      String reportsTo, String reportsToName, String yearEnd, boolean yearEnded, List<StationingMonth> months,
      List<CadreDays> cadres, List<Shortfall> shortfalls, List<Filing> filings) {}

  /** {@code progress} or {@code stationing} is null when the organisation does not run that cycle. */
  record MonthlyView(int year, String today, Progress progress, Stationing stationing) {}

  // ---- views ----

  int currentYear() {
    return Now.in(zone).getYear();
  }

  Years years() {
    int current = currentYear();
    Set<Integer> years = new LinkedHashSet<>();
    years.add(current);
    years.addAll(records.years(organisation.code()));
    return new Years(current, years.stream().sorted(Comparator.reverseOrder()).toList(),
        organisation.progressReports() != null, organisation.stationing() != null);
  }

  MonthlyView year(int year) {
    ZonedDateTime now = Now.in(zone).atZoneSameInstant(zone);
    return new MonthlyView(year, now.toLocalDate().toString(),
        organisation.progressReports() == null ? null : progress(year, now),
        organisation.stationing() == null ? null : stationing(year, now));
  }

  // ---- 重点工作推进 ----

  private Progress progress(int year, ZonedDateTime now) {
    String org = organisation.code();
    List<MonthlyRecords.Month> months = records.progressMonths(org, year);
    Map<Integer, List<MonthlyRecords.DepartmentReport>> reports = records.progressDepartments(org, year).stream()
        .collect(Collectors.groupingBy(MonthlyRecords.DepartmentReport::month, LinkedHashMap::new,
            Collectors.toList()));
    List<MonthlyRecords.Line> lines = records.keyWorkLines(org, year);
    Map<Integer, Set<Integer>> reported = new HashMap<>();
    records.progressEntries(org, year).forEach(e ->
        reported.computeIfAbsent(e.month(), m -> new java.util.HashSet<>()).add(e.line()));
    Map<String, List<MonthlyRecords.Line>> linesOf = lines.stream()
        .collect(Collectors.groupingBy(MonthlyRecords.Line::department));

    List<ProgressMonth> rows = new ArrayList<>();
    for (MonthlyRecords.Month month : months) {
      ZonedDateTime deadline = month.dueAt().atZoneSameInstant(zone);
      boolean passed = now.isAfter(deadline);
      Set<Integer> done = reported.getOrDefault(month.month(), Set.of());
      List<ProgressDepartment> departments = new ArrayList<>();
      for (MonthlyRecords.DepartmentReport report
          : inOrganisationOrder(reports.getOrDefault(month.month(), List.of()), MonthlyRecords.DepartmentReport::department)) {
        MonthlyRules.Label label = MonthlyRules.reportStatus(report.status(), report.late(), passed);
        List<MonthlyRecords.Line> own = linesOf.getOrDefault(report.department(), List.of());
        departments.add(new ProgressDepartment(report.department(), unitName(report.department()), label.code(),
            label.label(), time(report.submittedAt()), "overdue".equals(label.code()) ? daysOver(deadline, now) : null,
            own.size(), missing(own, done)));
      }
      MonthlyRules.Label status = MonthlyRules.monthStatus(month.status());
      rows.add(new ProgressMonth(month.month(), year + "年" + month.month() + "月重点工作推进", status.code(),
          status.label(), time(month.openedAt()), time(month.dueAt()), deadline.toLocalDate().toString(),
          daysLeft(deadline, now), passed, time(month.compiledAt()), time(month.approvedAt()),
          counts(departments.stream().map(ProgressDepartment::status).toList(), PROGRESS_STATUSES),
          lines.size(), (int) lines.stream().filter(l -> done.contains(l.number())).count(), missing(lines, done),
          departments));
    }
    return new Progress(organisation.progressReports().opensOnDay(),
        organisation.progressReports().dueDayOfNextMonth(), lines.size(), rows);
  }

  private static final String NOT_OPENED = "notOpened";
  private static final String NOT_OPENED_LABEL = "未开启";

  private static final List<MonthlyRules.Label> PROGRESS_STATUSES = List.of(
      MonthlyRules.reportStatus("submitted", false, false), MonthlyRules.reportStatus("submitted", true, false),
      MonthlyRules.reportStatus("open", false, false), MonthlyRules.reportStatus("open", false, true),
      MonthlyRules.reportStatus("missing", false, false));

  private static final List<MonthlyRules.Label> STATIONING_STATUSES = List.of(
      MonthlyRules.reportStatus("submitted", false, false), MonthlyRules.reportStatus("submitted", true, false),
      MonthlyRules.reportStatus("open", false, false), MonthlyRules.reportStatus("open", false, true),
      new MonthlyRules.Label(NOT_OPENED, NOT_OPENED_LABEL));

  private static List<LineRef> missing(List<MonthlyRecords.Line> lines, Set<Integer> reported) {
    return lines.stream().filter(l -> !reported.contains(l.number())).map(l -> new LineRef(l.number(), l.title()))
        .toList();
  }

  // ---- 驻点工作 ----

  private Stationing stationing(int year, ZonedDateTime now) {
    String org = organisation.code();
    Organisation.Stationing rules = organisation.stationing();
    Map<Integer, List<MonthlyRecords.StationingReport>> reports = records.stationingReports(org, year).stream()
        .collect(Collectors.groupingBy(MonthlyRecords.StationingReport::month));
    Map<Integer, Map<String, Integer>> days = new HashMap<>();
    records.departmentDays(org, year).forEach(d ->
        days.computeIfAbsent(d.month(), m -> new HashMap<>()).put(d.department(), d.days()));

    List<String> departments = organisation.stationingPairings().stream()
        .map(Organisation.StationingPairing::department).toList();
    List<StationingMonth> months = new ArrayList<>();
    for (int m = rules.firstMonth(); m <= rules.lastMonth(); m++) {
      YearMonth yearMonth = YearMonth.of(year, m);
      boolean started = !now.toLocalDate().isBefore(yearMonth.atDay(1));
      ZonedDateTime monthEnd = endOfDay(yearMonth.atEndOfMonth());
      List<MonthlyRecords.StationingReport> rows = reports.getOrDefault(m, List.of());
      // the reports' own due time once opened; before that the rule's: the month's last day
      ZonedDateTime deadline = rows.stream().map(r -> r.dueAt().atZoneSameInstant(zone))
          .max(Comparator.naturalOrder()).orElse(monthEnd);
      boolean passed = now.isAfter(deadline);

      Map<String, MonthlyRecords.StationingReport> byCell = new LinkedHashMap<>();
      rows.forEach(r -> byCell.put(r.department() + "/" + r.city(), r));
      List<StationingReport> cells = new ArrayList<>();
      for (Organisation.StationingPairing pairing : organisation.stationingPairings()) {
        for (String city : pairing.cities()) {
          cells.add(cell(pairing.department(), city, byCell.remove(pairing.department() + "/" + city), now));
        }
      }
      // reports of pairings no longer configured still count
      byCell.values().forEach(r -> cells.add(cell(r.department(), r.city(), r, now)));

      Map<String, Integer> monthDays = days.getOrDefault(m, Map.of());
      boolean monthEnded = now.isAfter(monthEnd);
      List<DepartmentDays> perDepartment = new ArrayList<>();
      Set<String> shown = new LinkedHashSet<>(departments);
      shown.addAll(monthDays.keySet());
      for (String department : shown) {
        int count = monthDays.getOrDefault(department, 0);
        MonthlyRules.Label label = started
            ? MonthlyRules.daysAgainstMinimum(count, rules.minDaysPerDepartmentPerMonth(), monthEnded)
            : new MonthlyRules.Label("notStarted", "未开始");
        perDepartment.add(new DepartmentDays(department, unitName(department), count,
            rules.minDaysPerDepartmentPerMonth(), label.code(), label.label()));
      }
      months.add(new StationingMonth(m, year + "年" + m + "月驻点月报", started, !rows.isEmpty(),
          TIME_FORMAT.format(deadline), deadline.toLocalDate().toString(), daysLeft(deadline, now), passed,
          counts(cells.stream().map(StationingReport::status).toList(), STATIONING_STATUSES), cells,
          perDepartment));
    }

    ZonedDateTime yearEnd = endOfDay(YearMonth.of(year, rules.lastMonth()).atEndOfMonth());
    boolean yearEnded = now.isAfter(yearEnd);
    List<CadreDays> cadres = records.cadreDays(org, year).stream().map(c -> {
      MonthlyRules.Label label = MonthlyRules.daysAgainstMinimum(c.days(), rules.minDaysPerCadrePerYear(), yearEnded);
      return new CadreDays(c.cadre(), c.department(), unitName(c.department()), c.days(),
          rules.minDaysPerCadrePerYear(), label.code(), label.label(), c.lastDay() == null ? null : c.lastDay().toString());
    }).sorted(Comparator.comparingInt(CadreDays::days).thenComparing(CadreDays::cadre)).toList();

    List<Shortfall> shortfalls = records.shortfalls(org, year).stream().map(s -> new Shortfall(s.month(), s.kind(),
        MonthlyRules.shortfallKind(s.kind()), s.department(), unitName(s.department()),
        s.cadre() == null || s.cadre().isEmpty() ? null : s.cadre(), s.days(), s.requiredDays(),
        time(s.foundAt()))).toList();

    List<String> kindOrder = List.of("city-plan", "project-report", "party-courses");
    List<Filing> filings = records.filings(org, year).stream()
        .sorted(Comparator.comparingInt((MonthlyRecords.Filing f) -> kindOrder.indexOf(f.kind()) < 0 ? 99
                : kindOrder.indexOf(f.kind()))
            .thenComparingInt(f -> unitOrder(f.unit())))
        .map(f -> {
          ZonedDateTime deadline = f.dueAt().atZoneSameInstant(zone);
          MonthlyRules.Label label = MonthlyRules.reportStatus(f.status(), f.late(), now.isAfter(deadline));
          return new Filing(f.kind(), StationingFilingProcess.kindName(f.kind()), f.unit(), unitName(f.unit()),
              f.receivingDepartment(), unitName(f.receivingDepartment()), label.code(), label.label(),
              TIME_FORMAT.format(deadline), deadline.toLocalDate().toString(), daysLeft(deadline, now),
              now.isAfter(deadline), time(f.submittedAt()));
        }).toList();

    return new Stationing(rules.firstMonth(), rules.lastMonth(), rules.minDaysPerDepartmentPerMonth(),
        rules.minDaysPerCadrePerYear(), rules.reportsTo(), unitName(rules.reportsTo()), TIME_FORMAT.format(yearEnd),
        yearEnded, months, cadres, shortfalls, filings);
  }

  private StationingReport cell(String department, String city, MonthlyRecords.StationingReport report,
      ZonedDateTime now) {
    if (report == null) {
      return new StationingReport(department, unitName(department), city, unitName(city), NOT_OPENED,
          NOT_OPENED_LABEL, null, null);
    }
    ZonedDateTime deadline = report.dueAt().atZoneSameInstant(zone);
    MonthlyRules.Label label = MonthlyRules.reportStatus(report.status(), report.late(), now.isAfter(deadline));
    return new StationingReport(department, unitName(department), city, unitName(city), label.code(), label.label(),
        time(report.submittedAt()), "overdue".equals(label.code()) ? daysOver(deadline, now) : null);
  }

  // ---- helpers ----

  static final java.time.format.DateTimeFormatter TIME_FORMAT = RoundProgress.TIME;

  private static List<StatusCount> counts(List<String> statuses, List<MonthlyRules.Label> order) {
    Map<String, Integer> counts = new HashMap<>();
    statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
    List<StatusCount> result = new ArrayList<>(order.stream()
        .map(l -> new StatusCount(l.code(), l.label(), counts.getOrDefault(l.code(), 0))).toList());
    // a status the tables hold that the order does not know still shows
    counts.keySet().stream().filter(s -> order.stream().noneMatch(l -> l.code().equals(s))).sorted()
        .forEach(s -> result.add(new StatusCount(s, s, counts.get(s))));
    return result;
  }

  /** The end of a day as the yearly round counts it: 23:59:59 Beijing time. */
  private ZonedDateTime endOfDay(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(zone);
  }

  private static int daysLeft(ZonedDateTime deadline, ZonedDateTime now) {
    return (int) ChronoUnit.DAYS.between(now.toLocalDate(), deadline.toLocalDate());
  }

  private static int daysOver(ZonedDateTime deadline, ZonedDateTime now) {
    return (int) Math.max(0, ChronoUnit.DAYS.between(deadline.toLocalDate(), now.toLocalDate()));
  }

  private String time(OffsetDateTime time) {
    return time == null ? null : TIME_FORMAT.format(time.atZoneSameInstant(zone));
  }

  private String unitName(String code) {
    return code == null ? null : organisation.unit(code).map(Organisation.Unit::name).orElse(code);
  }

  private int unitOrder(String code) {
    for (int i = 0; i < organisation.units().size(); i++) {
      if (organisation.units().get(i).code().equals(code)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private <T> List<T> inOrganisationOrder(List<T> rows, java.util.function.Function<T, String> code) {
    return rows.stream().sorted(Comparator.comparingInt((T row) -> unitOrder(code.apply(row)))
        .thenComparing(code)).toList();
  }
}
