package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.JsonVariables;
import org.mockito.ArgumentCaptor;

/** {@link PublishRound}'s assessment variables: deadlines in Beijing time, who is assessed, who evaluates. */
class PublishRoundTest {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final Organisation organisation = new Organisation("guangdong", "共青团广东省委员会", "团省委", "office",
      List.of(new Organisation.Unit("guangzhou", "广州市团委", UnitKind.CITY),
          new Organisation.Unit("publicity", "宣传部", UnitKind.DEPARTMENT)),
      // A loaded configuration always has its bonus range (OrganisationValidator); publishRound hands it to the forms.
      new Organisation.Catalogue(2017, "目录", List.of()), null, new Organisation.Bonus(1, 3),
      new Organisation.Deadlines(MonthDay.of(12, 31), MonthDay.of(12, 25), MonthDay.of(12, 30), MonthDay.of(12, 20),
          MonthDay.of(12, 29), MonthDay.of(12, 28)),
      List.of(new Organisation.Grade("good", "好")), null, new Organisation.Limits(3000, 4000, 500, 300), List.of(),
      List.of(), new Organisation.Assessment(List.of(UnitKind.CITY), "organisation", Map.of("good", 95), null, null), null, null);

  private final Rounds rounds = mock(Rounds.class);
  private final UnitSubmissions unitSubmissions = mock(UnitSubmissions.class);
  private final JsonVariables json = mock(JsonVariables.class);
  private final DelegateExecution execution = mock(DelegateExecution.class);
  private final Map<String, Object> variables = new HashMap<>();
  private final PublishRound publishRound = new PublishRound(organisation, rounds, unitSubmissions, json, BEIJING);

