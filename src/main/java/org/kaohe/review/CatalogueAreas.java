package org.kaohe.review;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.kaohe.identity.Groups;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.Notice;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * The multi-instance collections of the assessment models: {@code ${catalogueAreas.codes(execution)}} (one
 * area review per catalogue area of the round) and {@code ${catalogueAreas.cooperatingGroups(execution)}} (one
 * opinion task per cooperating department of the area). They come from a bean so that no Java list is ever
 * stored as a variable. Public, with public methods: the expression language calls them by reflection.
 */
@Component("catalogueAreas")
public class CatalogueAreas {

  private final ReviewRound round;
  private final JsonVariables json;

  CatalogueAreas(ReviewRound round, JsonVariables json) {
    this.round = round;
    this.json = json;
  }

  /** The area codes of the round's published catalogue, in catalogue order. */
  public List<String> codes(DelegateExecution execution) {
    return notice(execution).catalogue().areas().stream().map(Organisation.Area::code).toList();
  }

  /** {@code unit-<code>} of each cooperating department of the execution's {@code areaCode}. */
  public List<String> cooperatingGroups(DelegateExecution execution) {
    String areaCode = (String) execution.getVariable(AreaReviewProcess.AREA_CODE);
    if (areaCode == null) {
      areaCode = ReviewRound.AreaKey.of(execution).areaCode();
    }
    return ReviewRound.area(notice(execution), areaCode).cooperatingDepartments().stream().map(Groups::unit).toList();
  }

  /**
   * In an area review, the notice as published (the round's record, read by {@code roundId}); in the round
   * itself, which has no {@code roundId} variable, its {@code notice} variable.
   */
  private Notice notice(DelegateExecution execution) {
    Object roundId = execution.getVariable(AreaReviewProcess.ROUND_ID);
    if (roundId instanceof String id) {
      return round.notice(id);
    }
    Notice notice = json.read(execution, AnnualAssessmentProcess.NOTICE, Notice.class);
    return notice != null ? notice : round.notice(execution.getProcessInstanceId());
  }
}
