package org.kaohe.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.kaohe.assessment.Aggregation.Bonus;
import org.kaohe.assessment.Aggregation.Entry;
import org.kaohe.assessment.Aggregation.Outcome;
import org.kaohe.assessment.Aggregation.PartyEvaluation;
import org.kaohe.assessment.Aggregation.Rules;
import org.kaohe.assessment.Aggregation.Source;
import org.kaohe.assessment.Aggregation.Submission;
import org.kaohe.assessment.Aggregation.UnitInput;
import org.kaohe.assessment.Aggregation.UnitResult;
import org.kaohe.assessment.Aggregation.YouthSurvey;
import org.kaohe.organisation.Organisation.MissingComponents;
import org.kaohe.organisation.Organisation.MissingRule;
import org.kaohe.organisation.Organisation.Weights;
import org.kaohe.organisation.Organisation.YouthSurveyShares;

/**
 * The arithmetic, checked against a worked example computed by hand.
 *
 * <p>Rules: weights 指标评价 60, 党委评价 10, 青年评议 10, 述职评议 20; party grades good 95, fairly-good 85,
 * average 75, poor 60; survey shares awareness 40, satisfaction 60; late deduction 2 points; missing rules:
 * 党委评价 value 70, every other component block. Three areas A1, A2, A3. Grades (the DMN stand-in): ≥ 90 good,
 * ≥ 80 fairly-good, ≥ 60 average, else poor.
 *
 * <pre>
 * guangzhou  areas 92.5, 88, 90   → 270.5 / 3 = 90.1666…  × 0.6 = 54.10
 *            party grade good     → 95                    × 0.1 =  9.50
 *            survey 80 / 90       → (80×40 + 90×60)/100 = 86  × 0.1 = 8.60
 *            oral 88                                      × 0.2 = 17.60
 *            bonus 2 + 1 = 3, on time                     total = 92.80  good, rank 1
 * shenzhen   areas 85, 80, 90     → 85                    × 0.6 = 51.00
 *            party score 88 and grade poor: the score counts × 0.1 = 8.80
 *            survey 70 / 75       → (2800 + 4500)/100 = 73 × 0.1 = 7.30
 *            oral 90                                      × 0.2 = 18.00
 *            first version late   −2                      total = 83.10  fairly-good, rank 2
 * zhuhai     areas 80, 80, 80     → 80                    × 0.6 = 48.00
 *            party missing → rule value 70                × 0.1 =  7.00
 *            survey 90 / 90       → 90                    × 0.1 =  9.00
 *            oral 85.5                                    × 0.2 = 17.10
 *            bonus 2, on time                             total = 83.10  fairly-good, rank 2 (tie)
 * foshan     areas 70, 75, 71     → 72                    × 0.6 = 43.20
 *            party grade average  → 75                    × 0.1 =  7.50
 *            survey 60 / 65       → (2400 + 3900)/100 = 63 × 0.1 = 6.30
 *            oral 70                                      × 0.2 = 14.00
 *            nothing submitted    −2                      total = 69.00  average, rank 4
 * shantou    survey missing, rule block → listed as missing, no result
 * </pre>
 */
class AggregationTest {

  private static final List<String> AREAS = List.of("A1", "A2", "A3");
  private static final Function<BigDecimal, String> GRADE = total ->
      total.compareTo(BigDecimal.valueOf(90)) >= 0 ? "good"
          : total.compareTo(BigDecimal.valueOf(80)) >= 0 ? "fairly-good"
          : total.compareTo(BigDecimal.valueOf(60)) >= 0 ? "average" : "poor";

  private static final MissingRule BLOCK = new MissingRule(MissingRule.BLOCK, null);

  private final Rules rules = new Rules(new Weights(60, 10, 10, 20), BigDecimal.valueOf(2),
      Map.of("good", 95, "fairly-good", 85, "average", 75, "poor", 60), new YouthSurveyShares(40, 60),
      new MissingComponents(BLOCK, new MissingRule(MissingRule.VALUE, BigDecimal.valueOf(70)), BLOCK, BLOCK));
  private final Aggregation aggregation = new Aggregation(rules, GRADE);

