package org.kaohe.organisation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kaohe.organisation.Organisation.Area;
import org.kaohe.organisation.Organisation.Item;
import org.kaohe.organisation.Organisation.Unit;

/** The rules a file must meet beyond its shape; collects every problem so one start-up shows them all. */
final class OrganisationValidator {

  /** Codes become Camunda group IDs ({@code unit-<code>-leaders}), which allow single hyphens and 64 characters. */
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  static final int CODE_MAX_LENGTH = 40;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Organisation organisation;
  private final String expectedCode;
  private final List<String> problems = new ArrayList<>();
  private Map<String, Unit> units = Map.of();

  OrganisationValidator(Organisation organisation, String expectedCode) {
    this.organisation = organisation;
    this.expectedCode = expectedCode;
  }

  List<String> problems() {
    problems.clear();
    if (blank(organisation.code())) {
      problem("code", "缺少组织代码");
    } else if (!organisation.code().equals(expectedCode)) {
      problem("code", "组织代码 '" + organisation.code() + "' 与文件名 '" + expectedCode + ".yaml' 不一致");
    }
    required("name", organisation.name());
    required("shortName", organisation.shortName());
    checkUnits();
    checkOffice();
    checkCatalogue();
    checkWeights();
    checkBonus();
    checkDeadlines();
    checkGrades();
    checkLateSubmission();
    checkLimits();
    checkContacts();
    checkStationing();
    checkAssessment();
    checkProgressReports();
    checkStationingRules();
    return List.copyOf(problems);
  }

  private void checkUnits() {
    if (organisation.units().isEmpty()) {
      problem("units", "至少需要一个单位");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < organisation.units().size(); i++) {
      Unit unit = organisation.units().get(i);
      String at = "units[" + i + "]";
      if (blank(unit.code())) {
        problem(at + ".code", "缺少单位代码");
      } else if (!CODE.matcher(unit.code()).matches()) {
        problem(at + ".code", "单位代码 '" + unit.code() + "' 只能由小写字母、数字和单个连字符组成，以字母开头");
      } else if (unit.code().length() > CODE_MAX_LENGTH) {
        problem(at + ".code", "单位代码 '" + unit.code() + "' 超过 " + CODE_MAX_LENGTH + " 个字符");
      } else if (!seen.add(unit.code())) {
        problem(at + ".code", "单位代码 '" + unit.code() + "' 重复");
      }
      required(at + ".name", unit.name());
      if (unit.kind() == null) {
        problem(at + ".kind", "缺少单位类别（city、department 或 affiliated-unit）");
      }
      if (!blank(unit.partyLeaderEmail()) && !EMAIL.matcher(unit.partyLeaderEmail()).matches()) {
        problem(at + ".partyLeaderEmail", "'" + unit.partyLeaderEmail() + "' 不是有效的邮箱地址");
      }
    }
    checkUnitNames();
    units = organisation.units().stream()
        .filter(u -> u.code() != null)
        .collect(Collectors.toMap(Unit::code, Function.identity(), (a, b) -> a));
  }

  /**
   * A name or alias finds one unit only: an imported catalogue's department names are looked up by them (spaces
   * ignored), and a name that meant two units would be mapped to either.
   */
  private void checkUnitNames() {
    Map<String, String> owner = new java.util.HashMap<>();
    for (int i = 0; i < organisation.units().size(); i++) {
      Unit unit = organisation.units().get(i);
      List<String> names = new ArrayList<>();
      if (!blank(unit.name())) {
        names.add(unit.name());
      }
      for (int a = 0; a < unit.aliases().size(); a++) {
        String alias = unit.aliases().get(a);
        if (blank(alias)) {
          problem("units[" + i + "].aliases[" + a + "]", "别称不能为空");
        } else {
          names.add(alias);
        }
      }
      for (String name : names) {
        String key = name.replaceAll("\\s", "");
        String previous = owner.putIfAbsent(key, unit.code());
        if (previous != null && !previous.equals(unit.code())) {
          problem("units[" + i + "]", "名称或别称 '" + name + "' 已用于单位 '" + previous + "'");
        }
      }
    }
  }

  private void checkOffice() {
    String office = organisation.officeUnit();
    if (blank(office)) {
      problem("officeUnit", "缺少办公室（秘书处）的单位代码");
    } else if (!units.containsKey(office)) {
      problem("officeUnit", "单位 '" + office + "' 不存在");
    } else if (units.get(office).kind() != UnitKind.DEPARTMENT) {
      problem("officeUnit", "单位 '" + office + "' 不是部室");
    }
  }

