package org.kaohe.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.review.ReviewVariables.MISSING;
import static org.kaohe.review.ReviewVariables.RECEIVING;
import static org.kaohe.review.ReviewVariables.RETURNED;
import static org.kaohe.review.ReviewVariables.SUBMITTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AreaReviewRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GRADES = Set.of("good", "fairly-good", "average", "poor");
  private static final List<AreaReviewRules.UnitState> UNITS = List.of(
      new AreaReviewRules.UnitState("guangzhou", "广州市团委", SUBMITTED),
      new AreaReviewRules.UnitState("shenzhen", "深圳市团委", RECEIVING),
      new AreaReviewRules.UnitState("zhuhai", "珠海市团委", MISSING));

  @Test
  void aCompleteReviewPassesAMissingPackageCanBeScoredFromDailyKnowledge() {
    assertThat(AreaReviewRules.finish(review(row("guangzhou", "good", 92.5, "工作扎实"),
        row("shenzhen", "fairly-good", 85, "较好"), row("zhuhai", "average", 70.0, "根据平时调研了解")),
        UNITS, GRADES, 300)).isEmpty();
  }

  @Test
  void everyProblemIsListedAtOnce() {
    List<String> problems = AreaReviewRules.finish(review(
        row("guangzhou", "excellent", 100.5, ""),
        row("guangzhou", "good", 90, "重复"),
        row("shunde", "good", 90, "不是被考核单位"),
        row("shenzhen", "good", 92.55, "字".repeat(301))), UNITS, GRADES, 300);

    assertThat(problems).containsExactly(
        "广州市团委的等次「excellent」不是本单位设定的等次",
        "广州市团委的分数 100.5 应在 0 到 100 之间",
        "广州市团委未填写评语",
        "广州市团委被重复评价",
        "第 3 行的单位「shunde」不是本轮被考核单位",
        "深圳市团委的分数 92.55 最多保留一位小数",
        "深圳市团委的评语共 301 字，超过 300 字",
        "珠海市团委未评价");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"unitCode\":\"guangzhou\",\"score\":1,\"comment\":\"好\"}                      | 广州市团委未选择等次",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"\",\"score\":1,\"comment\":\"好\"}        | 广州市团委未选择等次",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"comment\":\"好\"}                | 广州市团委未填写分数",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":null,\"comment\":\"好\"} | 广州市团委未填写分数",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":\"92\",\"comment\":\"好\"} | 广州市团委的分数应为数字",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":-1,\"comment\":\"好\"}   | 广州市团委的分数 -1 应在 0 到 100 之间",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":90,\"comment\":7}        | 广州市团委的评语应为文字",
      "{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":90,\"comment\":\"  \"}   | 广州市团委未填写评语"})
  void aBadRowIsNamed(String row, String problem) throws Exception {
    ObjectNode review = JSON.createObjectNode();
    review.putArray("units").add(JSON.readTree(row));
    assertThat(AreaReviewRules.finish(review, UNITS.subList(0, 1), GRADES, 300)).containsExactly(problem);
  }

  @Test
  void scoresAtTheLimitsAndOneDecimalAreAccepted() {
    assertThat(AreaReviewRules.finish(review(row("guangzhou", "poor", 0, "差"), row("shenzhen", "good", 100, "好"),
        row("zhuhai", "good", 99.9, "好")), UNITS, GRADES, 300)).isEmpty();
  }

  @Test
  void aReturnedPackageBlocksFinishingEvenWhenScored() {
    var units = List.of(new AreaReviewRules.UnitState("guangzhou", "广州市团委", RETURNED));
    assertThat(AreaReviewRules.finish(review(row("guangzhou", "good", 90, "好")), units, GRADES, 300))
        .containsExactly("广州市团委的材料已退回补充，尚未重新报送，不能完成评价");
  }

  @Test
  void aReviewWithoutRowsIsRefused() {
    assertThat(AreaReviewRules.finish(null, UNITS, GRADES, 300)).containsExactly("尚未填写评价");
    assertThat(AreaReviewRules.finish(JSON.createObjectNode(), UNITS, GRADES, 300)).containsExactly("尚未填写评价");
  }

  @Test
  void onlyAcceptedPackagesAreReturnedEachWithItsReason() {
    assertThat(AreaReviewRules.returns(returns("guangzhou", "请补充第 2 项的数据"), UNITS)).isEmpty();

    assertThat(AreaReviewRules.returns(returns("shenzhen", "补充", "zhuhai", "补充", "guangzhou", " ",
        "guangzhou", "再次", "foshan", "x"), UNITS)).containsExactly(
        "深圳市团委的材料待办公室查收，只能退回已收讫的材料",
        "珠海市团委的材料未报送，只能退回已收讫的材料",
        "请填写退回广州市团委补充的原因",
        "广州市团委被重复退回",
        "第 5 个退回的单位「foshan」不是本轮被考核单位");
    assertThat(AreaReviewRules.returns(returns("guangzhou", "字".repeat(501)), UNITS))
        .containsExactly("退回广州市团委的原因共 501 字，超过 500 字");
    assertThat(AreaReviewRules.returns(JSON.createArrayNode(), UNITS)).containsExactly("请至少选择一个要退回补充的单位");
    assertThat(AreaReviewRules.returns(null, UNITS)).containsExactly("请至少选择一个要退回补充的单位");
  }

  @Test
  void opinionsMayBeEmptyButNotTooLongNorOfOtherUnits() throws Exception {
    assertThat(AreaReviewRules.opinions(JSON.readTree("""
        {"units": [{"unitCode": "guangzhou", "opinion": ""}, {"unitCode": "shenzhen", "opinion": "配合较好"}]}"""),
        UNITS)).isEmpty();
    assertThat(AreaReviewRules.opinions(null, UNITS)).isEmpty();
    ObjectNode bad = JSON.createObjectNode();
    ArrayNode rows = bad.putArray("units");
    rows.addObject().put("unitCode", "guangzhou").put("opinion", "字".repeat(1001));
    rows.addObject().put("unitCode", "guangzhou").put("opinion", "");
    rows.addObject().put("unitCode", "shunde").put("opinion", "");
    rows.addObject().put("unitCode", "shenzhen").put("opinion", 3);
    assertThat(AreaReviewRules.opinions(bad, UNITS)).containsExactly(
        "对广州市团委的意见共 1001 字，超过 1000 字",
        "对广州市团委的意见重复",
        "第 3 行的单位「shunde」不是本轮被考核单位",
        "对深圳市团委的意见应为文字");
  }

  @Test
  void statusComesFromTheLatestVersionAndWhetherTheInstanceWaitsForAReturn() {
    assertThat(AreaReviewRules.status(null, false)).isEqualTo(MISSING);
    assertThat(AreaReviewRules.status("returned", true)).as("returned in this very transaction").isEqualTo(RETURNED);
    assertThat(AreaReviewRules.status("returned", false)).isEqualTo(RETURNED);
    assertThat(AreaReviewRules.status("submitted", true)).isEqualTo(SUBMITTED);
    assertThat(AreaReviewRules.status("submitted", false)).isEqualTo(RECEIVING);
  }

  @Test
  void charactersAreCountedAsAReaderCountsThem() {
    assertThat(AreaReviewRules.length("𠀀字")).isEqualTo(2);
  }

  private static ObjectNode row(String unit, String grade, Number score, String comment) {
    ObjectNode row = JSON.createObjectNode().put("unitCode", unit).put("grade", grade).put("comment", comment);
    if (score instanceof Integer i) {
      row.put("score", i);
    } else {
      row.put("score", score.doubleValue());
    }
    return row;
  }

  private static JsonNode review(ObjectNode... rows) {
    ObjectNode review = JSON.createObjectNode();
    ArrayNode units = review.putArray("units");
    for (ObjectNode row : rows) {
      units.add(row);
    }
    return review;
  }

  private static ArrayNode returns(String... unitAndComment) {
    ArrayNode returns = JSON.createArrayNode();
    for (int i = 0; i < unitAndComment.length; i += 2) {
      returns.addObject().put("unitCode", unitAndComment[i]).put("comment", unitAndComment[i + 1]);
    }
    return returns;
  }
}