  @Test
  void theWorkedExample() {
    Outcome outcome = aggregation.aggregate(AREAS, List.of(
        unit("guangzhou", areas("92.5", "88", "90"), new PartyEvaluation("good", null), survey(80, 90), "88",
            List.of(new Bonus("青年创新项目", 2), new Bonus("省级表彰", 1)), Submission.ON_TIME),
        unit("shenzhen", areas("85", "80", "90"), new PartyEvaluation("poor", dec("88")), survey(70, 75), "90",
            List.of(), Submission.LATE),
        unit("shantou", areas("90", "90", "90"), new PartyEvaluation("good", null), null, "90",
            List.of(), Submission.ON_TIME),
        unit("zhuhai", areas("80", "80", "80"), null, survey(90, 90), "85.5",
            List.of(new Bonus("志愿服务项目", 2)), Submission.ON_TIME),
        unit("foshan", areas("70", "75", "71"), new PartyEvaluation("average", null), survey(60, 65), "70",
            List.of(), Submission.NONE)));

    assertThat(outcome.results()).extracting(UnitResult::unitCode, UnitResult::total, UnitResult::grade, UnitResult::rank)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("guangzhou", dec("92.80"), "good", 1),
            org.assertj.core.groups.Tuple.tuple("shenzhen", dec("83.10"), "fairly-good", 2),
            org.assertj.core.groups.Tuple.tuple("zhuhai", dec("83.10"), "fairly-good", 2),
            org.assertj.core.groups.Tuple.tuple("foshan", dec("69.00"), "average", 4));

    UnitResult guangzhou = outcome.results().get(0);
    assertThat(guangzhou.component(ComponentKind.INDICATOR_EVALUATION).display()).isEqualTo(dec("90.17"));
    assertThat(guangzhou.component(ComponentKind.INDICATOR_EVALUATION).basis()).contains("A1 92.5", "3 项平均");
    assertThat(guangzhou.component(ComponentKind.PARTY_EVALUATION).score()).isEqualByComparingTo("95");
    assertThat(guangzhou.component(ComponentKind.PARTY_EVALUATION).basis()).contains("good", "95");
    assertThat(guangzhou.component(ComponentKind.YOUTH_SURVEY).score()).isEqualByComparingTo("86");
    assertThat(guangzhou.bonusPoints()).isEqualTo(dec("3.00"));
    assertThat(guangzhou.lateDeduction()).isEqualTo(dec("0.00"));
    assertThat(guangzhou.notes()).containsExactly("加分项目：青年创新项目（2 分）、省级表彰（1 分）");

    UnitResult shenzhen = outcome.results().get(1);
    assertThat(shenzhen.component(ComponentKind.PARTY_EVALUATION).score()).isEqualByComparingTo("88");
    assertThat(shenzhen.lateDeduction()).isEqualTo(dec("2.00"));
    assertThat(shenzhen.notes()).containsExactly("首次报送逾期，扣 2 分");

    UnitResult zhuhai = outcome.results().get(2);
    assertThat(zhuhai.component(ComponentKind.PARTY_EVALUATION).source()).isEqualTo(Source.RULE);
    assertThat(zhuhai.component(ComponentKind.PARTY_EVALUATION).score()).isEqualByComparingTo("70");
    assertThat(zhuhai.notes()).contains("党委评价缺失（未收到党委评价），按规定计 70 分");

    assertThat(outcome.results().get(3).notes()).containsExactly("未报送材料，扣 2 分");

