package org.kaohe.round;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.kaohe.organisation.Organisation;

/**
 * The notice of a round, as the office edits it in {@code draft-notice.html} and as every unit's submission
 * sees it; kept as the JSON variable {@code notice} because its body may exceed Camunda's 4,000-character
 * string variables. {@code documentNumber} (发文字号, e.g. 粤团办发〔2026〕1号) is optional: the office fills it in
 * when the notice has been registered, and the official document shows it above the title.
 */
public record Notice(
    String organisation,
    String organisationName,
    String officeUnit,
    int year,
    String title,
    String body,
    LocalDate submissionDeadline,
    LocalTime submissionDeadlineTime,
    List<Organisation.Contact> contacts,
    List<Unit> units,
    Organisation.Catalogue catalogue,
    Organisation.Limits limits,
    String lateNotice,
    AssessmentDeadlines assessmentDeadlines,
    String documentNumber) {

  public Notice {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    units = units == null ? List.of() : List.copyOf(units);
  }

  /** The end of the deadline day unless the office set a time (Beijing time, as the notice says). */
  public LocalTime deadlineTime() {
    return submissionDeadlineTime == null ? LocalTime.of(23, 59, 59) : submissionDeadlineTime;
  }

  /** The round as people name it in Tasklist's columns ("2026年度考核"). */
  public String roundName() {
    return year + "年度考核";
  }

  public List<Unit> selectedUnits() {
    return units.stream().filter(Unit::selected).toList();
  }

  /**
   * The assessment's deadlines as Beijing date-times ("2026-12-25T23:59"), so that the office can set each one,
   * minutes ahead if it wishes; filled from the organisation's month-days at 23:59.
   */
  public record AssessmentDeadlines(
      java.time.LocalDateTime review,
      java.time.LocalDateTime partyEvaluation,
      java.time.LocalDateTime bonusApplication,
      java.time.LocalDateTime youthSurvey,
      java.time.LocalDateTime oralReport) {}

  /** A unit of the organisation and whether it takes part in this round. */
  public record Unit(String code, String name, String kind, boolean selected) {}
}
