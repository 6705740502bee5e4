package org.kaohe.progressreport;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.kaohe.organisation.Organisation.ProgressReports;

/**
 * The dates of the monthly progress report, in the organisation's zone. The report on month M opens at the start of
 * day {@code opensOnDay} of M and is due at the end of day {@code dueDayOfNextMonth} of M+1 (December's in January
 * of the next year), 23:59:59 local as the yearly round's deadline. A day past the month's length means its last day.
 */
record ProgressCalendar(ProgressReports settings, ZoneId zone) {

  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
  private static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

  OffsetDateTime opensAt(int year, int month) {
    return day(YearMonth.of(year, month), settings.opensOnDay()).atStartOfDay(zone).toOffsetDateTime();
  }

  OffsetDateTime dueAt(int year, int month) {
    return day(YearMonth.of(year, month).plusMonths(1), settings.dueDayOfNextMonth()).atTime(END_OF_DAY)
        .atZone(zone).toOffsetDateTime();
  }

  /** The department's reminder: {@code reminderDaysBefore} days before the due day, in the morning. */
  OffsetDateTime reminderAt(int year, int month) {
    return dueAt(year, month).toLocalDate().minusDays(settings.reminderDaysBefore()).atTime(REMINDER_TIME)
        .atZone(zone).toOffsetDateTime();
  }

  /**
   * The first month of the year to report on, for a catalogue approved at {@code approvedAt}: the approval's month
   * if its report has not opened yet, else the next; January when approved before the year began. 13 means no month
   * is left in the year.
   */
  int firstMonth(int year, OffsetDateTime approvedAt) {
    LocalDate approved = approvedAt.atZoneSameInstant(zone).toLocalDate();
    if (approved.getYear() < year) {
      return 1;
    }
    if (approved.getYear() > year) {
      return 13;
    }
    int month = approved.getMonthValue();
    return approvedAt.isBefore(opensAt(year, month)) ? month : month + 1;
  }

  /** How many months from {@link #firstMonth} to December. */
  int monthCount(int year, OffsetDateTime approvedAt) {
    return 13 - firstMonth(year, approvedAt);
  }

  /** The round's name as the ready filters show it, e.g. 2026年5月重点工作推进. */
  static String roundName(int year, int month) {
    return year + "年" + month + "月重点工作推进";
  }

  /** The month's key in business keys: 2026-05. */
  static String monthKey(int year, int month) {
    return "%d-%02d".formatted(year, month);
  }

  private static LocalDate day(YearMonth month, int day) {
    return month.atDay(Math.min(day, month.lengthOfMonth()));
  }
}
