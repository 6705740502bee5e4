package org.kaohe.stationing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The shortfall rule of seed 002 ("每个部门保证1个月至少3个整天，每名参与驻点工作的专职干部保证每年累计时间至少10个整天").
 * A department's days in a month are the DISTINCT dates on which any of its cadres was stationed in any of its paired
 * cities: two cadres on one date, or one date in two cities, is one day of the department. A cadre's days in a year
 * are the distinct dates that cadre was stationed. Cadres are known only by the name typed in the reports (trimmed),
 * so "张三" and "张 三" are two people, and a cadre never named in any report cannot be found short.
 */
final class StationingDays {

  /** One cadre's full day in one paired city (a row of kaohe_stationing_day). */
  record Visit(String department, String city, LocalDate date, String cadre) {
    Visit {
      cadre = cadre == null ? "" : cadre.trim();
    }
  }

  /**
   * A department below its monthly minimum, or a cadre below the yearly one. {@code cadre} is "" for a department;
   * {@code noReport} says that the department filed no report that month, so its 0 days mean "not reported".
   */
  record Shortfall(String department, String cadre, int days, int requiredDays, boolean noReport) {}

  private StationingDays() {}

  static int departmentDays(Collection<Visit> visits, String department) {
    return (int) visits.stream().filter(v -> v.department().equals(department)).map(Visit::date).distinct().count();
  }

  /**
   * The departments of the month below {@code minDays}.
   *
   * @param departments every paired department
   * @param reported the departments that filed at least one report this month
   * @param visits the month's visits of the filed reports
   */
  static List<Shortfall> departmentMonth(Collection<String> departments, Set<String> reported, Collection<Visit> visits,
      int minDays) {
    List<Shortfall> shortfalls = new ArrayList<>();
    for (String department : new TreeSet<>(departments)) {
      int days = departmentDays(visits, department);
      if (days < minDays) {
        shortfalls.add(new Shortfall(department, "", days, minDays, !reported.contains(department)));
      }
    }
    return shortfalls;
  }

  /** Each cadre's distinct days of the year, by department then name. */
  static Map<String, Map<String, Integer>> cadreDays(Collection<Visit> visits) {
    Map<String, Map<String, Integer>> days = new TreeMap<>();
    visits.stream().filter(v -> !v.cadre().isEmpty())
        .collect(Collectors.groupingBy(Visit::department, TreeMap::new,
            Collectors.groupingBy(Visit::cadre, TreeMap::new, Collectors.mapping(Visit::date, Collectors.toSet()))))
        .forEach((department, cadres) -> cadres.forEach((cadre, dates) ->
            days.computeIfAbsent(department, d -> new TreeMap<>()).put(cadre, dates.size())));
    return days;
  }

  /** The cadres below {@code minDays} in the year. */
  static List<Shortfall> cadreYear(Collection<Visit> visits, int minDays) {
    List<Shortfall> shortfalls = new ArrayList<>();
    cadreDays(visits).forEach((department, cadres) -> cadres.forEach((cadre, days) -> {
      if (days < minDays) {
        shortfalls.add(new Shortfall(department, cadre, days, minDays, false));
      }
    }));
    return shortfalls;
  }
}
