package org.kaohe.round;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kaohe.catalogue.CatalogueRules;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_PublishRound}: records the round and starts one {@code unit-submission} per taking-part
 * unit. The round's id is its process instance id. Also turns the notice's assessment deadlines (Beijing
 * date-times) into the round's Date variables that the assessment branches' timers and due dates use.
 */
@Component("publishRound")
class PublishRound implements JavaDelegate {

  /** Reminders go out in the morning, office hours. */
  private static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

  private final Organisation organisation;
  private final Rounds rounds;
  private final UnitSubmissions unitSubmissions;
  private final JsonVariables json;
  private final ZoneId zone;

  PublishRound(Organisation organisation, Rounds rounds, UnitSubmissions unitSubmissions, JsonVariables json,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.organisation = organisation;
    this.rounds = rounds;
    this.unitSubmissions = unitSubmissions;
    this.json = json;
    this.zone = zone;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // Cleaned here too, not only at the draft's completion: the notice variable may have changed since.
    Notice notice = withCleanCatalogue(
        withAssessmentDeadlines(json.read(execution, AnnualAssessmentProcess.NOTICE, Notice.class)));
    List<Organisation.Unit> units = check(notice);
    String roundId = execution.getProcessInstanceId();
    OffsetDateTime now = Now.in(zone);
    OffsetDateTime due = notice.submissionDeadline().atTime(notice.deadlineTime()).atZone(zone).toOffsetDateTime();
    OffsetDateTime first = reminder(due.minusDays(7), now, due);
    OffsetDateTime last = reminder(due.minusDays(1), now, due);
    String noticeJson = json.write(notice);
    rounds.insert(roundId, notice, units, noticeJson, now);
    var noticeValue = json.value(notice);
    // The published notice, deadlines filled in, is what every later step reads.
    execution.setVariable(AnnualAssessmentProcess.NOTICE, noticeValue);
    Notice.AssessmentDeadlines deadlines = notice.assessmentDeadlines();
    Date bonusApplicationDue = at(deadlines.bonusApplication());
    var assessedKinds = organisation.assessment().unitKinds();
    for (Organisation.Unit unit : units) {
      String instance = unitSubmissions.start(roundId, notice.roundName(), unit.code(), unit.name(), unit.kind().code(), due, first, last,
          noticeValue, assessedKinds.contains(unit.kind()), bonusApplicationDue);
      rounds.linkInstance(roundId, unit.code(), instance);
    }
    execution.setVariable(AnnualAssessmentProcess.ROUND_NAME, notice.roundName());
    execution.setVariable(AnnualAssessmentProcess.SUBMISSION_DEADLINE_AT, Date.from(due.toInstant()));
    execution.setVariable(AnnualAssessmentProcess.REVIEW_DUE_DATE, at(deadlines.review()));
    execution.setVariable(AnnualAssessmentProcess.PARTY_EVALUATION_DUE_DATE, at(deadlines.partyEvaluation()));
    execution.setVariable(AnnualAssessmentProcess.BONUS_APPLICATION_DEADLINE_AT, bonusApplicationDue);
    execution.setVariable(AnnualAssessmentProcess.YOUTH_SURVEY_DUE_DATE, at(deadlines.youthSurvey()));
    execution.setVariable(AnnualAssessmentProcess.ORAL_REPORT_DUE_DATE, at(deadlines.oralReport()));
    execution.setVariable(AnnualAssessmentProcess.PARTY_EVALUATION_GROUP,
        Groups.unit(organisation.assessment().partyEvaluationDepartment()));
    // The forms of the round (party evaluations, result adjustments, bonus decisions) offer these choices.
    execution.setVariable(AnnualAssessmentProcess.GRADES, json.value(organisation.grades()));
    execution.setVariable(AnnualAssessmentProcess.BONUS_MIN_POINTS, organisation.bonus().minPoints());
    execution.setVariable(AnnualAssessmentProcess.BONUS_MAX_POINTS, organisation.bonus().maxPoints());
  }