  private void checkCatalogue() {
    var catalogue = organisation.catalogue();
    if (catalogue == null) {
      problem("catalogue", "缺少考核目录");
      return;
    }
    if (catalogue.year() < 2000 || catalogue.year() > 2100) {
      problem("catalogue.year", "年度 " + catalogue.year() + " 无效");
    }
    required("catalogue.title", catalogue.title());
    if (catalogue.areas().isEmpty()) {
      problem("catalogue.areas", "至少需要一个考核项目");
    }
    Set<String> areaCodes = new HashSet<>();
    Set<String> itemCodes = new HashSet<>();
    for (int i = 0; i < catalogue.areas().size(); i++) {
      Area area = catalogue.areas().get(i);
      String at = "catalogue.areas[" + i + "]";
      code(at + ".code", area.code(), areaCodes, "考核项目代码");
      required(at + ".name", area.name());
      if (blank(area.leadDepartment())) {
        problem(at + ".leadDepartment", "缺少牵头部门");
      } else {
        department(at + ".leadDepartment", area.leadDepartment(), "牵头部门");
      }
      for (int c = 0; c < area.cooperatingDepartments().size(); c++) {
        String cooperating = area.cooperatingDepartments().get(c);
        department(at + ".cooperatingDepartments[" + c + "]", cooperating, "配合部门");
        if (cooperating.equals(area.leadDepartment())) {
          problem(at + ".cooperatingDepartments[" + c + "]", "'" + cooperating + "' 已是牵头部门，不能同时是配合部门");
        }
      }
      for (int j = 0; j < area.items().size(); j++) {
        Item item = area.items().get(j);
        String itemAt = at + ".items[" + j + "]";
        code(itemAt + ".code", item.code(), itemCodes, "指标代码");
        required(itemAt + ".name", item.name());
        for (int d = 0; d < item.leadDepartments().size(); d++) {
          department(itemAt + ".leadDepartments[" + d + "]", item.leadDepartments().get(d), "牵头部门");
        }
      }
    }
  }

