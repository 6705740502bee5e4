package org.kaohe.organisation;

import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * One organisation's configuration, as read from {@code organisations/<code>.yaml}. Everything that
 * differs between Guangdong and Inner Mongolia lives here, never in code.
 */
public record Organisation(
    String code,
    String name,
    String shortName,
    String officeUnit,
    List<Unit> units,
    Catalogue catalogue,
    Weights weights,
    Bonus bonus,
    Deadlines deadlines,
    List<Grade> grades,
    LateSubmission lateSubmission,
    Limits limits,
    List<Contact> contacts,
    List<StationingPairing> stationingPairings) {

  public Organisation {
    units = copy(units);
    grades = copy(grades);
    contacts = copy(contacts);
    stationingPairings = copy(stationingPairings);
  }

  public Optional<Unit> unit(String unitCode) {
    return units.stream().filter(u -> u.code().equals(unitCode)).findFirst();
  }

  public List<Unit> unitsOfKind(UnitKind kind) {
    return units.stream().filter(u -> u.kind() == kind).toList();
  }

  /** Missing lists become empty so that the validator, not a constructor, reports what is missing. */
  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }

  public record Unit(String code, String name, UnitKind kind) {}

  public record Catalogue(int year, String title, List<Area> areas) {
    public Catalogue {
      areas = copy(areas);
    }
  }

  public record Area(
      String code, String name, String leadDepartment, List<String> cooperatingDepartments, List<Item> items) {
    public Area {
      cooperatingDepartments = copy(cooperatingDepartments);
      items = copy(items);
    }
  }

  public record Item(String code, String name, String description, List<String> leadDepartments) {
    public Item {
      leadDepartments = copy(leadDepartments);
    }
  }

  /** Percentages of the four components of the total; they sum to 100. */
  public record Weights(int indicatorEvaluation, int partyEvaluation, int youthSurvey, int oralReport) {
    public int sum() {
      return indicatorEvaluation + partyEvaluation + youthSurvey + oralReport;
    }
  }

  public record Bonus(int minPoints, int maxPoints) {}

  /** Deadlines as month-day; the year comes from the round. */
  public record Deadlines(
      MonthDay submission, MonthDay review, MonthDay partyEvaluation, MonthDay bonusApplication, MonthDay youthSurvey) {}

  public record Grade(String code, String name) {}

  public record LateSubmission(boolean accepted, int deductPoints, String notice) {}

  public record Limits(
      int summaryTargetCharacters,
      int summaryMaxCharacters,
      int keyWorkRowMaxCharacters,
      int reviewCommentMaxCharacters) {}

  public record Contact(String name, String phone, String email) {}

  public record StationingPairing(String department, List<String> cities) {
    public StationingPairing {
      cities = copy(cities);
    }
  }
}
