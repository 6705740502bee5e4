package org.kaohe.stationing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The monthly report's validation (attachment 2 of seed 002), message by message. */
class StationingReportRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YearMonth MAY = YearMonth.of(2026, 5);

  static final String VALID = """
      {"cadreInCharge": "张三",
       "counties": [{"county": "越秀区", "branchesWithoutCadre": 2,
         "spotChecked": {"count": 2, "names": ["某街道团支部", "某社区团支部"]},
         "withoutWeChatGroup": {"count": 1, "names": ["某社区团支部"]},
         "secretariesWithoutSystem": {"count": 0, "names": []},
         "memberEvaluations": "“青春志愿行”活动，团员评价良好", "secretaryExperience": "书记每月上门走访",
         "nonPublicEnterpriseTarget": 30, "socialOrganisationTarget": 10,
         "newNonPublicEnterprises": 2, "newNonPublicEnterpriseMembers": 15,
         "newSocialOrganisations": 1, "newSocialOrganisationMembers": 4,
         "typicalOrganisationName": "某科技公司团支部", "typicalOrganisationExperience": "结合生产开展青年岗位能手评选",
         "volunteerRate": 91.5, "serviceHoursPerMember": 8.5, "youthOpinions": "希望多开展技能培训"}],
       "days": [{"date": "2026-05-06", "cadres": ["张三", "李四"]}, {"date": "2026-05-20", "cadres": ["张三"]}]}""";

  static ObjectNode valid() {
    try {
      return (ObjectNode) JSON.readTree(VALID);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode county(ObjectNode report) {
    return (ObjectNode) report.path("counties").get(0);
  }

  @Test
  void aCompleteReportPasses() {
    assertThat(StationingReportRules.problems(valid(), MAY)).isEmpty();
  }

  @Test
  void anEmptyReportOrOneWithoutCountiesIsRefused() {
    assertThat(StationingReportRules.problems(null, MAY)).containsExactly("驻点月报不能为空");
    ObjectNode report = valid();
    report.putArray("counties");
    assertThat(StationingReportRules.problems(report, MAY)).containsExactly("请至少填写一个县（市、区）的推动情况");
  }

  @Test
  void countsAreWholeNumbersNotBelowZero() {
    ObjectNode report = valid();
    county(report).put("branchesWithoutCadre", -1);
    county(report).put("newNonPublicEnterprises", 1.5);
    county(report).putNull("socialOrganisationTarget");
    assertThat(StationingReportRules.problems(report, MAY)).containsExactly(
        "第1个县（市、区）（越秀区）的该地区无团干团支部数量应为不小于0的整数",
        "第1个县（市、区）（越秀区）的推动建团社会组织任务底数不能为空（没有请填0）",
        "第1个县（市、区）（越秀区）的本月新建团非公企业数应为不小于0的整数");
  }

  @Test
  void namesAreRequiredWhenTheCountIsAboveZeroAndMustMatchIt() {
    ObjectNode report = valid();
    ((ObjectNode) county(report).path("secretariesWithoutSystem")).put("count", 1);
    ((ObjectNode) county(report).path("spotChecked")).put("count", 3);
    ArrayNode names = (ArrayNode) county(report).path("withoutWeChatGroup").path("names");
    names.add(" ");
    assertThat(StationingReportRules.problems(report, MAY)).containsExactly(
        "第1个县（市、区）（越秀区）的本月实地抽查团支部数量为3，但填写了2个名称，请核对",
        "第1个县（市、区）（越秀区）的未建立支部微信群或群内团员数不足3/4的支部名称不能为空",
        "第1个县（市、区）（越秀区）的未建立支部微信群或群内团员数不足3/4的支部数量为1，但填写了2个名称，请核对",
        "第1个县（市、区）（越秀区）的团支部书记本人不会操作智慧团建系统的支部数量为1，请填写其名称");
  }

  @Test
  void theVolunteerRateIsBetweenZeroAndAHundred() {
    ObjectNode report = valid();
    county(report).put("volunteerRate", 100);
    assertThat(StationingReportRules.problems(report, MAY)).isEmpty();
    county(report).put("volunteerRate", 100.5);
    assertThat(StationingReportRules.problems(report, MAY))
        .containsExactly("第1个县（市、区）（越秀区）的团员成为注册志愿者比例应在0至100之间");
    county(report).put("volunteerRate", "九十");
    assertThat(StationingReportRules.problems(report, MAY))
        .containsExactly("第1个县（市、区）（越秀区）的团员成为注册志愿者比例应为数字");
  }

  @Test
  void datesLieInTheMonthOnceEachAndACadreIsNamedOncePerDate() {
    ObjectNode report = valid();
    ArrayNode days = report.putArray("days");
    days.addObject().put("date", "2026-05-31").putArray("cadres").add("张三");
    days.addObject().put("date", "2026-06-01").putArray("cadres").add("张三");
    days.addObject().put("date", "2026-05-31").putArray("cadres").add("李四");
    days.addObject().put("date", "2026-05-10").putArray("cadres").add("王五").add(" 王五");
    days.addObject().put("date", "").putArray("cadres");
    assertThat(StationingReportRules.problems(report, MAY)).containsExactly(
        "本月驻点时间第2行：日期2026-06-01不在2026年5月内",
        "本月驻点时间第3行：日期2026-05-31重复，请把同一天的驻点人员填在一行",
        "本月驻点时间第4行：王五在同一天填写了两次",
        "本月驻点时间第5行：请填写日期",
        "本月驻点时间第5行：请填写当天整天驻点的同志");
  }

  @Test
  void textsHaveLimits() {
    ObjectNode report = valid();
    county(report).put("youthOpinions", "意".repeat(StationingReportRules.TEXT_MAX + 1));
    report.put("cadreInCharge", "");
    assertThat(StationingReportRules.problems(report, MAY)).containsExactly("经办团干不能为空",
        "第1个县（市、区）（越秀区）的基层青年意见不能超过3000字");
    county(report).put("youthOpinions", "意".repeat(StationingReportRules.TEXT_MAX));
    report.put("cadreInCharge", "张三");
    assertThat(StationingReportRules.problems(report, MAY)).isEmpty();
  }

  @Test
  void everyCountyIsCheckedAndNamedInTheMessage() {
    ObjectNode report = valid();
    ObjectNode second = county(report).deepCopy();
    second.put("county", "");
    ((ArrayNode) report.path("counties")).add(second);
    JsonNode problems = JSON.valueToTree(StationingReportRules.problems(report, MAY));
    assertThat(problems.toString()).contains("第2个县（市、区）县（市、区）名称不能为空");
  }
}
