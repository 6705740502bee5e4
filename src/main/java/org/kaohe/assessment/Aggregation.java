package org.kaohe.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kaohe.organisation.Organisation;

/**
 * The arithmetic of seed 004 三(六): four weighted components, bonus points, the late deduction, a grade and a rank
 * within the unit kind. Pure: no Spring, no engine, no database, so that the office's rules can be checked by hand.
 * The grade comes from an injected function (the DMN table {@code assessment-grade}), because the office changes
 * the thresholds, not the code.
 *
 * <p>Components keep their exact value (divisions at {@link #SCALE} decimals); only the total is rounded, HALF_UP
 * to 2 decimals, at the very end, as the contract requires. Component values shown to people are rounded for
 * display only.
 */
public final class Aggregation {

  /** Decimals kept in intermediate divisions: far below any difference that could move a 2-decimal total. */
  static final int SCALE = 12;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Rules rules;
  private final Function<BigDecimal, String> grade;

  /**
   * @param grade the grade code of a total (rounded to 2 decimals)
   */
  public Aggregation(Rules rules, Function<BigDecimal, String> grade) {
    this.rules = rules;
    this.grade = grade;
  }

  /** The organisation's rules that the arithmetic needs. */
  public record Rules(
      Organisation.Weights weights,
      BigDecimal lateDeduction,
      Map<String, Integer> partyGradeScores,
      Organisation.YouthSurveyShares youthSurveyShares,
      Organisation.MissingComponents missingComponents) {

    public static Rules of(Organisation organisation) {
      Organisation.Assessment assessment = organisation.assessment();
      return new Rules(organisation.weights(),
          BigDecimal.valueOf(organisation.lateSubmission() == null ? 0 : organisation.lateSubmission().deductPoints()),
          assessment == null ? Map.of() : assessment.partyEvaluationGradeScores(),
          assessment == null ? null : assessment.youthSurveyShares(),
          assessment == null ? null : assessment.missingComponents());
    }
  }

  /** How the unit's first submitted version stands (lateness is decided by the first version, seed 000). */
  public enum Submission { ON_TIME, LATE, NONE }

  /** What the party committee sent: a grade, a score or both (the score counts). */
  public record PartyEvaluation(String grade, BigDecimal score) {}

  public record YouthSurvey(Integer sampleSize, BigDecimal awareness, BigDecimal satisfaction) {}

  /** A granted innovation or award project. */
  public record Bonus(String project, int points) {}

  /** A score the office entered for a missing component, with the reason. */
  public record Entry(BigDecimal score, String reason) {}

  /**
   * Everything known about one assessed unit; a null (or absent) source is a missing component.
   *
   * @param areaScores the lead departments' scores by area code
   * @param entries the office's entries for missing components; used only where the source is missing
   */
  public record UnitInput(
      String unitCode,
      String unitName,
      String unitKind,
      Map<String, BigDecimal> areaScores,
      PartyEvaluation partyEvaluation,
      YouthSurvey youthSurvey,
      BigDecimal oralReport,
      List<Bonus> bonuses,
      Submission submission,
      Map<ComponentKind, Entry> entries) {

    public UnitInput {
      areaScores = areaScores == null ? Map.of() : Map.copyOf(areaScores);
      bonuses = bonuses == null ? List.of() : List.copyOf(bonuses);
      entries = entries == null ? Map.of() : Map.copyOf(entries);
      submission = submission == null ? Submission.NONE : submission;
    }
  }

  /** Where a component's score came from. */
  public enum Source {
    /** The recorded source (reviews, the party committee, the survey, the meeting). */
    RECORDED("recorded"),
    /** Missing; the office entered it with a reason. */
    ENTERED("entry"),
    /** Missing; the organisation's rule {@code value} applied. */
    RULE("rule");

    private final String code;

