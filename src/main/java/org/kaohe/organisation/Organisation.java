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
    List<StationingPairing> stationingPairings,
    Assessment assessment,
    ProgressReports progressReports,
    Stationing stationing) {

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

  /**
   * A unit. {@code partyCommittee} names the city's party committee that receives the party-evaluation request and
   * the feedback (default: derived from the city's name, 广州市团委 → 中共广州市委); {@code partyLeaderEmail} is
   * where the feedback letter is e-mailed, when configured. {@code aliases} are other names notices use for the
   * unit (seed 000 writes 青发部 for 青年发展部), so that an imported catalogue's department names find their unit.
   */
  public record Unit(String code, String name, UnitKind kind, String partyCommittee, String partyLeaderEmail,
      List<String> aliases) {

    public Unit {
      aliases = copy(aliases);
    }

    public Unit(String code, String name, UnitKind kind) {
      this(code, name, kind, null, null, List.of());
    }

    public Unit(String code, String name, UnitKind kind, String partyCommittee, String partyLeaderEmail) {
      this(code, name, kind, partyCommittee, partyLeaderEmail, List.of());
    }

    /** 广州市团委 → 中共广州市委, 兴安盟团委 → 中共兴安盟委, unless configured. */
    public String partyCommitteeName() {
      if (partyCommittee != null && !partyCommittee.isBlank()) {
        return partyCommittee;
      }
      String place = name.endsWith("团委") ? name.substring(0, name.length() - 2) : name;
      return "中共" + place + "委";
    }
  }

  /** The units that are assessed (scored, graded, ranked, sent feedback): in both seeds, the city committees. */
  public List<Unit> assessedUnits() {
    return assessment == null ? List.of()
        : units.stream().filter(u -> assessment.unitKinds().contains(u.kind())).toList();
  }

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
      MonthDay submission, MonthDay review, MonthDay partyEvaluation, MonthDay bonusApplication, MonthDay youthSurvey,
      MonthDay oralReport) {}

  public record Grade(String code, String name) {}

  public record LateSubmission(boolean accepted, int deductPoints, String notice) {}

  public record Limits(
      int summaryTargetCharacters,
      int summaryMaxCharacters,
      int keyWorkRowMaxCharacters,
      int reviewCommentMaxCharacters) {}

  public record Contact(String name, String phone, String email) {}

  /**
   * How the assessment phase works: who is assessed, who records the party evaluation, how a grade or the survey
   * becomes a score, and what happens when a component is missing at aggregation.
   */
  public record Assessment(
      List<UnitKind> unitKinds,
      String partyEvaluationDepartment,
      java.util.Map<String, Integer> partyEvaluationGradeScores,
      YouthSurveyShares youthSurveyShares,
      MissingComponents missingComponents) {
    public Assessment {
      unitKinds = copy(unitKinds);
      partyEvaluationGradeScores = partyEvaluationGradeScores == null ? java.util.Map.of()
          : java.util.Map.copyOf(partyEvaluationGradeScores);
    }
  }

  /** Percent shares of awareness (知晓度) and satisfaction (满意度) in the youth-survey score; they sum to 100. */
  public record YouthSurveyShares(int awareness, int satisfaction) {}

  /** One rule per component of the total. */
  public record MissingComponents(
      MissingRule indicatorEvaluation, MissingRule partyEvaluation, MissingRule youthSurvey, MissingRule oralReport) {}

  /**
   * {@code block}: aggregation stops and the office enters the missing score with a reason; {@code value}: the
   * component counts as {@code value} (stated in the results and the letter).
   */
  public record MissingRule(String rule, java.math.BigDecimal value) {
    public static final String BLOCK = "block";
    public static final String VALUE = "value";

    public boolean blocks() {
      return BLOCK.equals(rule);
    }
  }

  public record StationingPairing(String department, List<String> cities) {
    public StationingPairing {
      cities = copy(cities);
    }
  }

  /**
   * The monthly key-work progress report (seed 003). The report on month M opens on {@code opensOnDay} of M and is
   * due on {@code dueDayOfNextMonth} of M+1 (seed 003's December report cites facts of 6 January). Absent: the
   * organisation does not run the cycle.
   */
  public record ProgressReports(int opensOnDay, int dueDayOfNextMonth, int reminderDaysBefore, int entryMaxCharacters,
      int followUpDays) {}

  /**
   * Grassroots stationing (seed 002): months {@code firstMonth}..{@code lastMonth}, each paired department files one
   * report per paired city by the month's end to {@code reportsTo}; at least {@code minDaysPerDepartmentPerMonth}
   * full days per department and month and {@code minDaysPerCadrePerYear} per cadre. Absent: no stationing.
   */
  public record Stationing(int firstMonth, int lastMonth, int minDaysPerDepartmentPerMonth, int minDaysPerCadrePerYear,
      String reportsTo, int reminderDaysBefore, Filing cityPlan, Filing projectReport, Filing partyCourses) {}

  /** A once-a-year filing of the stationing plan: which department receives it and by when. */
  public record Filing(String department, MonthDay due) {}
}
