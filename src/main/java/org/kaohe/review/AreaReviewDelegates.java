package org.kaohe.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;
import org.kaohe.round.Rounds;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.Actors;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks and task listeners of {@code area-review}, each a bean named as the model references it. */
@Configuration(proxyBeanMethods = false)
class AreaReviewDelegates {

  private final ReviewRound round;
  private final Reviews reviews;
  private final Actors actors;
  private final Organisation organisation;
  private final JsonVariables json;
  private final ZoneId zone;

  AreaReviewDelegates(ReviewRound round, Reviews reviews, Actors actors, Organisation organisation,
      JsonVariables json, @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.round = round;
    this.reviews = reviews;
    this.actors = actors;
    this.organisation = organisation;
    this.json = json;
    this.zone = zone;
  }

  /**
   * {@code ServiceTask_PrepareAreaReview}: the area and its lead department from the notice as published, the
   * empty score sheet of every assessed unit, and what the form needs (grades, comment limit).
   */
  @Bean
  JavaDelegate prepareAreaReview() {
    return execution -> {
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(execution);
      Notice notice = round.notice(key.roundId());
      Organisation.Area area = ReviewRound.area(notice, key.areaCode());
      execution.setVariable(AreaReviewProcess.AREA_NAME, area.name());
      execution.setVariable(AreaReviewProcess.LEAD_DEPARTMENT, area.leadDepartment());
      execution.setVariable(AreaReviewProcess.LEAD_DEPARTMENT_NAME, round.departmentName(area.leadDepartment()));
      execution.setVariable(AreaReviewProcess.LEAD_DEPARTMENT_GROUP, Groups.unit(area.leadDepartment()));
      execution.setVariable(ReviewVariables.GRADES, json.value(organisation.grades()));
      Organisation.Limits limits = notice.limits() != null ? notice.limits() : organisation.limits();
      execution.setVariable(ReviewVariables.REVIEW_COMMENT_MAX_CHARACTERS, limits.reviewCommentMaxCharacters());
      List<ScoreRow> rows = round.assessedUnits(key.roundId()).stream()
          .map(unit -> new ScoreRow(unit.code(), unit.name(), "", null, ""))
          .toList();
      execution.setVariable(AreaReviewProcess.AREA_REVIEW, json.value(Map.of("units", rows)));
      execution.setVariable(AreaReviewProcess.OPINIONS, json.value(Map.of()));
    };
  }

  /** A row of {@code areaReview}. */
  record ScoreRow(String unitCode, String unitName, String grade, BigDecimal score, String comment) {}

  /** A row of {@code areaOpinions}. */
  record OpinionRow(String unitCode, String unitName, String opinion) {}

  /**
   * Create listener of {@code UserTask_ReviewArea}: {@code reviewUnits} as the records stand each time the task
   * opens, which is why the lead department refreshes (and why a returned package shows until resubmitted).
   */
  @Bean
  TaskListener refreshReviewUnits() {
    return task -> {
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(task.getExecution());
      task.getExecution().getProcessInstance().setVariable(AreaReviewProcess.REVIEW_UNITS,
          json.value(round.reviewUnits(key.roundId(), key.areaCode())));
    };
  }

  /**
   * Create listener of {@code UserTask_GiveOpinions}: one empty opinion per assessed unit, local to the task's
   * execution so that one department's drafts and completion never touch another's.
   */
  @Bean
  TaskListener prepareOpinions() {
    return task -> {
      DelegateExecution execution = task.getExecution();
      if (execution.getVariableLocal(AreaReviewProcess.AREA_OPINIONS) != null) {
        return;
      }
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(execution);
      List<OpinionRow> rows = round.assessedUnits(key.roundId()).stream()
          .map(unit -> new OpinionRow(unit.code(), unit.name(), ""))
          .toList();
      execution.setVariableLocal(AreaReviewProcess.AREA_OPINIONS, json.value(Map.of("units", rows)));
    };
  }

