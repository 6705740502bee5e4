package org.kaohe.progressreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation.ProgressReports;

class ProgressCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final ProgressCalendar calendar = new ProgressCalendar(new ProgressReports(25, 8, 2, 2000, 3), SHANGHAI);

  private static OffsetDateTime at(int year, int month, int day, int hour, int minute, int second) {
    return ZonedDateTime.of(year, month, day, hour, minute, second, 0, SHANGHAI).toOffsetDateTime();
  }

  @Test
  void mayOpensOnThe25thAndIsDueAtTheEndOf8June() {
    assertThat(calendar.opensAt(2026, 5)).isEqualTo(at(2026, 5, 25, 0, 0, 0));
    assertThat(calendar.dueAt(2026, 5)).isEqualTo(at(2026, 6, 8, 23, 59, 59));
    assertThat(calendar.reminderAt(2026, 5)).isEqualTo(at(2026, 6, 6, 9, 0, 0));
  }

  @Test
  void decemberIsDueInJanuaryOfTheNextYear() {
    assertThat(calendar.dueAt(2026, 12)).isEqualTo(at(2027, 1, 8, 23, 59, 59));
    assertThat(calendar.reminderAt(2026, 12)).isEqualTo(at(2027, 1, 6, 9, 0, 0));
  }

  @Test
  void aDayBeyondTheMonthMeansItsLastDay() {
    ProgressCalendar late = new ProgressCalendar(new ProgressReports(31, 31, 2, 2000, 3), SHANGHAI);
    assertThat(late.opensAt(2026, 2)).isEqualTo(at(2026, 2, 28, 0, 0, 0));
    assertThat(late.dueAt(2026, 1)).isEqualTo(at(2026, 2, 28, 23, 59, 59));
    assertThat(late.opensAt(2028, 2)).isEqualTo(at(2028, 2, 29, 0, 0, 0));
    assertThat(late.dueAt(2026, 3)).isEqualTo(at(2026, 4, 30, 23, 59, 59));
  }

  @Test
  void aCatalogueApprovedBeforeTheMonthOpensStartsWithThatMonth() {
    assertThat(calendar.firstMonth(2026, at(2026, 5, 24, 23, 59, 59))).isEqualTo(5);
    assertThat(calendar.monthCount(2026, at(2026, 5, 24, 23, 59, 59))).isEqualTo(8);
  }

  @Test
  void aCatalogueApprovedOnOrAfterTheOpeningDayStartsWithTheNextMonth() {
    assertThat(calendar.firstMonth(2026, at(2026, 5, 25, 0, 0, 0))).isEqualTo(6);
    assertThat(calendar.firstMonth(2026, at(2026, 5, 31, 12, 0, 0))).isEqualTo(6);
  }

  @Test
  void approvedInTheYearBeforeStartsInJanuaryAndAfterDecemberOpenedNothingIsLeft() {
    assertThat(calendar.firstMonth(2026, at(2025, 12, 30, 10, 0, 0))).isEqualTo(1);
    assertThat(calendar.monthCount(2026, at(2025, 12, 30, 10, 0, 0))).isEqualTo(12);
    assertThat(calendar.monthCount(2026, at(2026, 12, 25, 8, 0, 0))).isZero();
    assertThat(calendar.monthCount(2026, at(2027, 1, 2, 8, 0, 0))).isZero();
    assertThat(calendar.monthCount(2026, at(2026, 12, 24, 8, 0, 0))).isEqualTo(1);
  }

  @Test
  void theZoneDecidesTheDay() {
    // 24 May 17:00 UTC is already 25 May 01:00 in Shanghai: May's report has opened.
    assertThat(calendar.firstMonth(2026, OffsetDateTime.parse("2026-05-24T17:00:00Z"))).isEqualTo(6);
    assertThat(calendar.firstMonth(2026, OffsetDateTime.parse("2026-05-24T15:59:59Z"))).isEqualTo(5);
  }

  @Test
  void namesAndKeys() {
    assertThat(ProgressCalendar.roundName(2026, 5)).isEqualTo("2026年5月重点工作推进");
    assertThat(ProgressCalendar.monthKey(2026, 5)).isEqualTo("2026-05");
    assertThat(ProgressReportProcess.businessKey(2026, 12, "publicity")).isEqualTo("progress:2026-12:publicity");
  }
}
