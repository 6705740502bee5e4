package org.kaohe.stationing;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The dates of the stationing year in the organisation's zone. Deadlines end at 23:59:59 local, as the yearly round's;
 * a month's check runs at 00:00 of the next month, just after its reports fell due. The models call it from their
 * timer expressions (bean {@code stationingCalendar}).
 */
public class StationingCalendar {

  private final ZoneId zone;

  public StationingCalendar(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The months of the year's cycle, firstMonth..lastMonth (the multi-instance collection). */
  public List<Integer> months(int firstMonth, int lastMonth) {
    return IntStream.rangeClosed(firstMonth, lastMonth).boxed().toList();
  }

  /** 00:00 on the 1st of the month. */
  public Date monthOpens(int year, int month) {
    return Date.from(LocalDate.of(year, month, 1).atStartOfDay(zone).toInstant());
  }

  /** 23:59:59 on the last day of the month: the reports' due date. */
  public Date monthDue(int year, int month) {
    return endOfDay(YearMonth.of(year, month).atEndOfMonth());
  }

  /** 00:00 on the 1st of the next month, after the month's reports fell due. */
  public Date monthEnds(int year, int month) {
    return Date.from(YearMonth.of(year, month).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** {@code days} before the month's due date: the reminder. */
  public Date monthReminder(int year, int month, int days) {
    return Date.from(monthDue(year, month).toInstant().minusSeconds(days * 86_400L));
  }

  /** The receiving department compiles the month within ten days of its end (seed silent). */
  public Date compileDue(int year, int month) {
    return endOfDay(YearMonth.of(year, month).plusMonths(1).atDay(10));
  }

  /** 00:00 on 1 December: the December filings open. */
  public Date decemberOpens(int year) {
    return monthOpens(year, 12);
  }

  /** 23:59:59 on the filing's due day of the year. */
  public Date filingDue(int year, java.time.MonthDay due) {
    return endOfDay(due.atYear(year));
  }

  public Date endOfDay(LocalDate day) {
    return Date.from(ZonedDateTime.of(day, LocalTime.of(23, 59, 59), zone).toInstant());
  }

  /** "2026年5月". */
  public static String monthName(int year, int month) {
    return year + "年" + month + "月";
  }
}