  /**
   * Complete listener of {@code UserTask_GiveOpinions}: checks and stores the department's non-empty opinions and
   * merges them into the process's {@code opinions}, which the lead department's form shows.
   */
  @Bean
  TaskListener recordOpinions() {
    return task -> {
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(task.getExecution());
      Organisation.Area area = ReviewRound.area(round.notice(key.roundId()), key.areaCode());
      String group = (String) task.getVariable(AreaReviewProcess.COOPERATING_GROUP);
      String department = area.cooperatingDepartments().stream()
          .filter(code -> Groups.unit(code).equals(group))
          .findFirst()
          .orElseThrow(() -> new BadUserRequestException("「" + group + "」不是「" + area.name() + "」的配合部门"));
      String departmentName = round.departmentName(department);
      if (!actors.currentUserIn(group)) {
        throw new org.camunda.bpm.engine.AuthorizationException("只有" + departmentName + "可以提出本部门的配合意见");
      }
      JsonNode areaOpinions = json.tree(task, AreaReviewProcess.AREA_OPINIONS);
      var units = round.assessedUnits(key.roundId()).stream()
          .map(unit -> new AreaReviewRules.UnitState(unit.code(), unit.name(), null))
          .toList();
      List<String> problems = AreaReviewRules.opinions(areaOpinions, units);
      if (!problems.isEmpty()) {
        throw new BadUserRequestException("配合意见未通过检查：" + String.join("；", problems));
      }
      String givenBy = actors.of(task);
      OffsetDateTime now = Now.in(zone);
      List<Reviews.Opinion> given = new ArrayList<>();
      ObjectNode byUnit = JsonNodeFactory.instance.objectNode();
      if (areaOpinions != null) {
        for (JsonNode row : areaOpinions.path("units")) {
          String text = row.path("opinion").asText("");
          if (!text.isBlank()) {
            String unitCode = row.path("unitCode").asText();
            given.add(new Reviews.Opinion(key.roundId(), key.areaCode(), unitCode, department, text, givenBy, now));
            byUnit.put(unitCode, text);
          }
        }
      }
      reviews.replaceOpinions(key.roundId(), key.areaCode(), department, given);

      DelegateExecution process = task.getExecution().getProcessInstance();
      JsonNode existing = json.tree(process, AreaReviewProcess.OPINIONS);
      ObjectNode opinions = existing != null && existing.isObject() ? (ObjectNode) existing
          : JsonNodeFactory.instance.objectNode();
      ObjectNode entry = opinions.putObject(department);
      entry.put("departmentName", departmentName);
      // The lead department reads a person's name; the record keeps the user id.
      entry.put("givenBy", actors.displayName(givenBy));
      entry.set("units", byUnit);
      process.setVariable(AreaReviewProcess.OPINIONS, json.value(opinions));
    };
  }

  /**
   * {@code ServiceTask_ReturnPackages}: each chosen unit's package goes back for completion with the lead
   * department's reason; the unit's own instance records the return and reopens its submission task.
   */
  @Bean
  JavaDelegate returnPackagesForCompletion(UnitSubmissions unitSubmissions) {
    return execution -> {
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(execution);
      Notice notice = round.notice(key.roundId());
      Organisation.Area area = ReviewRound.area(notice, key.areaCode());
      String departmentName = round.departmentName(area.leadDepartment());
      Map<String, Rounds.RoundUnit> units = round.assessedUnits(key.roundId()).stream()
          .collect(Collectors.toMap(Rounds.RoundUnit::code, Function.identity()));
      JsonNode returns = json.tree(execution, AreaReviewProcess.REVIEW_RETURNS);
      if (returns == null || !returns.isArray() || returns.isEmpty()) {
        throw new BadUserRequestException("请至少选择一个要退回补充的单位");
      }
      for (JsonNode row : returns) {
        Rounds.RoundUnit unit = units.get(row.path("unitCode").asText());
        if (unit == null) {
          throw new BadUserRequestException("「" + row.path("unitCode").asText() + "」不是本轮被考核单位");
        }
        unitSubmissions.returnForCompletion(key.roundId(), unit.code(), unit.name(), notice.title(),
            departmentName + "退回补充：" + row.path("comment").asText("").strip());
      }
      // Returned: the form starts the next return from an empty list.
      execution.setVariable(AreaReviewProcess.REVIEW_RETURNS, json.value(List.of()));
    };
  }

  /**
   * {@code ServiceTask_RecordAreaReview}: one {@code kaohe_review} row per assessed unit, in the name of the lead
   * department (from the notice, not a variable) and the user who finished.
   */
  @Bean
  JavaDelegate recordAreaReview() {
    return execution -> {
      ReviewRound.AreaKey key = ReviewRound.AreaKey.of(execution);
      Organisation.Area area = ReviewRound.area(round.notice(key.roundId()), key.areaCode());
      String reviewedBy = actors.of(execution, AreaReviewProcess.REVIEW_AREA);
      OffsetDateTime now = Now.in(zone);
      List<Reviews.Review> rows = new ArrayList<>();
      JsonNode areaReview = json.tree(execution, AreaReviewProcess.AREA_REVIEW);
      for (JsonNode row : areaReview.path("units")) {
        rows.add(new Reviews.Review(key.roundId(), key.areaCode(), row.path("unitCode").asText(),
            row.path("grade").asText(), row.path("score").decimalValue(), row.path("comment").asText(),
            area.leadDepartment(), reviewedBy, now));
      }
      reviews.replaceArea(key.roundId(), key.areaCode(), rows);
    };
  }


}
