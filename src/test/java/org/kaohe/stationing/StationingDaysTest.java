package org.kaohe.stationing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shortfall rule of seed 002 at its boundaries: 3 days per department and month, 10 per cadre and year. */
class StationingDaysTest {

  private static final LocalDate MAY = LocalDate.of(2026, 5, 1);

  private static StationingDays.Visit visit(String department, String city, int day, String cadre) {
    return new StationingDays.Visit(department, city, MAY.withDayOfMonth(day), cadre);
  }

  @Test
  void twoDaysAreShortAndThreeAreFine() {
    List<StationingDays.Visit> visits = List.of(
        visit("publicity", "guangzhou", 5, "张三"), visit("publicity", "guangzhou", 6, "张三"),
        visit("office", "zhongshan", 5, "李四"), visit("office", "zhongshan", 6, "李四"),
        visit("office", "zhongshan", 7, "李四"));

    assertThat(StationingDays.departmentMonth(List.of("publicity", "office"), Set.of("publicity", "office"), visits, 3))
        .containsExactly(new StationingDays.Shortfall("publicity", "", 2, 3, false));
  }

  @Test
  void theSameDateInTwoCitiesOrWithTwoCadresCountsOnce() {
    List<StationingDays.Visit> visits = List.of(
        visit("publicity", "guangzhou", 5, "张三"), visit("publicity", "foshan", 5, "李四"),
        visit("publicity", "guangzhou", 5, "李四"), visit("publicity", "foshan", 6, "张三"),
        visit("publicity", "foshan", 6, "王五"));

    assertThat(StationingDays.departmentDays(visits, "publicity")).isEqualTo(2);
    assertThat(StationingDays.departmentMonth(List.of("publicity"), Set.of("publicity"), visits, 3))
        .containsExactly(new StationingDays.Shortfall("publicity", "", 2, 3, false));
    // One more distinct date in either city makes three.
    List<StationingDays.Visit> more = new ArrayList<>(visits);
    more.add(visit("publicity", "foshan", 20, "王五"));
    assertThat(StationingDays.departmentMonth(List.of("publicity"), Set.of("publicity"), more, 3)).isEmpty();
  }

  @Test
  void aMonthWithoutAFiledReportCountsZeroAndSaysSo() {
    assertThat(StationingDays.departmentMonth(List.of("school"), Set.of(), List.of(), 3))
        .containsExactly(new StationingDays.Shortfall("school", "", 0, 3, true));
    // Filed, but without any day: zero days, and it was reported.
    assertThat(StationingDays.departmentMonth(List.of("school"), Set.of("school"), List.of(), 3))
        .containsExactly(new StationingDays.Shortfall("school", "", 0, 3, false));
  }

  @Test
  void anotherDepartmentsDaysDoNotCount() {
    List<StationingDays.Visit> visits = List.of(visit("office", "zhongshan", 1, "李四"),
        visit("office", "zhongshan", 2, "李四"), visit("office", "zhongshan", 3, "李四"));
    assertThat(StationingDays.departmentMonth(List.of("school"), Set.of("school"), visits, 3))
        .extracting(StationingDays.Shortfall::days).containsExactly(0);
  }

  @Test
  void nineDaysAYearAreShortAndTenAreFineCountingDistinctDatesOfTheCadreByTrimmedName() {
    List<StationingDays.Visit> visits = new ArrayList<>();
    for (int month = 4; month <= 11; month++) {
      visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, month, 3), "李四"));
      visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, month, 3), "张三"));
    }
    // Nine for 李四 (one more date, and one date twice in two cities counted once); ten for 张三 (typed with spaces).
    visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, 6, 9), "李四"));
    visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, 4, 3), "李四"));
    visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, 6, 9), " 张三 "));
    visits.add(new StationingDays.Visit("office", "zhongshan", LocalDate.of(2026, 7, 9), "张三"));

    assertThat(StationingDays.cadreDays(visits).get("office")).containsEntry("李四", 9).containsEntry("张三", 10);
    assertThat(StationingDays.cadreYear(visits, 10))
        .containsExactly(new StationingDays.Shortfall("office", "李四", 9, 10, false));
  }
}
