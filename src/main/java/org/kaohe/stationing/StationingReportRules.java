package org.kaohe.stationing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a month's report on one city (attachment 2 of seed 002) must hold; the form checks the same and says it in the
 * same words. The report is JSON:
 * <pre>
 * {"cadreInCharge": "经办团干",
 *  "counties": [{"county", "branchesWithoutCadre", "spotChecked": {"count", "names": []}, "withoutWeChatGroup": {..},
 *                "secretariesWithoutSystem": {..}, "memberEvaluations", "secretaryExperience",
 *                "nonPublicEnterpriseTarget", "socialOrganisationTarget", "newNonPublicEnterprises",
 *                "newNonPublicEnterpriseMembers", "newSocialOrganisations", "newSocialOrganisationMembers",
 *                "typicalOrganisationName", "typicalOrganisationExperience", "volunteerRate", "serviceHoursPerMember",
 *                "youthOpinions"}],
 *  "days": [{"date": "2026-05-06", "cadres": ["张三"]}]}
 * </pre>
 */
final class StationingReportRules {

  static final int NAME_MAX = 50;
  static final int SHORT_TEXT_MAX = 200;
  static final int TEXT_MAX = 3000;
  static final int MAX_COUNT = 100_000;

  /** The whole-number fields of a county and their labels. */
  static final List<String[]> COUNTS = List.of(
      new String[] {"branchesWithoutCadre", "该地区无团干团支部数量"},
      new String[] {"nonPublicEnterpriseTarget", "推动建团非公企业任务底数"},
      new String[] {"socialOrganisationTarget", "推动建团社会组织任务底数"},
      new String[] {"newNonPublicEnterprises", "本月新建团非公企业数"},
      new String[] {"newNonPublicEnterpriseMembers", "新增非公企业团员数"},
      new String[] {"newSocialOrganisations", "本月新建团社会组织数"},
      new String[] {"newSocialOrganisationMembers", "新增社会组织团员数"});

  /** The counted branch lists (a count with as many names). */
  static final List<String[]> NAMED_COUNTS = List.of(
      new String[] {"spotChecked", "本月实地抽查团支部"},
      new String[] {"withoutWeChatGroup", "未建立支部微信群或群内团员数不足3/4的支部"},
      new String[] {"secretariesWithoutSystem", "团支部书记本人不会操作智慧团建系统的支部"});

  /** The free texts of a county. */
  static final List<String[]> TEXTS = List.of(
      new String[] {"memberEvaluations", "被抽查团支部团员对本支部所开展活动的评价情况"},
      new String[] {"secretaryExperience", "抓实团支部书记履责强化团支部建设经验"},
      new String[] {"typicalOrganisationExperience", "典型非公企业/社会组织团组织建设经验"},
      new String[] {"youthOpinions", "基层青年意见"});

  private StationingReportRules() {}

  static List<String> problems(JsonNode report, YearMonth month) {
    List<String> problems = new ArrayList<>();
    if (report == null || !report.isObject()) {
      problems.add("驻点月报不能为空");
      return problems;
    }
    text(report, "cadreInCharge", "经办团干", NAME_MAX, true, "", problems);
    JsonNode counties = report.path("counties");
    if (!counties.isArray() || counties.isEmpty()) {
      problems.add("请至少填写一个县（市、区）的推动情况");
    } else {
      int index = 0;
      for (JsonNode county : counties) {
        index++;
        county(county, index, problems);
      }
    }
    days(report.path("days"), month, problems);
    return problems;
  }