    assertThat(outcome.missing()).singleElement().satisfies(missing -> {
      assertThat(missing.unitCode()).isEqualTo("shantou");
      assertThat(missing.component()).isEqualTo(ComponentKind.YOUTH_SURVEY);
    });
    assertThat(outcome.complete()).isFalse();
    assertThat(guangzhou.trace()).containsKeys("components", "bonuses", "submission", "total", "grade");
  }

  /**
   * The example of docs/考核计分说明.md, with Inner Mongolia's rules (inner-mongolia.yaml: 60/10/10/20, 较好 = 85,
   * shares 50/50, no late deduction, every missing component blocks): 88.75 × 0.6 + 85 × 0.1 + 85 × 0.1 + 91 × 0.2
   * = 88.45, + 3 bonus = 91.45 好; the same unit without the party committee's reply and the office's entry of 80
   * gives 90.95.
   */
  @Test
  void theExampleOfTheChineseScoringGuide() {
    Rules innerMongolia = new Rules(new Weights(60, 10, 10, 20), BigDecimal.ZERO,
        Map.of("good", 95, "fairly-good", 85, "average", 75, "poor", 60), new YouthSurveyShares(50, 50),
        new MissingComponents(BLOCK, BLOCK, BLOCK, BLOCK));
    Aggregation guide = new Aggregation(innerMongolia, GRADE);
    Map<String, BigDecimal> fourAreas = Map.of("B1", dec("92"), "B2", dec("88"), "B3", dec("85"), "B4", dec("90"));
    List<String> areaCodes = List.of("B1", "B2", "B3", "B4");
    List<Bonus> bonuses = List.of(new Bonus("创新项目", 2), new Bonus("表彰项目", 1));

    UnitResult hohhot = guide.aggregate(areaCodes, List.of(new UnitInput("hohhot", "呼和浩特市团委", "city", fourAreas,
        new PartyEvaluation("fairly-good", null), new YouthSurvey(1200, dec("80"), dec("90")), dec("91"), bonuses,
        Submission.ON_TIME, Map.of()))).results().get(0);
    assertThat(hohhot.component(ComponentKind.INDICATOR_EVALUATION).display()).isEqualTo(dec("88.75"));
    assertThat(hohhot.total()).isEqualTo(dec("91.45"));
    assertThat(hohhot.grade()).isEqualTo("good");

    UnitInput withoutReply = new UnitInput("hohhot", "呼和浩特市团委", "city", fourAreas, null,
        new YouthSurvey(1200, dec("80"), dec("90")), dec("91"), bonuses, Submission.ON_TIME, Map.of());
    Outcome blocked = guide.aggregate(areaCodes, List.of(withoutReply));
    assertThat(blocked.missing()).extracting(m -> m.component()).containsExactly(ComponentKind.PARTY_EVALUATION);
    UnitInput entered = new UnitInput("hohhot", "呼和浩特市团委", "city", fourAreas, null,
        new YouthSurvey(1200, dec("80"), dec("90")), dec("91"), bonuses, Submission.ON_TIME,
        Map.of(ComponentKind.PARTY_EVALUATION, new Entry(dec("80"), "党委未回函，经书记会同意按 80 分计")));
    assertThat(guide.aggregate(areaCodes, List.of(entered)).results().get(0).total()).isEqualTo(dec("90.95"));
  }

  @Test
  void anOfficeEntryFillsABlockedComponentAndTheRankIsComputedAgain() {
    UnitInput shantou = new UnitInput("shantou", "汕头市团委", "city", areas("90", "90", "90"),
        new PartyEvaluation("good", null), null, dec("90"), List.of(), Submission.ON_TIME,
        Map.of(ComponentKind.YOUTH_SURVEY, new Entry(dec("80"), "调查机构未覆盖该市，书记会同意按 80 分计")));

    Outcome outcome = aggregation.aggregate(AREAS, List.of(shantou));

    // 54 + 9.5 + 8 + 18 = 89.50
    UnitResult result = outcome.results().get(0);
    assertThat(outcome.complete()).isTrue();
    assertThat(result.total()).isEqualTo(dec("89.50"));
    assertThat(result.rank()).isEqualTo(1);
    assertThat(result.component(ComponentKind.YOUTH_SURVEY).source()).isEqualTo(Source.ENTERED);
    assertThat(result.notes()).singleElement().asString().contains("办公室补录 80 分", "调查机构未覆盖该市");
  }

  @Test
  void anEntryDoesNotReplaceARecordedScore() {
    UnitInput unit = new UnitInput("guangzhou", "广州市团委", "city", areas("90", "90", "90"),
        new PartyEvaluation(null, dec("90")), survey(90, 90), dec("90"), List.of(), Submission.ON_TIME,
        Map.of(ComponentKind.ORAL_REPORT, new Entry(dec("10"), "旧的补录")));

    UnitResult result = aggregation.aggregate(AREAS, List.of(unit)).results().get(0);

    assertThat(result.component(ComponentKind.ORAL_REPORT).source()).isEqualTo(Source.RECORDED);
    assertThat(result.total()).isEqualTo(dec("90.00"));
  }

  @Test
  void aMissingAreaScoreMakesTheIndicatorEvaluationMissingInsteadOfAveragingFewerAreas() {
    Map<String, BigDecimal> twoOfThree = Map.of("A1", dec("90"), "A2", dec("90"));
    Outcome outcome = aggregation.aggregate(AREAS, List.of(unit("guangzhou", twoOfThree,
        new PartyEvaluation("good", null), survey(90, 90), "90", List.of(), Submission.ON_TIME)));

    assertThat(outcome.results()).isEmpty();
    assertThat(outcome.missing()).singleElement().satisfies(missing -> {
      assertThat(missing.component()).isEqualTo(ComponentKind.INDICATOR_EVALUATION);
      assertThat(missing.detail()).contains("A3");
    });
  }

  @Test
  void everyBlockedComponentOfAUnitIsListed() {
    Outcome outcome = aggregation.aggregate(AREAS, List.of(
        unit("guangzhou", Map.of(), null, null, null, List.of(), Submission.NONE)));

    // the party evaluation has a value rule, the other three block
    assertThat(outcome.missing()).extracting(Aggregation.Missing::component).containsExactly(
        ComponentKind.INDICATOR_EVALUATION, ComponentKind.YOUTH_SURVEY, ComponentKind.ORAL_REPORT);
  }

  @Test
  void onlyTheTotalIsRoundedAndOnlyAtTheEnd() {
    Rules indicatorAndOral = new Rules(new Weights(50, 0, 0, 50), BigDecimal.ZERO, Map.of(),
        new YouthSurveyShares(50, 50), new MissingComponents(BLOCK,
        new MissingRule(MissingRule.VALUE, BigDecimal.ZERO), new MissingRule(MissingRule.VALUE, BigDecimal.ZERO), BLOCK));
    // areas 80.00, 80.01, 80.01 → 80.00666… × 0.5 = 40.00333…; oral 80 × 0.5 = 40 → 80.00333… → 80.00.
    // Rounding the component first (80.01 × 0.5 = 40.005) would give 80.01.
    UnitResult result = new Aggregation(indicatorAndOral, GRADE).aggregate(AREAS, List.of(
        unit("guangzhou", areas("80.00", "80.01", "80.01"), null, null, "80", List.of(), Submission.ON_TIME)))
        .results().get(0);

    assertThat(result.total()).isEqualTo(dec("80.00"));
    assertThat(result.component(ComponentKind.INDICATOR_EVALUATION).display()).isEqualTo(dec("80.01"));
  }

  @Test
  void halfAHundredthRoundsUp() {
    Rules indicatorOnly = new Rules(new Weights(100, 0, 0, 0), BigDecimal.ZERO, Map.of(), new YouthSurveyShares(50, 50),
        new MissingComponents(BLOCK, new MissingRule(MissingRule.VALUE, BigDecimal.ZERO),
            new MissingRule(MissingRule.VALUE, BigDecimal.ZERO), new MissingRule(MissingRule.VALUE, BigDecimal.ZERO)));
    // (89.99 + 90.00) / 2 = 89.995 → 90.00
    UnitResult result = new Aggregation(indicatorOnly, GRADE).aggregate(List.of("A1", "A2"), List.of(
        unit("guangzhou", Map.of("A1", dec("89.99"), "A2", dec("90.00")), null, null, null, List.of(),
            Submission.ON_TIME))).results().get(0);

    assertThat(result.total()).isEqualTo(dec("90.00"));
    assertThat(result.grade()).isEqualTo("good");
  }

  @Test
  void unitsAreRankedWithinTheirKindOnly() {
    List<UnitInput> units = new ArrayList<>();
    units.add(unit("guangzhou", areas("90", "90", "90"), new PartyEvaluation(null, dec("90")), survey(90, 90), "90",
        List.of(), Submission.ON_TIME));
    units.add(new UnitInput("league-school", "省团校", "affiliated-unit", areas("70", "70", "70"),
        new PartyEvaluation(null, dec("70")), survey(70, 70), dec("70"), List.of(), Submission.ON_TIME, Map.of()));
    units.add(unit("shenzhen", areas("80", "80", "80"), new PartyEvaluation(null, dec("80")), survey(80, 80), "80",
        List.of(), Submission.ON_TIME));

    assertThat(aggregation.aggregate(AREAS, units).results())
        .extracting(UnitResult::unitCode, UnitResult::rank)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("guangzhou", 1),
            org.assertj.core.groups.Tuple.tuple("shenzhen", 2),
            org.assertj.core.groups.Tuple.tuple("league-school", 1));
  }

  @Test
  void threeWayTieThenNext() {
    assertThat(Aggregation.ranks(Map.of("a", dec("90"), "b", dec("85"), "c", dec("85"), "d", dec("85"), "e", dec("80"))))
        .containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 2).containsEntry("d", 2).containsEntry("e", 5);
  }

  @Test
  void aGradeWithoutAConfiguredScoreIsMissingNotZero() {
    Outcome outcome = aggregation.aggregate(AREAS, List.of(unit("guangzhou", areas("90", "90", "90"),
        new PartyEvaluation("excellent", null), survey(90, 90), "90", List.of(), Submission.ON_TIME)));

    // party evaluation has the value rule: 70, and the note says why
    assertThat(outcome.results().get(0).notes()).singleElement().asString().contains("excellent", "70");
  }

  @Test
  void aHalfFilledSurveyIsMissingAndLatenessWithoutDeductionIsStillNoted() {
    Rules noDeduction = new Rules(rules.weights(), BigDecimal.ZERO, rules.partyGradeScores(), rules.youthSurveyShares(),
        new MissingComponents(BLOCK, BLOCK, new MissingRule(MissingRule.VALUE, dec("60")), BLOCK));
    UnitResult result = new Aggregation(noDeduction, GRADE).aggregate(AREAS, List.of(unit("guangzhou",
        areas("90", "90", "90"), new PartyEvaluation(null, dec("90")), new YouthSurvey(100, dec("80"), null), "90",
        List.of(), Submission.LATE))).results().get(0);

    // 54 + 9 + 6 + 18 = 87
    assertThat(result.total()).isEqualTo(dec("87.00"));
    assertThat(result.lateDeduction()).isEqualTo(dec("0.00"));
    assertThat(result.notes()).contains("首次报送逾期");
  }

  @Test
  void noUnitsNoResults() {
    Outcome outcome = aggregation.aggregate(AREAS, List.of());
    assertThat(outcome.results()).isEmpty();
    assertThat(outcome.complete()).isTrue();
  }

  private static UnitInput unit(String code, Map<String, BigDecimal> areas, PartyEvaluation party, YouthSurvey survey,
      String oral, List<Bonus> bonuses, Submission submission) {
    return new UnitInput(code, code, "city", areas, party, survey, oral == null ? null : dec(oral), bonuses,
        submission, Map.of());
  }

  private static Map<String, BigDecimal> areas(String a1, String a2, String a3) {
    return Map.of("A1", dec(a1), "A2", dec(a2), "A3", dec(a3));
  }

  private static YouthSurvey survey(int awareness, int satisfaction) {
    return new YouthSurvey(500, BigDecimal.valueOf(awareness), BigDecimal.valueOf(satisfaction));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