  @BeforeEach
  void execution() {
    when(execution.getProcessInstanceId()).thenReturn("r1");
    doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1)))
        .when(execution).setVariable(anyString(), any());
    when(json.value(any())).thenReturn(mock(JsonValue.class));
    when(json.write(any())).thenReturn("{}");
    when(unitSubmissions.start(anyString(), anyString(), anyString(), anyString(), anyString(), any(), any(), any(), any(),
        org.mockito.ArgumentMatchers.anyBoolean(), any())).thenAnswer(call -> "p-" + call.getArgument(2));
  }

  @Test
  void theNoticesDeadlinesBecomeTheRoundsDatesInBeijingTimeAndEveryUnitKnowsWhetherItIsAssessed() {
    var deadlines = new Notice.AssessmentDeadlines(LocalDateTime.of(2026, 12, 25, 23, 59),
        LocalDateTime.of(2026, 12, 30, 17, 0), LocalDateTime.of(2026, 12, 20, 12, 0),
        LocalDateTime.of(2026, 12, 29, 23, 59), LocalDateTime.of(2026, 12, 28, 9, 30));
    publish(notice(deadlines));

    assertThat(variables).containsEntry("reviewDueDate", beijing(2026, 12, 25, 23, 59))
        .containsEntry("partyEvaluationDueDate", beijing(2026, 12, 30, 17, 0))
        .containsEntry("bonusApplicationDeadlineAt", beijing(2026, 12, 20, 12, 0))
        .containsEntry("youthSurveyDueDate", beijing(2026, 12, 29, 23, 59))
        .containsEntry("oralReportDueDate", beijing(2026, 12, 28, 9, 30))
        .containsEntry("partyEvaluationGroup", "unit-organisation")
        .containsEntry("bonusMinPoints", 1).containsEntry("bonusMaxPoints", 3);
    verify(unitSubmissions).start(eq("r1"), eq("2026年度考核"), eq("guangzhou"), eq("广州市团委"), eq("city"), any(), any(), any(), any(),
        eq(true), eq(beijing(2026, 12, 20, 12, 0)));
    verify(unitSubmissions).start(eq("r1"), eq("2026年度考核"), eq("publicity"), eq("宣传部"), eq("department"), any(), any(), any(), any(),
        eq(false), eq(beijing(2026, 12, 20, 12, 0)));
  }

  @Test
  void aNoticeWithoutAssessmentDeadlinesGetsTheOrganisationsMonthDaysAt2359() {
    publish(notice(null));

    ArgumentCaptor<Notice> published = ArgumentCaptor.forClass(Notice.class);
    verify(rounds).insert(eq("r1"), published.capture(), any(), any(), any());
    assertThat(published.getValue().assessmentDeadlines().review()).isEqualTo(LocalDateTime.of(2026, 12, 25, 23, 59));
    assertThat(variables).containsEntry("reviewDueDate", beijing(2026, 12, 25, 23, 59))
        .containsEntry("partyEvaluationDueDate", beijing(2026, 12, 30, 23, 59))
        .containsEntry("bonusApplicationDeadlineAt", beijing(2026, 12, 20, 23, 59))
        .containsEntry("youthSurveyDueDate", beijing(2026, 12, 29, 23, 59))
        .containsEntry("oralReportDueDate", beijing(2026, 12, 28, 23, 59));
  }

  @Test
  void aMissingAssessmentDeadlineIsRefusedBeforeAnythingIsRecorded() {
    var deadlines = new Notice.AssessmentDeadlines(LocalDateTime.of(2026, 12, 25, 23, 59), null,
        LocalDateTime.of(2026, 12, 20, 12, 0), null, LocalDateTime.of(2026, 12, 28, 9, 30));
    when(json.read(execution, AnnualAssessmentProcess.NOTICE, Notice.class)).thenReturn(notice(deadlines));

    assertThatThrownBy(() -> publishRound.execute(execution)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("缺少党委评价截止时间；缺少青年评议截止时间");
    verify(rounds, never()).insert(any(), any(), any(), any(), any());
  }

  @Test
  void aCatalogueThatBreaksTheRulesIsRefusedNamingTheAreaBeforeAnythingIsRecorded() {
    Notice notice = notice(deadlines(), new Organisation.Area("area-1", "项目", "guangzhou", List.of("nobody"), List.of()));
    when(json.read(execution, AnnualAssessmentProcess.NOTICE, Notice.class)).thenReturn(notice);

    assertThatThrownBy(() -> publishRound.execute(execution)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("考核项目第 1 项「项目」的牵头部门“广州市团委”是地市团委，应为部室或直属单位；"
            + "考核项目第 1 项「项目」的配合部门“nobody”不是本组织的单位");
    verify(rounds, never()).insert(any(), any(), any(), any(), any());
  }

  @Test
  void theCataloguesDescriptionsArePublishedAsPlainText() {
    publish(notice(deadlines(), new Organisation.Area("area-1", "项目", "publicity", List.of(),
        List.of(new Organisation.Item("area-1-1", "指标", "<p>开展<b>主题</b>活动</p><script>alert(1)</script>", List.of())))));

    ArgumentCaptor<Notice> published = ArgumentCaptor.forClass(Notice.class);
    verify(rounds).insert(eq("r1"), published.capture(), any(), any(), any());
    assertThat(published.getValue().catalogue().areas().get(0).items().get(0).description()).isEqualTo("开展主题活动");
  }

  private void publish(Notice notice) {
    when(json.read(execution, AnnualAssessmentProcess.NOTICE, Notice.class)).thenReturn(notice);
    publishRound.execute(execution);
  }

  private static Notice notice(Notice.AssessmentDeadlines deadlines) {
    return notice(deadlines, new Organisation.Area("area-1", "项目", "publicity", List.of(),
        List.of(new Organisation.Item("area-1-1", "指标", "说明", List.of("publicity")))));
  }

  private static Notice notice(Notice.AssessmentDeadlines deadlines, Organisation.Area area) {
    return new Notice("guangdong", "共青团广东省委员会", "office", 2026, "通知", "正文", LocalDate.of(2026, 12, 31), null,
        List.of(), List.of(new Notice.Unit("guangzhou", "广州市团委", "city", true),
            new Notice.Unit("publicity", "宣传部", "department", true)),
        new Organisation.Catalogue(2026, "目录", List.of(area)), new Organisation.Limits(3000, 4000, 500, 300), "逾期",
        deadlines, null);
  }

  private static Notice.AssessmentDeadlines deadlines() {
    LocalDateTime end = LocalDateTime.of(2026, 12, 25, 23, 59);
    return new Notice.AssessmentDeadlines(end, end, end, end, end);
  }

  private static Date beijing(int year, int month, int day, int hour, int minute) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(BEIJING).toInstant());
  }
}