  private static void county(JsonNode county, int index, List<String> problems) {
    String where = "第" + index + "个县（市、区）";
    String name = text(county, "county", "县（市、区）名称", NAME_MAX, true, where, problems);
    if (name != null && !name.isBlank()) {
      where = where + "（" + name.trim() + "）";
    }
    for (String[] field : COUNTS) {
      count(county.path(field[0]), where + "的" + field[1], problems);
    }
    for (String[] field : NAMED_COUNTS) {
      JsonNode named = county.path(field[0]);
      Integer count = count(named.path("count"), where + "的" + field[1] + "数量", problems);
      JsonNode names = named.path("names");
      List<String> given = new ArrayList<>();
      if (names.isArray()) {
        for (JsonNode n : names) {
          String text = n.isTextual() ? n.asText().trim() : "";
          if (text.isEmpty()) {
            problems.add(where + "的" + field[1] + "名称不能为空");
          } else if (text.length() > SHORT_TEXT_MAX) {
            problems.add(where + "的" + field[1] + "名称不能超过" + SHORT_TEXT_MAX + "字");
          }
          given.add(text);
        }
      } else if (!names.isMissingNode() && !names.isNull()) {
        problems.add(where + "的" + field[1] + "名称应为列表");
      }
      if (count != null && count > 0 && given.isEmpty()) {
        problems.add(where + "的" + field[1] + "数量为" + count + "，请填写其名称");
      } else if (count != null && given.size() != count) {
        problems.add(where + "的" + field[1] + "数量为" + count + "，但填写了" + given.size() + "个名称，请核对");
      }
    }
    for (String[] field : TEXTS) {
      text(county, field[0], field[1], TEXT_MAX, false, where + "的", problems);
    }
    text(county, "typicalOrganisationName", "典型非公企业/社会组织团组织名称", SHORT_TEXT_MAX, false, where + "的", problems);
    BigDecimal rate = decimal(county.path("volunteerRate"), where + "的团员成为注册志愿者比例", problems);
    if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0)) {
      problems.add(where + "的团员成为注册志愿者比例应在0至100之间");
    }
    BigDecimal hours = decimal(county.path("serviceHoursPerMember"), where + "的团员人均服务时长", problems);
    if (hours != null && (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(8784)) > 0)) {
      problems.add(where + "的团员人均服务时长应在0至8784小时之间");
    }
  }

  private static void days(JsonNode days, YearMonth month, List<String> problems) {
    if (days.isMissingNode() || days.isNull()) {
      return;
    }
    if (!days.isArray()) {
      problems.add("本月驻点时间及人员应为列表");
      return;
    }
    Set<LocalDate> seen = new HashSet<>();
    int index = 0;
    for (JsonNode day : days) {
      index++;
      String where = "本月驻点时间第" + index + "行";
      LocalDate date = null;
      try {
        date = LocalDate.parse(day.path("date").asText(""));
      } catch (DateTimeParseException e) {
        problems.add(where + "：请填写日期");
      }
      if (date != null && !YearMonth.from(date).equals(month)) {
        problems.add(where + "：日期" + date + "不在" + month.getYear() + "年" + month.getMonthValue() + "月内");
      }
      if (date != null && !seen.add(date)) {
        problems.add(where + "：日期" + date + "重复，请把同一天的驻点人员填在一行");
      }
      JsonNode cadres = day.path("cadres");
      Set<String> named = new HashSet<>();
      if (!cadres.isArray() || cadres.isEmpty()) {
        problems.add(where + "：请填写当天整天驻点的同志");
        continue;
      }
      for (JsonNode cadre : cadres) {
        String name = cadre.isTextual() ? cadre.asText().trim() : "";
        if (name.isEmpty()) {
          problems.add(where + "：驻点同志姓名不能为空");
        } else if (name.length() > NAME_MAX) {
          problems.add(where + "：驻点同志姓名不能超过" + NAME_MAX + "字");
        } else if (!named.add(name)) {
          problems.add(where + "：" + name + "在同一天填写了两次");
        }
      }
    }
  }

  private static Integer count(JsonNode value, String label, List<String> problems) {
    if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      problems.add(label + "不能为空（没有请填0）");
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_COUNT) {
      problems.add(label + "应为不小于0的整数");
      return null;
    }
    return value.asInt();
  }

  private static BigDecimal decimal(JsonNode value, String label, List<String> problems) {
    if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      problems.add(label + "不能为空");
      return null;
    }
    if (!value.isNumber()) {
      problems.add(label + "应为数字");
      return null;
    }
    return value.decimalValue();
  }

  private static String text(JsonNode node, String field, String label, int max, boolean required, String where,
      List<String> problems) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        problems.add(where + label + "不能为空");
      }
      return null;
    }
    if (!value.isTextual()) {
      problems.add(where + label + "应为文字");
      return null;
    }
    String text = value.asText();
    if (required && text.isBlank()) {
      problems.add(where + label + "不能为空");
    }
    if (text.length() > max) {
      problems.add(where + label + "不能超过" + max + "字");
    }
    return text;
  }

  static String message(List<String> problems) {
    return "驻点月报未能提交：" + String.join("；", problems);
  }
}
