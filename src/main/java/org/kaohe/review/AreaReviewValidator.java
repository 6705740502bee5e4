package org.kaohe.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * Complete listener of {@code UserTask_ReviewArea}: {@link AreaReviewRules} for {@code finish} and
 * {@code return}, nothing for {@code refresh}. Units' states, grades, the comment limit and the lead department
 * come from the records and the configuration, never from variables the form could have changed. A refusal
 * rolls back only this completion; the saved draft stays.
 */
@Component("areaReviewValidator")
class AreaReviewValidator implements TaskListener {

  private final ReviewRound round;
  private final Actors actors;
  private final Organisation organisation;
  private final JsonVariables json;

  AreaReviewValidator(ReviewRound round, Actors actors, Organisation organisation, JsonVariables json) {
    this.round = round;
    this.actors = actors;
    this.organisation = organisation;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    ReviewRound.AreaKey key = ReviewRound.AreaKey.of(task.getExecution());
    Notice notice = round.notice(key.roundId());
    Organisation.Area area = ReviewRound.area(notice, key.areaCode());
    if (!actors.currentUserIn(Groups.unit(area.leadDepartment()))) {
      throw new AuthorizationException("只有牵头部门" + round.departmentName(area.leadDepartment()) + "可以评价「"
          + area.name() + "」");
    }
    Object action = task.getVariable(AreaReviewProcess.REVIEW_ACTION);
    if (AreaReviewProcess.REFRESH.equals(action)) {
      return;
    }
    if (AreaReviewProcess.FINISH.equals(action)) {
      Set<String> grades = organisation.grades().stream().map(Organisation.Grade::code).collect(Collectors.toSet());
      int max = (notice.limits() != null ? notice.limits() : organisation.limits()).reviewCommentMaxCharacters();
      refuse("指标评价未通过检查：", AreaReviewRules.finish(json.tree(task, AreaReviewProcess.AREA_REVIEW),
          round.states(key.roundId()), grades, max));
    } else if (AreaReviewProcess.RETURN.equals(action)) {
      JsonNode returns = json.tree(task, AreaReviewProcess.REVIEW_RETURNS);
      refuse("退回补充未通过检查：", AreaReviewRules.returns(returns, round.states(key.roundId())));
    } else {
      throw new BadUserRequestException("请选择操作：完成评价、退回补充或刷新");
    }
  }

  private static void refuse(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(what + String.join("；", problems));
    }
  }
}