  private void checkWeights() {
    var weights = organisation.weights();
    if (weights == null) {
      problem("weights", "缺少分值占比");
      return;
    }
    int[] values = {weights.indicatorEvaluation(), weights.partyEvaluation(), weights.youthSurvey(), weights.oralReport()};
    String[] names = {"indicatorEvaluation", "partyEvaluation", "youthSurvey", "oralReport"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 100) {
        problem("weights." + names[i], "占比 " + values[i] + " 不在 0 到 100 之间");
      }
    }
    if (weights.sum() != 100) {
      problem("weights", "四项占比之和为 " + weights.sum() + "，应为 100");
    }
  }

  private void checkBonus() {
    var bonus = organisation.bonus();
    if (bonus == null) {
      problem("bonus", "缺少加分规则");
    } else if (bonus.minPoints() <= 0 || bonus.minPoints() > bonus.maxPoints()) {
      problem("bonus", "加分范围 " + bonus.minPoints() + "-" + bonus.maxPoints() + " 无效（应 0 < minPoints ≤ maxPoints）");
    }
  }

  private void checkDeadlines() {
    var deadlines = organisation.deadlines();
    if (deadlines == null) {
      problem("deadlines", "缺少截止日期");
      return;
    }
    Object[] values = {deadlines.submission(), deadlines.review(), deadlines.partyEvaluation(),
        deadlines.bonusApplication(), deadlines.youthSurvey(), deadlines.oralReport()};
    String[] names = {"submission", "review", "partyEvaluation", "bonusApplication", "youthSurvey", "oralReport"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        problem("deadlines." + names[i], "缺少截止日期（MM-DD）");
      }
    }
  }

  private void checkGrades() {
    if (organisation.grades().isEmpty()) {
      problem("grades", "至少需要一个考核等次");
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < organisation.grades().size(); i++) {
      var grade = organisation.grades().get(i);
      code("grades[" + i + "].code", grade.code(), codes, "等次代码");
      required("grades[" + i + "].name", grade.name());
    }
  }

  private void checkLateSubmission() {
    var late = organisation.lateSubmission();
    if (late == null) {
      problem("lateSubmission", "缺少逾期报送规则");
    } else if (late.deductPoints() < 0) {
      problem("lateSubmission.deductPoints", "扣分不能为负数");
    }
  }

  private void checkLimits() {
    var limits = organisation.limits();
    if (limits == null) {
      problem("limits", "缺少字数限制");
      return;
    }
    positive("limits.summaryTargetCharacters", limits.summaryTargetCharacters());
    positive("limits.summaryMaxCharacters", limits.summaryMaxCharacters());
    positive("limits.keyWorkRowMaxCharacters", limits.keyWorkRowMaxCharacters());
    positive("limits.reviewCommentMaxCharacters", limits.reviewCommentMaxCharacters());
    if (limits.summaryMaxCharacters() < limits.summaryTargetCharacters()) {
      problem("limits.summaryMaxCharacters", "上限 " + limits.summaryMaxCharacters() + " 小于建议字数 "
          + limits.summaryTargetCharacters());
    }
  }

  private void checkContacts() {
    for (int i = 0; i < organisation.contacts().size(); i++) {
      var contact = organisation.contacts().get(i);
      String at = "contacts[" + i + "]";
      required(at + ".name", contact.name());
      if (blank(contact.phone()) && blank(contact.email())) {
        problem(at, "联系人需要电话或邮箱");
      }
      if (!blank(contact.email()) && !EMAIL.matcher(contact.email()).matches()) {
        problem(at + ".email", "'" + contact.email() + "' 不是有效的邮箱地址");
      }
    }
  }

  private void checkStationing() {
    for (int i = 0; i < organisation.stationingPairings().size(); i++) {
      var pairing = organisation.stationingPairings().get(i);
      String at = "stationingPairings[" + i + "]";
      if (blank(pairing.department())) {
        problem(at + ".department", "缺少驻点部门");
      } else {
        department(at + ".department", pairing.department(), "驻点部门");
      }
      for (int c = 0; c < pairing.cities().size(); c++) {
        String city = pairing.cities().get(c);
        Unit unit = units.get(city);
        if (unit == null) {
          problem(at + ".cities[" + c + "]", "对接地市 '" + city + "' 不存在");
        } else if (unit.kind() != UnitKind.CITY) {
          problem(at + ".cities[" + c + "]", "'" + city + "' 不是地市团委");
        }
      }
    }
  }

  private void checkProgressReports() {
    var reports = organisation.progressReports();
    if (reports == null) {
      return;
    }
    range("progressReports.opensOnDay", reports.opensOnDay(), 1, 28, "每月开始填报的日期");
    range("progressReports.dueDayOfNextMonth", reports.dueDayOfNextMonth(), 1, 28, "次月报送截止日期");
    range("progressReports.reminderDaysBefore", reports.reminderDaysBefore(), 0, 10, "截止前提醒的天数");
    range("progressReports.entryMaxCharacters", reports.entryMaxCharacters(), 100, 10000, "每栏字数上限");
    range("progressReports.followUpDays", reports.followUpDays(), 1, 30, "逾期后再次提醒的间隔天数");
  }

  private void checkStationingRules() {
    var stationing = organisation.stationing();
    if (stationing == null) {
      if (!organisation.stationingPairings().isEmpty()) {
        problem("stationing", "配置了驻点对接（stationingPairings），但缺少驻点工作规则（stationing）");
      }
      return;
    }
    if (organisation.stationingPairings().isEmpty()) {
      problem("stationingPairings", "配置了驻点工作规则，但没有驻点对接分配");
    }
    range("stationing.firstMonth", stationing.firstMonth(), 1, 12, "驻点开始月份");
    range("stationing.lastMonth", stationing.lastMonth(), 1, 12, "驻点结束月份");
    if (stationing.lastMonth() < stationing.firstMonth()) {
      problem("stationing.lastMonth", "驻点结束月份不能早于开始月份");
    }
    range("stationing.minDaysPerDepartmentPerMonth", stationing.minDaysPerDepartmentPerMonth(), 1, 31,
        "每个部门每月驻点天数下限");
    range("stationing.minDaysPerCadrePerYear", stationing.minDaysPerCadrePerYear(), 1, 366, "每名干部每年驻点天数下限");
    range("stationing.reminderDaysBefore", stationing.reminderDaysBefore(), 0, 20, "截止前提醒的天数");
    if (blank(stationing.reportsTo())) {
      problem("stationing.reportsTo", "缺少汇总驻点月报的部门");
    } else {
      department("stationing.reportsTo", stationing.reportsTo(), "汇总驻点月报的部门");
    }
    filing("stationing.cityPlan", stationing.cityPlan(), "地市实施方案");
    filing("stationing.projectReport", stationing.projectReport(), "联系服务青年工作项目报告");
    filing("stationing.partyCourses", stationing.partyCourses(), "党团课材料");
  }

  private void filing(String field, Organisation.Filing filing, String what) {
    if (filing == null) {
      problem(field, "缺少" + what + "的报送规则");
      return;
    }
    if (blank(filing.department())) {
      problem(field + ".department", "缺少接收" + what + "的部门");
    } else {
      department(field + ".department", filing.department(), "接收" + what + "的部门");
    }
    if (filing.due() == null) {
      problem(field + ".due", "缺少" + what + "的截止日期");
    }
  }

  private void range(String field, int value, int min, int max, String what) {
    if (value < min || value > max) {
      problem(field, what + "应在 " + min + " 到 " + max + " 之间，现为 " + value);
    }
  }

  private void checkAssessment() {
    var assessment = organisation.assessment();
    if (assessment == null) {
      problem("assessment", "缺少考核规则");
      return;
    }
    if (assessment.unitKinds().isEmpty()) {
      problem("assessment.unitKinds", "至少需要一种被考核单位类别");
    }
    if (blank(assessment.partyEvaluationDepartment())) {
      problem("assessment.partyEvaluationDepartment", "缺少负责党委评价的部室");
    } else {
      department("assessment.partyEvaluationDepartment", assessment.partyEvaluationDepartment(), "负责党委评价的部室");
    }
    for (var grade : organisation.grades()) {
      Integer score = assessment.partyEvaluationGradeScores().get(grade.code());
      if (score == null) {
        problem("assessment.partyEvaluationGradeScores", "缺少等次 '" + grade.code() + "' 对应的分数");
      } else if (score < 0 || score > 100) {
        problem("assessment.partyEvaluationGradeScores." + grade.code(), "分数 " + score + " 不在 0 到 100 之间");
      }
    }
    for (String code : assessment.partyEvaluationGradeScores().keySet()) {
      if (organisation.grades().stream().noneMatch(g -> g.code().equals(code))) {
        problem("assessment.partyEvaluationGradeScores." + code, "等次 '" + code + "' 不在 grades 中");
      }
    }
    var shares = assessment.youthSurveyShares();
    if (shares == null) {
      problem("assessment.youthSurveyShares", "缺少知晓度和满意度的占比");
    } else if (shares.awareness() < 0 || shares.satisfaction() < 0 || shares.awareness() + shares.satisfaction() != 100) {
      problem("assessment.youthSurveyShares", "知晓度与满意度占比应为非负数，且之和为 100");
    }
    var missing = assessment.missingComponents();
    if (missing == null) {
      problem("assessment.missingComponents", "缺少分项缺失时的处理规则");
      return;
    }
    Organisation.MissingRule[] rules = {missing.indicatorEvaluation(), missing.partyEvaluation(), missing.youthSurvey(),
        missing.oralReport()};
    String[] names = {"indicatorEvaluation", "partyEvaluation", "youthSurvey", "oralReport"};
    for (int i = 0; i < rules.length; i++) {
      String at = "assessment.missingComponents." + names[i];
      var rule = rules[i];
      if (rule == null || blank(rule.rule())) {
        problem(at, "缺少处理规则（block 或 value）");
      } else if (Organisation.MissingRule.VALUE.equals(rule.rule())) {
        if (rule.value() == null || rule.value().signum() < 0 || rule.value().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
          problem(at + ".value", "按固定分计算时须给出 0 到 100 之间的分数");
        }
      } else if (!Organisation.MissingRule.BLOCK.equals(rule.rule())) {
        problem(at + ".rule", "'" + rule.rule() + "' 无效，应为 block（暂停汇总，由办公室补录）或 value（按固定分计）");
      }
    }
  }

  private void department(String field, String code, String role) {
    Unit unit = units.get(code);
    if (unit == null) {
      problem(field, role + " '" + code + "' 不存在（units 中没有这个单位代码）");
    } else if (unit.kind() == UnitKind.CITY) {
      problem(field, role + " '" + code + "' 是地市团委，应为部室或直属单位");
    }
  }

  private void code(String field, String code, Set<String> seen, String what) {
    if (blank(code)) {
      problem(field, "缺少" + what);
    } else if (!CODE.matcher(code).matches()) {
      problem(field, what + " '" + code + "' 只能由小写字母、数字和单个连字符组成，以字母开头");
    } else if (!seen.add(code)) {
      problem(field, what + " '" + code + "' 重复");
    }
  }

  private void required(String field, String value) {
    if (blank(value)) {
      problem(field, "不能为空");
    }
  }

  private void positive(String field, int value) {
    if (value <= 0) {
      problem(field, "应为正整数，实际为 " + value);
    }
  }

  private void problem(String field, String what) {
    problems.add("字段 " + field + "：" + what);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
