package org.kaohe.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentRulesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<ComponentRules.UnitRef> UNITS = List.of(
      new ComponentRules.UnitRef("guangzhou", "广州市团委"), new ComponentRules.UnitRef("shenzhen", "深圳市团委"));
  private static final Set<String> GRADES = Set.of("good", "fairly-good", "average", "poor");

  // ---- party evaluations ----

  @Test
  void partyEvaluationsMayBePartialAndAGradeOrAScoreIsEnough() {
    assertThat(ComponentRules.partyEvaluations(json("""
        {"units": [{"unitCode": "guangzhou", "grade": "good", "score": null, "text": "工作扎实"},
                   {"unitCode": "shenzhen", "grade": "", "score": null, "text": ""}]}"""), UNITS, GRADES)).isEmpty();
    assertThat(ComponentRules.partyEvaluations(json("""
        {"units": [{"unitCode": "guangzhou", "grade": "", "score": "88.5", "text": ""}]}"""), UNITS, GRADES)).isEmpty();
  }

  @Test
  void partyEvaluationProblemsAreAllReported() {
    List<String> problems = ComponentRules.partyEvaluations(json("""
        {"units": [{"unitCode": "guangzhou", "grade": "excellent", "score": 101, "text": ""},
                   {"unitCode": "guangzhou", "grade": "good"},
                   {"unitCode": "beijing", "grade": "good"},
                   {"unitCode": "shenzhen", "grade": "", "score": null, "text": "只有文字"}]}"""), UNITS, GRADES);

    assertThat(problems).containsExactly(
        "广州市团委的评价等次「excellent」不在可选等次中",
        "广州市团委的评价分数应在 0-100 之间",
        "党委评价中广州市团委重复",
        "党委评价第 3 行的单位「beijing」不是本轮考核对象",
        "深圳市团委填写了评价内容，但未填写评价等次或分数");
  }

  @Test
  void scoresHaveAtMostTwoDecimalsAndAreNumbers() {
    List<String> problems = ComponentRules.partyEvaluations(json("""
        {"units": [{"unitCode": "guangzhou", "score": 88.125}, {"unitCode": "shenzhen", "score": "八十"}]}"""),
        UNITS, GRADES);
    assertThat(problems).containsExactly("广州市团委的评价分数最多保留两位小数", "深圳市团委的评价分数应为数字");
  }

  @Test
  void partyEvaluationTextIsLimited() {
    String text = "评".repeat(2001);
    assertThat(ComponentRules.partyEvaluations(json("{\"units\": [{\"unitCode\": \"guangzhou\", \"grade\": \"good\","
        + " \"text\": \"" + text + "\"}]}"), UNITS, GRADES)).containsExactly("广州市团委的评价内容超过 2000 字");
  }

  @Test
  void aMalformedTableIsOneProblem() {
    assertThat(ComponentRules.partyEvaluations(json("[]"), UNITS, GRADES)).containsExactly("党委评价格式不正确");
    assertThat(ComponentRules.partyEvaluations(null, UNITS, GRADES)).containsExactly("党委评价格式不正确");
  }

  // ---- youth survey ----

  @Test
  void aSurveyRowIsEmptyOrComplete() {
    assertThat(ComponentRules.youthSurvey(json("""
        {"units": [{"unitCode": "guangzhou", "sampleSize": 500, "awareness": 80.5, "satisfaction": "90"},
                   {"unitCode": "shenzhen", "sampleSize": null, "awareness": null, "satisfaction": null}]}"""), UNITS))
        .isEmpty();

    assertThat(ComponentRules.youthSurvey(json("""
        {"units": [{"unitCode": "guangzhou", "sampleSize": null, "awareness": 80, "satisfaction": null},
                   {"unitCode": "shenzhen", "sampleSize": 1.5, "awareness": -1, "satisfaction": 100}]}"""), UNITS))
        .containsExactly("广州市团委的抽样人数应为正整数", "广州市团委未填写满意度",
            "深圳市团委的抽样人数应为正整数", "深圳市团委的知晓度应在 0-100 之间");
  }

  // ---- oral reports ----

  @Test
  void oralReportScoresAreOptionalButValid() {
    assertThat(ComponentRules.oralReports(json("""
        {"units": [{"unitCode": "guangzhou", "score": 92, "remarks": ""}, {"unitCode": "shenzhen", "score": ""}]}"""),
        UNITS)).isEmpty();
    assertThat(ComponentRules.oralReports(json("{\"units\": [{\"unitCode\": \"guangzhou\", \"score\": 100.01,"
        + " \"remarks\": \"" + "备".repeat(1001) + "\"}]}"), UNITS))
        .containsExactly("广州市团委的述职评议得分应在 0-100 之间", "广州市团委的备注超过 1000 字");
  }

  // ---- component entries ----

  private static final JsonNode MISSING = json("""
      [{"unitCode": "guangzhou", "unitName": "广州市团委", "component": "youthSurvey", "componentName": "青年评议"},
       {"unitCode": "shenzhen", "unitName": "深圳市团委", "component": "oralReport", "componentName": "述职评议"}]""");

  @Test
  void everyMissingComponentNeedsAnEntryWithAReason() {
    assertThat(ComponentRules.componentEntries(json("""
        [{"unitCode": "guangzhou", "component": "youthSurvey", "score": 80, "reason": "书记会同意"},
         {"unitCode": "shenzhen", "component": "oralReport", "score": "85.5", "reason": "因病缺席，书面述职"}]"""), MISSING))
        .isEmpty();

    assertThat(ComponentRules.componentEntries(json("""
        [{"unitCode": "guangzhou", "component": "youthSurvey", "score": null, "reason": " "},
         {"unitCode": "guangzhou", "component": "oralReport", "score": 80, "reason": "x"}]"""), MISSING))
        .containsExactly("广州市团委的青年评议未填写得分", "广州市团委的青年评议请填写补录理由",
            "第 2 条补录不是缺失的分项", "深圳市团委的述职评议尚未补录");
  }

  // ---- result adjustments ----

  @Test
  void adjustmentsNameAUnitWithAResultAFieldAValueAndAReason() {
    Map<String, String> units = Map.of("guangzhou", "广州市团委", "shenzhen", "深圳市团委");
    assertThat(ComponentRules.resultAdjustments(json("""
        [{"unitCode": "guangzhou", "field": "total", "value": "90.5", "reason": "书记会意见"},
         {"unitCode": "guangzhou", "field": "grade", "value": "good", "reason": "书记会意见"}]"""), units, GRADES))
        .isEmpty();
    assertThat(ComponentRules.resultAdjustments(json("[]"), units, GRADES)).isEmpty();

    assertThat(ComponentRules.resultAdjustments(json("""
        [{"unitCode": "guangzhou", "field": "total", "value": 250, "reason": ""},
         {"unitCode": "shenzhen", "field": "grade", "value": "best", "reason": "x"},
         {"unitCode": "shenzhen", "field": "grade", "value": "good", "reason": "y"},
         {"unitCode": "shantou", "field": "total", "value": 80, "reason": "x"},
         {"unitCode": "shenzhen", "field": "rank", "value": 1, "reason": "x"}]"""), units, GRADES))
        .containsExactly("广州市团委的总分应在 0-200 之间", "广州市团委的总分的调整请填写理由",
            "深圳市团委的等次应为可选等次之一", "深圳市团委的等次有多条调整",
            "第 4 条调整的单位「shantou」没有考核结果", "第 5 条调整请选择调整总分或等次");
  }

  // ---- dispatch ----

  @Test
  void everyLetterIsConfirmedWithAMethod() {
    Map<String, String> letters = new java.util.LinkedHashMap<>();
    letters.put("guangzhou", "广州市团委");
    letters.put("shenzhen", "深圳市团委");
    assertThat(ComponentRules.dispatch(json("""
        {"units": [{"unitCode": "guangzhou", "dispatched": true, "method": "mail", "remarks": ""},
                   {"unitCode": "shenzhen", "dispatched": true, "method": "confidential", "remarks": "机要交换"}]}"""),
        letters)).isEmpty();

    assertThat(ComponentRules.dispatch(json("""
        {"units": [{"unitCode": "guangzhou", "dispatched": true, "method": "pigeon"},
                   {"unitCode": "shenzhen", "dispatched": false, "method": ""}]}"""), letters))
        .containsExactly("广州市团委请选择送达方式", "深圳市团委的反馈函尚未确认送达");
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
