package org.kaohe.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;

class PackageRulesTest {

  private final ObjectMapper json = new ObjectMapper();
  private final Notice notice = new Notice("guangdong", "共青团广东省委员会", "office", 2017, "通知", "正文",
      LocalDate.of(2017, 12, 31), null, List.of(), List.of(),
      new Organisation.Catalogue(2017, "目录", List.of(
          new Organisation.Area("reform", "共青团深化改革工作", "office", List.of(), List.of()),
          new Organisation.Area("strict", "从严治团", "grassroots", List.of(), List.of()))),
      new Organisation.Limits(3000, 4000, 500, 300), "逾期将影响考核结果", null, null);

  @Test
  void aCompleteCityPackagePasses() {
    assertThat(PackageRules.check(cityPackage(), notice, "city")).isEmpty();
  }

  @Test
  void everyProblemIsNamedInChinese() {
    ObjectNode pkg = cityPackage();
    ((ObjectNode) pkg.get("summary")).put("problems", "");
    ((ObjectNode) pkg.get("keyWork").get(1)).put("status", "字".repeat(501));
    ObjectNode instruction = (ObjectNode) pkg.at("/evaluation/instructions/0");
    instruction.put("date", "2017-02-30").put("secret", true).put("content", "不应填写");

    assertThat(PackageRules.check(pkg, notice, "city")).containsExactlyInAnyOrder(
        "工作总结「存在的问题与困难」不能为空",
        "重点工作开展情况表第 2 项「从严治团」共 501 字，超过 500 字",
        "附表1 党委领导批示情况第 1 行批示时间「2017-02-30」不是有效日期，应为 年-月-日，例如 2017-06-30",
        "附表1 党委领导批示情况第 1 行为涉密批示，只填报次数，不填写批示内容");
  }

  @Test
  void theSummaryLimitCountsCharactersNotBytes() {
    ObjectNode pkg = cityPackage();
    // 4,000 characters in all, some outside the Basic Multilingual Plane: exactly at the limit.
    ((ObjectNode) pkg.get("summary")).put("yearWork", "𠀀".repeat(1000) + "字".repeat(4000 - 1000 - 6));
    assertThat(PackageRules.check(pkg, notice, "city")).isEmpty();
    ((ObjectNode) pkg.get("summary")).put("suggestions", "建议。");
    assertThat(PackageRules.check(pkg, notice, "city")).containsExactly("工作总结共 4001 字，超过上限 4000 字");
  }

  @Test
  void missingKeyWorkRowsAndForeignAreasAreReportedForCitiesOnly() {
    ObjectNode pkg = cityPackage();
    ArrayNode keyWork = (ArrayNode) pkg.get("keyWork");
    keyWork.remove(1);
    keyWork.addObject().put("areaCode", "invented").put("status", "x");

    assertThat(PackageRules.check(pkg, notice, "city")).containsExactlyInAnyOrder(
        "重点工作开展情况表中有不属于本年度考核目录的项目「invented」",
        "重点工作开展情况表第 2 项「从严治团」未填写");
    assertThat(PackageRules.check(pkg, notice, "department")).isEmpty();
  }

  @Test
  void valuesThatAreNotTextAreRefusedNotCoerced() {
    ObjectNode pkg = cityPackage();
    ((ObjectNode) pkg.get("summary")).putObject("yearWork").put("html", "<b>x</b>");
    assertThat(PackageRules.check(pkg, notice, "department"))
        .contains("工作总结「2017年工作情况」应为文字", "工作总结「2017年工作情况」不能为空");
    assertThat(PackageRules.check(null, notice, "city")).containsExactly("尚未填写报送材料");
  }

  private ObjectNode cityPackage() {
    ObjectNode pkg = json.createObjectNode();
    pkg.putObject("summary").put("yearWork", "工作").put("problems", "问题").put("nextYearIdeas", "思路")
        .put("suggestions", "建议");
    ArrayNode keyWork = pkg.putArray("keyWork");
    keyWork.addObject().put("areaCode", "reform").put("status", "完成");
    keyWork.addObject().put("areaCode", "strict").put("status", "完成");
    ObjectNode evaluation = pkg.putObject("evaluation");
    evaluation.putArray("instructions").addObject().put("by", "书记").put("date", "2017-06-30").put("content", "批示");
    evaluation.putArray("assignedTasks");
    evaluation.putArray("localEvaluations").addObject().put("name", "综合考评").put("date", "");
    evaluation.put("otherNotes", "");
    return pkg;
  }
}
