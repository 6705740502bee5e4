package org.kaohe.review;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.support.Actors;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.round.Notice;
import org.kaohe.support.JsonVariables;

/**
 * {@link AreaReviewValidator}: who may complete, which action checks what, and that the round and area come from
 * the business key, not from variables the form could change.
 */
class AreaReviewValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Organisation organisation = new Organisation("guangdong", "共青团广东省委员会", "团省委", "office",
      List.of(new Organisation.Unit("guangzhou", "广州市团委", UnitKind.CITY),
          new Organisation.Unit("publicity", "宣传部", UnitKind.DEPARTMENT)),
      null, null, null, null, List.of(new Organisation.Grade("good", "好")), null,
      new Organisation.Limits(3000, 4000, 500, 300), List.of(), List.of(),
      new Organisation.Assessment(List.of(UnitKind.CITY), "organisation", Map.of("good", 95), null, null), null, null);
  private final Notice notice = new Notice("guangdong", "共青团广东省委员会", "office", 2017, "通知", "", LocalDate.of(2017, 12, 31),
      null, List.of(), List.of(), new Organisation.Catalogue(2017, "目录", List.of(new Organisation.Area(
          "thought-guidance", "青少年思想引领", "publicity", List.of("school"), List.of()))),
      new Organisation.Limits(3000, 4000, 500, 300), "", null, null);

  private final ReviewRound round = mock(ReviewRound.class);
  private final Actors membership = mock(Actors.class);
  private final JsonVariables json = mock(JsonVariables.class);
  private final DelegateTask task = mock(DelegateTask.class);
  private final AreaReviewValidator validator = new AreaReviewValidator(round, membership, organisation, json);

  @BeforeEach
  void task() {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn("r1:thought-guidance");
    when(execution.getVariable(AreaReviewProcess.AREA_CODE)).thenReturn("changed-by-the-form");
    when(task.getExecution()).thenReturn(execution);
    when(round.notice("r1")).thenReturn(notice);
    when(round.departmentName("publicity")).thenReturn("宣传部");
    when(round.states("r1")).thenReturn(List.of(
        new AreaReviewRules.UnitState("guangzhou", "广州市团委", ReviewVariables.RETURNED)));
    when(membership.currentUserIn("unit-publicity")).thenReturn(true);
  }

  @Test
  void onlyTheLeadDepartmentMayCompleteWhateverTheAction() {
    when(membership.currentUserIn("unit-publicity")).thenReturn(false);
    when(task.getVariable(AreaReviewProcess.REVIEW_ACTION)).thenReturn(AreaReviewProcess.REFRESH);

    assertThatThrownBy(() -> validator.notify(task)).isInstanceOf(AuthorizationException.class)
        .hasMessage("只有牵头部门宣传部可以评价「青少年思想引领」");
  }

  @Test
  void refreshingChecksNothingElse() {
    when(task.getVariable(AreaReviewProcess.REVIEW_ACTION)).thenReturn(AreaReviewProcess.REFRESH);
    assertThatCode(() -> validator.notify(task)).doesNotThrowAnyException();
  }

  @Test
  void finishingIsRefusedWhileAPackageIsReturnedEvenIfScored() throws Exception {
    when(task.getVariable(AreaReviewProcess.REVIEW_ACTION)).thenReturn(AreaReviewProcess.FINISH);
    when(json.tree(task, AreaReviewProcess.AREA_REVIEW)).thenReturn(JSON.readTree(
        "{\"units\":[{\"unitCode\":\"guangzhou\",\"grade\":\"good\",\"score\":90,\"comment\":\"好\"}]}"));

    assertThatThrownBy(() -> validator.notify(task)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("指标评价未通过检查：广州市团委的材料已退回补充，尚未重新报送，不能完成评价");
  }

  @Test
  void returningChecksTheUnitsCurrentState() throws Exception {
    when(task.getVariable(AreaReviewProcess.REVIEW_ACTION)).thenReturn(AreaReviewProcess.RETURN);
    when(json.tree(task, AreaReviewProcess.REVIEW_RETURNS)).thenReturn(JSON.readTree(
        "[{\"unitCode\":\"guangzhou\",\"comment\":\"再补充\"}]"));

    assertThatThrownBy(() -> validator.notify(task)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("退回补充未通过检查：广州市团委的材料已退回补充，未重新报送，只能退回已收讫的材料");
  }

  @Test
  void anUnknownActionIsRefused() {
    when(task.getVariable(AreaReviewProcess.REVIEW_ACTION)).thenReturn(null);
    assertThatThrownBy(() -> validator.notify(task)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("请选择操作：完成评价、退回补充或刷新");
  }
}