  /**
   * A notice drafted before the assessment deadlines existed (or whose form dropped them) gets the organisation's
   * month-days at 23:59; a notice that has them keeps the office's values.
   */
  Notice withAssessmentDeadlines(Notice notice) {
    if (notice == null || notice.assessmentDeadlines() != null) {
      return notice;
    }
    return new Notice(notice.organisation(), notice.organisationName(), notice.officeUnit(), notice.year(),
        notice.title(), notice.body(), notice.submissionDeadline(), notice.submissionDeadlineTime(), notice.contacts(),
        notice.units(), notice.catalogue(), notice.limits(), notice.lateNotice(),
        NoticeTemplate.assessmentDeadlines(organisation, notice.year()), notice.documentNumber());
  }

  /** The notice with its catalogue's descriptions as plain text ({@link CatalogueRules#cleaned}). */
  static Notice withCleanCatalogue(Notice notice) {
    if (notice == null || notice.catalogue() == null) {
      return notice;
    }
    Organisation.Catalogue cleaned = CatalogueRules.cleaned(notice.catalogue());
    if (cleaned == notice.catalogue()) {
      return notice;
    }
    return new Notice(notice.organisation(), notice.organisationName(), notice.officeUnit(), notice.year(),
        notice.title(), notice.body(), notice.submissionDeadline(), notice.submissionDeadlineTime(), notice.contacts(),
        notice.units(), cleaned, notice.limits(), notice.lateNotice(), notice.assessmentDeadlines(), notice.documentNumber());
  }

  /** A Beijing date-time of the notice as the engine's Date. */
  private Date at(LocalDateTime time) {
    return Date.from(time.atZone(zone).toInstant());
  }

  /** A reminder that would fall before publication goes at the deadline itself, where it is skipped. */
  private static OffsetDateTime reminder(OffsetDateTime day, OffsetDateTime now, OffsetDateTime due) {
    OffsetDateTime at = day.with(REMINDER_TIME);
    return at.isAfter(now) ? at : due;
  }

  static final int MAX_DOCUMENT_NUMBER = 50;

  /** The taking-part units as configured: names and kinds come from the configuration, not from the form. */
  List<Organisation.Unit> check(Notice notice) {
    List<String> problems = new ArrayList<>();
    if (notice == null) {
      throw new BadUserRequestException("通知内容缺失");
    }
    List<Organisation.Unit> units = new ArrayList<>();
    if (notice.title() == null || notice.title().isBlank()) {
      problems.add("通知标题不能为空");
    }
    if (notice.submissionDeadline() == null) {
      problems.add("缺少报送截止日期");
    }
    String number = notice.documentNumber();
    if (number != null && (number.codePointCount(0, number.length()) > MAX_DOCUMENT_NUMBER
        || number.chars().anyMatch(Character::isISOControl) || number.contains("<"))) {
      problems.add("发文字号应为一行文字，不超过 " + MAX_DOCUMENT_NUMBER + " 字，例如 粤团办发〔2026〕1号");
    }
    Notice.AssessmentDeadlines deadlines = notice.assessmentDeadlines();
    String[] labels = {"指标评价", "党委评价", "加分项目申报", "青年评议", "述职评议"};
    LocalDateTime[] times = deadlines == null ? new LocalDateTime[labels.length]
        : new LocalDateTime[] {deadlines.review(), deadlines.partyEvaluation(), deadlines.bonusApplication(),
            deadlines.youthSurvey(), deadlines.oralReport()};
    for (int i = 0; i < labels.length; i++) {
      if (times[i] == null) {
        problems.add("缺少" + labels[i] + "截止时间");
      }
    }
    if (notice.selectedUnits().isEmpty()) {
      problems.add("至少选择一个参加单位");
    }
    for (Notice.Unit unit : notice.selectedUnits()) {
      organisation.unit(unit.code()).ifPresentOrElse(units::add,
          () -> problems.add("单位 " + unit.code() + " 不属于" + organisation.name()));
    }
    if (units.stream().map(Organisation.Unit::code).distinct().count() != units.size()) {
      problems.add("参加单位有重复");
    }
    // The catalogue may come from an import the office reviewed, or from a request that bypassed the form.
    problems.addAll(CatalogueRules.problems(notice.catalogue(), organisation));
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(String.join("；", problems));
    }
    return units;
  }
}
