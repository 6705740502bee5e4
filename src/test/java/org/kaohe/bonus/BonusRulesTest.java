package org.kaohe.bonus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BonusRulesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> UPLOADED = Set.of("bonusEvidence1", "bonusEvidence2");

  @Test
  void projectKeysIgnoreWidthCaseWhitespaceAndPunctuation() {
    assertThat(BonusRules.key("“青春 助力”计划（ＡＢＣ）")).isEqualTo(BonusRules.key("青春助力计划abc"));
    assertThat(BonusRules.key("青春助力计划abc")).isEqualTo("青春助力计划abc");
    assertThat(BonusRules.key("青春助力计划")).isNotEqualTo(BonusRules.key("青春助力计划二期"));
  }

  @Test
  void noProjectsIsNotApplying() {
    assertThat(BonusRules.application(json("{\"projects\": []}"), UPLOADED::contains)).isEmpty();
  }

  @Test
  void aGoodApplication() {
    assertThat(BonusRules.application(json("""
        {"projects": [
          {"kind": "innovation", "name": "青年之家", "description": "说明", "evidence": "bonusEvidence1"},
          {"kind": "award", "name": "全国五四红旗团委", "description": "", "evidence": ""}]}"""), UPLOADED::contains))
        .isEmpty();
  }

  @Test
  void everyProblemIsReported() {
    String longName = "名".repeat(101);
    List<String> problems = BonusRules.application(json("{\"projects\": ["
        + "{\"kind\": \"other\", \"name\": \"\", \"description\": \"" + "说".repeat(1001) + "\"},"
        + "{\"kind\": \"award\", \"name\": \"" + longName + "\"},"
        + "{\"kind\": \"award\", \"name\": \"青年之家\", \"evidence\": \"bonusEvidence3\"},"
        + "{\"kind\": \"award\", \"name\": \"“青年之家”\", \"evidence\": \"secret.pdf\"},"
        + "{\"kind\": \"award\", \"name\": \"甲\", \"evidence\": \"bonusEvidence1\"},"
        + "{\"kind\": \"award\", \"name\": \"乙\", \"evidence\": \"bonusEvidence1\"}]}"), UPLOADED::contains);

    assertThat(problems).containsExactly(
        "最多申报 5 个项目，现有 6 个",
        "第 1 个项目请选择类别（创新项目或表彰项目）",
        "第 1 个项目的名称不能为空",
        "第 1 个项目的说明超过 1000 字",
        "第 2 个项目的名称超过 100 字",
        "第 3 个项目的证明材料尚未上传",
        "第 4 个项目「“青年之家”」与第 3 个项目重复",
        "第 4 个项目的证明材料「secret.pdf」不是可上传的附件",
        "第 6 个项目的证明材料与其他项目重复");
  }

  @Test
  void everyApplicationIsDecidedWithinThePointsAndADuplicateIsNotGranted() {
    var fresh = application("a1", null);
    var repeated = application("a2", "a0");
    var third = application("a3", null);
    Map<String, String> names = Map.of("guangzhou", "广州市团委");

    assertThat(BonusRules.decisions(json("""
        {"decisions": [{"applicationId": "a1", "decision": "granted", "points": 3, "reason": ""},
                       {"applicationId": "a2", "decision": "refused", "points": null, "reason": "同一项目不重复加分"},
                       {"applicationId": "a3", "decision": "granted", "points": "1"}]}"""),
        List.of(fresh, repeated, third), 1, 3, names)).isEmpty();

    assertThat(BonusRules.decisions(json("""
        {"decisions": [{"applicationId": "a1", "decision": "granted", "points": 4},
                       {"applicationId": "a2", "decision": "granted", "points": 2},
                       {"applicationId": "a2", "decision": "refused", "reason": "x"},
                       {"applicationId": "zz", "decision": "refused", "reason": "x"}]}"""),
        List.of(fresh, repeated, third), 1, 3, names))
        .containsExactly("广州市团委「a1」的加分应为 1-3 的整数",
            "广州市团委「a2」与已申报的项目重复，同一项目不重复加分",
            "广州市团委「a2」有重复的审核结果",
            "第 4 条审核结果对应的申报不存在",
            "广州市团委「a3」尚未审核");

    assertThat(BonusRules.decisions(json("""
        {"decisions": [{"applicationId": "a1", "decision": "refused", "reason": " "},
                       {"applicationId": "a3", "decision": ""}]}"""), List.of(fresh, third), 1, 3, names))
        .containsExactly("广州市团委「a1」不予加分，请填写理由", "广州市团委「a3」请选择给予加分或不予加分");
  }

  @Test
  void noApplicationsNeedNoDecisions() {
    assertThat(BonusRules.decisions(null, List.of(), 1, 3, Map.of())).isEmpty();
  }

  private static BonusApplications.Application application(String id, String duplicateOf) {
    return new BonusApplications.Application(id, "round", "guangzhou", "innovation", id, id, "", null, null, "pi",
        null, OffsetDateTime.now(), duplicateOf, null, null, null);
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
