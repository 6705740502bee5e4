package org.kaohe.round;

import java.time.LocalDate;
import java.util.stream.Collectors;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;

/** The default notice of a year, worded after seed 000, from the organisation's configuration. */
final class NoticeTemplate {

  private NoticeTemplate() {}

  static Notice.AssessmentDeadlines assessmentDeadlines(Organisation organisation, int year) {
    var d = organisation.deadlines();
    java.time.LocalTime endOfDay = java.time.LocalTime.of(23, 59);
    return new Notice.AssessmentDeadlines(d.review().atYear(year).atTime(endOfDay),
        d.partyEvaluation().atYear(year).atTime(endOfDay), d.bonusApplication().atYear(year).atTime(endOfDay),
        d.youthSurvey().atYear(year).atTime(endOfDay), d.oralReport().atYear(year).atTime(endOfDay));
  }

  static Notice of(Organisation organisation, int year, String title) {
    LocalDate deadline = organisation.deadlines().submission().atYear(year);
    String cities = organisation.unitsOfKind(UnitKind.CITY).isEmpty() ? "" : "各地市团委，";
    String body = cities + organisation.shortName() + "机关各部室、各直属单位：\n\n"
        + "为全面总结" + year + "年工作推进情况，考核各单位落实重点工作情况，现就有关事项通知如下：\n\n"
        + "一、工作总结\n"
        + "1. 总结" + year + "年工作情况。\n"
        + "2. 分析当前工作中存在的问题与困难。\n"
        + "3. 提出" + (year + 1) + "年工作思路。\n"
        + "4. 对有关工作提出意见建议。\n"
        + "请各单位分别报送。要求突出重点，数据翔实，篇幅控制在" + organisation.limits().summaryTargetCharacters()
        + "字左右。\n\n"
        + "二、工作考核\n"
        + "请各地市团委对照《" + organisation.catalogue().title() + "》，对全年落实重点工作情况逐项进行总结，"
        + "填写重点工作开展情况表和党政对共青团评价表，经单位主要负责同志审定后报送。\n\n"
        + "三、报送材料要求\n"
        + "请各单位高度重视，务必于" + deadline.getMonthValue() + "月" + deadline.getDayOfMonth() + "日前在系统中报送上述材料，"
        + organisation.lateSubmission().notice() + "。"
        + organisation.contacts().stream().map(c -> c.name()).collect(Collectors.joining("、", "\n\n联系人：", ""));
    var units = organisation.units().stream()
        .map(u -> new Notice.Unit(u.code(), u.name(), u.kind().code(), true))
        .toList();
    return new Notice(organisation.code(), organisation.name(), organisation.officeUnit(), year, title, body, deadline, null,
        organisation.contacts(), units, organisation.catalogue(), organisation.limits(),
        organisation.lateSubmission().notice(), assessmentDeadlines(organisation, year), null);
  }
}