    Source(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * One component of one unit.
   *
   * @param score the exact value, 0-100
   * @param basis how it was made, for the trace ("areas thought-guidance 92.5, … → mean")
   * @param note what a reader of the results must be told (rule or entry applied), else null
   */
  public record ComponentScore(ComponentKind component, BigDecimal score, int weight, Source source, String basis,
      String note) {

    public BigDecimal weighted() {
      return score.multiply(BigDecimal.valueOf(weight)).divide(HUNDRED, SCALE, RoundingMode.HALF_UP);
    }

    public BigDecimal display() {
      return score.setScale(2, RoundingMode.HALF_UP);
    }
  }

  /** A component that is missing under a {@code block} rule: the unit gets no result until the office enters it. */
  public record Missing(String unitCode, String unitName, ComponentKind component, String detail) {}

  public record UnitResult(
      String unitCode,
      String unitName,
      String unitKind,
      Map<ComponentKind, ComponentScore> components,
      List<Bonus> bonuses,
      BigDecimal bonusPoints,
      Submission submission,
      BigDecimal lateDeduction,
      BigDecimal total,
      String grade,
      int rank,
      List<String> notes) {

    public ComponentScore component(ComponentKind kind) {
      return components.get(kind);
    }

    /** Every score and rule that made the result, for {@code kaohe_result.trace_json}. */
    public Map<String, Object> trace() {
      Map<String, Object> trace = new LinkedHashMap<>();
      Map<String, Object> parts = new LinkedHashMap<>();
      components.forEach((kind, c) -> {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("score", c.score().stripTrailingZeros().toPlainString());
        part.put("weight", c.weight());
        part.put("source", c.source().code());
        part.put("basis", c.basis());
        if (c.note() != null) {
          part.put("note", c.note());
        }
        parts.put(kind.code(), part);
      });
      trace.put("components", parts);
      trace.put("bonuses", bonuses.stream().map(b -> Map.of("project", b.project(), "points", b.points())).toList());
      trace.put("submission", submission.name().toLowerCase(java.util.Locale.ROOT));
      trace.put("lateDeduction", lateDeduction.toPlainString());
      trace.put("total", total.toPlainString());
      trace.put("grade", grade);
      trace.put("rank", rank);
      trace.put("notes", notes);
      return trace;
    }
  }

  /** Results of the complete units (ranked among themselves) and the blocking gaps of the others. */
  public record Outcome(List<UnitResult> results, List<Missing> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /**
   * @param areaCodes the round's catalogue areas: the indicator evaluation is the mean over all of them
   * @param units the assessed units, in the order results should list them within a rank
   */
  public Outcome aggregate(List<String> areaCodes, List<UnitInput> units) {
    List<Missing> missing = new ArrayList<>();
    List<Draft> drafts = new ArrayList<>();
    for (UnitInput unit : units) {
      Map<ComponentKind, ComponentScore> components = new EnumMap<>(ComponentKind.class);
      boolean blocked = false;
      for (ComponentKind kind : ComponentKind.values()) {
        Found found = recorded(kind, unit, areaCodes);
        ComponentScore score = score(kind, unit, found);
        if (score == null) {
          missing.add(new Missing(unit.unitCode(), unit.unitName(), kind, found.gap()));
          blocked = true;
        } else {
          components.put(kind, score);
        }
      }
      if (!blocked) {
        drafts.add(total(unit, components));
      }
    }
    return new Outcome(rank(drafts), List.copyOf(missing));
  }

  /** A recorded value and how it was made, or why there is none. */
  private record Found(BigDecimal value, String basis, String gap) {
    static Found of(BigDecimal value, String basis) {
      return new Found(value, basis, null);
    }

    static Found none(String gap) {
      return new Found(null, null, gap);
    }
  }

  private Found recorded(ComponentKind kind, UnitInput unit, List<String> areaCodes) {
    return switch (kind) {
      case INDICATOR_EVALUATION -> indicator(unit, areaCodes);
      case PARTY_EVALUATION -> party(unit.partyEvaluation());
      case YOUTH_SURVEY -> survey(unit.youthSurvey());
      case ORAL_REPORT -> unit.oralReport() == null ? Found.none("未录入述职评议得分")
          : Found.of(unit.oralReport(), "述职评议得分 " + plain(unit.oralReport()));
    };
  }

  /** Every area counts equally; an area without the unit's score leaves the component missing, never averaged away. */
  private static Found indicator(UnitInput unit, List<String> areaCodes) {
    if (areaCodes.isEmpty()) {
      return Found.none("本轮考核目录没有考核项目");
    }
    List<String> unscored = areaCodes.stream().filter(code -> unit.areaScores().get(code) == null).toList();
    if (!unscored.isEmpty()) {
      return Found.none("以下考核项目未评价：" + String.join("、", unscored));
    }
    BigDecimal sum = areaCodes.stream().map(code -> unit.areaScores().get(code)).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal mean = sum.divide(BigDecimal.valueOf(areaCodes.size()), SCALE, RoundingMode.HALF_UP);
    String scores = areaCodes.stream().map(code -> code + " " + plain(unit.areaScores().get(code)))
        .collect(Collectors.joining("、"));
    return Found.of(mean, "各考核项目得分 " + scores + "，" + areaCodes.size() + " 项平均");
  }

  private Found party(PartyEvaluation evaluation) {
    if (evaluation == null) {
      return Found.none("未收到党委评价");
    }
    if (evaluation.score() != null) {
      return Found.of(evaluation.score(), "党委评价分数 " + plain(evaluation.score()));
    }
    String grade = evaluation.grade();
    if (grade == null || grade.isBlank()) {
      return Found.none("未收到党委评价");
    }
    Integer score = rules.partyGradeScores().get(grade);
    if (score == null) {
      return Found.none("党委评价等次 " + grade + " 未配置对应分数");
    }
    return Found.of(BigDecimal.valueOf(score), "党委评价等次 " + grade + "，按配置计 " + score + " 分");
  }

  private Found survey(YouthSurvey survey) {
    if (survey == null || survey.awareness() == null || survey.satisfaction() == null) {
      return Found.none("未录入青年评议结果");
    }
    Organisation.YouthSurveyShares shares = rules.youthSurveyShares();
    if (shares == null) {
      return Found.none("未配置青年评议知晓度、满意度占比");
    }
    BigDecimal value = survey.awareness().multiply(BigDecimal.valueOf(shares.awareness()))
        .add(survey.satisfaction().multiply(BigDecimal.valueOf(shares.satisfaction())))
        .divide(HUNDRED, SCALE, RoundingMode.HALF_UP);
    return Found.of(value, "知晓度 " + plain(survey.awareness()) + "% × " + shares.awareness() + "% + 满意度 "
        + plain(survey.satisfaction()) + "% × " + shares.satisfaction() + "%"
        + (survey.sampleSize() == null ? "" : "（抽样 " + survey.sampleSize() + " 人）"));
  }

  /** The recorded value, else the office's entry, else the rule's value; null when the rule blocks. */
  private ComponentScore score(ComponentKind kind, UnitInput unit, Found found) {
    int weight = kind.weight(rules.weights());
    if (found.value() != null) {
      return new ComponentScore(kind, found.value(), weight, Source.RECORDED, found.basis(), null);
    }
    Entry entry = unit.entries().get(kind);
    if (entry != null && entry.score() != null) {
      String note = kind.label() + "缺失（" + found.gap() + "），由办公室补录 " + plain(entry.score()) + " 分：" + entry.reason().strip().replaceAll("[。；;.]+$", "");
      return new ComponentScore(kind, entry.score(), weight, Source.ENTERED, "办公室补录：" + entry.reason(), note);
    }
    Organisation.MissingRule rule = kind.rule(rules.missingComponents());
    if (rule.blocks()) {
      return null;
    }
    String note = kind.label() + "缺失（" + found.gap() + "），按规定计 " + plain(rule.value()) + " 分";
    return new ComponentScore(kind, rule.value(), weight, Source.RULE, "缺失分项规则 value " + plain(rule.value()), note);
  }

  private record Draft(UnitInput unit, Map<ComponentKind, ComponentScore> components, BigDecimal bonusPoints,
      BigDecimal lateDeduction, BigDecimal total, List<String> notes) {}

  private Draft total(UnitInput unit, Map<ComponentKind, ComponentScore> components) {
    List<String> notes = new ArrayList<>();
    components.values().stream().map(ComponentScore::note).filter(java.util.Objects::nonNull).forEach(notes::add);
    BigDecimal sum = components.values().stream().map(ComponentScore::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal bonus = BigDecimal.valueOf(unit.bonuses().stream().mapToInt(Bonus::points).sum());
    if (!unit.bonuses().isEmpty()) {
      notes.add(unit.bonuses().stream().map(b -> b.project() + "（" + b.points() + " 分）")
          .collect(Collectors.joining("、", "加分项目：", "")));
    }
    BigDecimal deduction = BigDecimal.ZERO;
    if (unit.submission() != Submission.ON_TIME) {
      deduction = rules.lateDeduction();
      String what = unit.submission() == Submission.LATE ? "首次报送逾期" : "未报送材料";
      notes.add(deduction.signum() > 0 ? what + "，扣 " + plain(deduction) + " 分" : what);
    }
    BigDecimal total = sum.add(bonus).subtract(deduction).setScale(2, RoundingMode.HALF_UP);
    return new Draft(unit, components, bonus.setScale(2), deduction.setScale(2, RoundingMode.HALF_UP), total,
        List.copyOf(notes));
  }

  /**
   * Competition ranking within each unit kind on the rounded total: equal totals share a rank and the next rank
   * skips (1, 2, 2, 4). Output: kinds in order of first appearance, each by rank, ties in input order.
   */
  private List<UnitResult> rank(List<Draft> drafts) {
    Map<String, List<Draft>> byKind = drafts.stream()
        .collect(Collectors.groupingBy(d -> d.unit().unitKind(), LinkedHashMap::new, Collectors.toList()));
    List<UnitResult> results = new ArrayList<>();
    for (List<Draft> kind : byKind.values()) {
      List<Draft> ordered = kind.stream().sorted(Comparator.comparing(Draft::total).reversed()).toList();
      int rank = 0;
      for (int i = 0; i < ordered.size(); i++) {
        Draft d = ordered.get(i);
        if (i == 0 || d.total().compareTo(ordered.get(i - 1).total()) != 0) {
          rank = i + 1;
        }
        UnitInput u = d.unit();
        results.add(new UnitResult(u.unitCode(), u.unitName(), u.unitKind(), d.components(), u.bonuses(),
            d.bonusPoints(), u.submission(), d.lateDeduction(), d.total(), grade.apply(d.total()), rank, d.notes()));
      }
    }
    return List.copyOf(results);
  }

  /** 95, 92.5, 88.17: as a person writes a number. */
  static String plain(BigDecimal value) {
    BigDecimal shown = value.scale() > 2 ? value.setScale(2, RoundingMode.HALF_UP) : value;
    return shown.stripTrailingZeros().toPlainString();
  }

  /** Competition ranking of any totals (used again after the office adjusts a total). */
  static <T> Map<T, Integer> ranks(Map<T, BigDecimal> totals) {
    Map<T, Integer> ranks = new LinkedHashMap<>();
    totals.forEach((key, total) -> ranks.put(key,
        1 + (int) totals.values().stream().filter(other -> other.compareTo(total) > 0).count()));
    return ranks;
  }
}
