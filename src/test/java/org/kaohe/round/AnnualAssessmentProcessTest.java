package org.kaohe.round;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;
import static org.kaohe.round.AnnualAssessmentProcess.*;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/annual-assessment.bpmn}: every path of the round, with stand-ins for the
 * Spring beans that the model calls. The stand-ins only set the variables the real beans set, and record
 * their calls; what is tested is the model. The called {@code area-review} is a one-task stand-in
 * ({@code stubs/area-review-stub.bpmn}); the real model has its own test.
 */
@Deployment(resources = {"processes/annual-assessment.bpmn", "stubs/area-review-stub.bpmn"})
class AnnualAssessmentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** 23:59:59 Asia/Shanghai of the deadline day, as publishRound computes it. */
  private static final Date DEADLINE = beijing(2017, 12, 15, 23, 59, 59);
  private static final Date REVIEW_DUE = beijing(2018, 1, 10, 23, 59, 0);
  private static final Date PARTY_EVALUATION_DUE = beijing(2018, 1, 5, 23, 59, 0);
  private static final Date BONUS_DEADLINE = beijing(2017, 12, 20, 23, 59, 0);
  private static final Date YOUTH_SURVEY_DUE = beijing(2018, 1, 8, 23, 59, 0);
  private static final Date ORAL_REPORT_DUE = beijing(2018, 1, 12, 23, 59, 0);
  private static final List<String> AREAS = List.of("thought-guidance", "organisation", "youth-service");

  private final List<String> calls = new ArrayList<>();
  /** What listLateUnits finds on each call, in order. */
  private final Deque<List<String>> lateUnitsByCall = new ArrayDeque<>();
  /** The unit codes each urge call received. */
  private final List<List<String>> urged = new ArrayList<>();
  /** What aggregateResults finds missing on each call, in order (empty: complete). */
  private final Deque<Integer> missingByCall = new ArrayDeque<>();

  /** The bean catalogueAreas: the multi-instance collection comes from a method, not from a stored list. */
  public static class CatalogueAreasStandIn {
    public List<String> codes(DelegateExecution execution) {
      return AREAS;
    }
  }

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("prepareNotice", (JavaDelegate) execution -> {
      calls.add("prepareNotice");
      execution.setVariable(NOTICE, JSON("{\"year\":" + execution.getVariable(YEAR)
          + ",\"title\":\"" + execution.getVariable(TITLE) + "\",\"deadline\":\"2017-12-15\",\"limits\":{}}"));
      execution.setVariable(OFFICE_LEADERS_GROUP, "unit-office-leaders");
    });
    // The approval tasks' return-comment listener (org.kaohe.operation); what it writes is tested in OperationsIT.
    Mocks.register("returnComment", (TaskListener) task -> { });
    Mocks.register("noticeValidator", (TaskListener) task -> {
      if (refuseNotice) {
        throw new org.camunda.bpm.engine.BadUserRequestException("assessmentDeadlines.review 格式不正确");
      }
    });
    Mocks.register("publishRound", (JavaDelegate) execution -> {
      calls.add("publishRound");
      execution.setVariable(SUBMISSION_DEADLINE_AT, DEADLINE);
      execution.setVariable(REVIEW_DUE_DATE, REVIEW_DUE);
      execution.setVariable(PARTY_EVALUATION_DUE_DATE, PARTY_EVALUATION_DUE);
      execution.setVariable(BONUS_APPLICATION_DEADLINE_AT, BONUS_DEADLINE);
      execution.setVariable(YOUTH_SURVEY_DUE_DATE, YOUTH_SURVEY_DUE);
      execution.setVariable(ORAL_REPORT_DUE_DATE, ORAL_REPORT_DUE);
      execution.setVariable(PARTY_EVALUATION_GROUP, "unit-party-liaison");
      execution.setVariable(AnnualAssessmentProcess.ROUND_NAME, "2017年度考核");
    });
    Mocks.register("listLateUnits", (JavaDelegate) execution -> {
      calls.add("listLateUnits");
      List<String> codes = lateUnitsByCall.removeFirst();
      SpinJsonNode list = JSON("[]");
      for (String code : codes) {
        list.append(JSON("{\"code\":\"" + code + "\",\"name\":\"共青团" + code + "市委\",\"status\":\"open\"}"));
      }
      execution.setVariable(LATE_UNITS, list);
      execution.setVariable(LATE_UNIT_COUNT, codes.size());
    });
    // The model calls ${urgeLateUnits}; see the comment in the model and the test below.
    Mocks.register("urgeLateUnits", (JavaDelegate) execution -> {
      calls.add("urgeLateUnits");
      SpinJsonNode codes = (SpinJsonNode) execution.getVariable(URGE_UNITS_VARIABLE);
      urged.add(codes.elements().stream().map(SpinJsonNode::stringValue).toList());
    });
    Mocks.register(CATALOGUE_AREAS_BEAN, new CatalogueAreasStandIn());

    Mocks.register("preparePartyEvaluations", (JavaDelegate) execution -> {
      calls.add("preparePartyEvaluations");
      if (execution.getVariable(PARTY_EVALUATIONS) == null) {
        execution.setVariable(PARTY_EVALUATIONS, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
            + "\"grade\":\"\",\"score\":null,\"text\":\"\"}]}"));
      }
    });
    Mocks.register("partyEvaluationValidator", (TaskListener) task -> calls.add("partyEvaluationValidator"));
    Mocks.register("listMissingPartyEvaluations", (JavaDelegate) execution -> {
      calls.add("listMissingPartyEvaluations");
      execution.setVariable(MISSING_PARTY_EVALUATIONS, JSON("[{\"code\":\"guangzhou\",\"name\":\"共青团广州市委\"}]"));
      execution.setVariable(MISSING_PARTY_EVALUATION_COUNT, 1);
    });
    Mocks.register("recordPartyEvaluations", (JavaDelegate) execution -> calls.add("recordPartyEvaluations"));

    Mocks.register("prepareYouthSurvey", (JavaDelegate) execution -> {
      calls.add("prepareYouthSurvey");
      execution.setVariable(YOUTH_SURVEY_TEMPLATE, Variables.fileValue("青年评议.xlsx")
          .file(new byte[] {1, 2, 3}).mimeType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").create());
      execution.setVariable(YOUTH_SURVEY, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
          + "\"sampleSize\":null,\"awareness\":null,\"satisfaction\":null}]}"));
    });
    Mocks.register("youthSurveyValidator", (TaskListener) task ->
        calls.add("youthSurveyValidator:" + task.getVariable(YOUTH_SURVEY_ACTION)));
    Mocks.register("importYouthSurvey", (JavaDelegate) execution -> {
      calls.add("importYouthSurvey");
      execution.setVariable(YOUTH_SURVEY, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
          + "\"sampleSize\":200,\"awareness\":91.5,\"satisfaction\":88}]}"));
      execution.setVariable(YOUTH_SURVEY_IMPORT_ERRORS, JSON("[]"));
      execution.setVariable(YOUTH_SURVEY_SOURCE, "imported");
    });
    Mocks.register("recordYouthSurvey", (JavaDelegate) execution -> calls.add("recordYouthSurvey"));

    Mocks.register("prepareBonusDecisions", (TaskListener) task -> {
      calls.add("prepareBonusDecisions");
      task.setVariable(BONUS_APPLICATIONS, JSON("[{\"applicationId\":\"1\",\"unitCode\":\"guangzhou\",\"kind\":\"award\"}]"));
    });
    Mocks.register("bonusDecisionValidator", (TaskListener) this::validateBonusDecisions);
    Mocks.register("recordBonusDecisions", (JavaDelegate) execution -> calls.add("recordBonusDecisions"));

    Mocks.register("prepareOralReports", (JavaDelegate) execution -> {
      calls.add("prepareOralReports");
      execution.setVariable(ORAL_REPORTS, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
          + "\"score\":null,\"remarks\":\"\"}]}"));
    });
    Mocks.register("oralReportValidator", (TaskListener) task -> calls.add("oralReportValidator"));
    Mocks.register("recordOralReports", (JavaDelegate) execution -> calls.add("recordOralReports"));

    Mocks.register("closeSubmissions", (JavaDelegate) execution -> calls.add("closeSubmissions"));
    Mocks.register("aggregateResults", (JavaDelegate) execution -> {
      calls.add("aggregateResults");
      int missing = missingByCall.isEmpty() ? 0 : missingByCall.removeFirst();
      SpinJsonNode list = JSON("[]");
      for (int i = 0; i < missing; i++) {
        list.append(JSON("{\"unitCode\":\"u" + i + "\",\"unitName\":\"单位" + i + "\",\"component\":\"youthSurvey\","
            + "\"componentName\":\"青年评议\"}"));
      }
      execution.setVariable(RESULTS, JSON("{\"rows\":[]}"));
      execution.setVariable(MISSING_COMPONENTS, list);
      execution.setVariable(MISSING_COMPONENT_COUNT, missing);
    });
    Mocks.register("componentEntryValidator", (TaskListener) task -> calls.add("componentEntryValidator"));
    Mocks.register("recordComponentEntries", (JavaDelegate) execution -> calls.add("recordComponentEntries"));
    Mocks.register("resultAdjustmentValidator", (TaskListener) task -> calls.add("resultAdjustmentValidator"));
    Mocks.register("applyResultAdjustments", (JavaDelegate) execution -> {
      calls.add("applyResultAdjustments");
      execution.setVariable(RESULT_ADJUSTMENTS, JSON("[]"));
    });
    Mocks.register("generateFeedback", (JavaDelegate) execution -> {
      calls.add("generateFeedback");
      execution.setVariable(DISPATCH, JSON("{\"units\":[{\"unitCode\":\"guangzhou\",\"unitName\":\"共青团广州市委\","
          + "\"letterVariable\":\"feedbackLetter_guangzhou\",\"mailedTo\":null,\"dispatched\":false,\"method\":\"\","
          + "\"remarks\":\"\"}]}"));
    });
    Mocks.register("dispatchValidator", (TaskListener) task -> calls.add("dispatchValidator"));
    Mocks.register("recordDispatch", (JavaDelegate) execution -> calls.add("recordDispatch"));
  }

  /** Stand-in of the validator: refuses to grant a project without points, as the real one refuses bad decisions. */
  private void validateBonusDecisions(DelegateTask task) {
    calls.add("bonusDecisionValidator");
    SpinJsonNode decisions = (SpinJsonNode) task.getVariable(BONUS_DECISIONS);
    if (decisions == null || !decisions.hasProp("decisions")) {
      throw new ProcessEngineException("请对每个申报项目作出决定");
    }
  }

  @AfterEach
  void resetBeanStandIns() {
    Mocks.reset();
  }

  @Test
  void theOfficeStartsARoundWithTheStartForm() {
    ProcessDefinition definition = repositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY)
        .singleResult();

    Assertions.assertThat(definition.getName()).isEqualTo("年度考核");
    Assertions.assertThat(formService().getStartFormKey(definition.getId()))
        .isEqualTo("embedded:deployment:start-round.html");
    Assertions.assertThat(repositoryService().getIdentityLinksForProcessDefinition(definition.getId()))
        .extracting(link -> link.getGroupId() + "/" + link.getType())
        .containsExactly("office/candidate");
    assertThat(startRound()).isWaitingAt(DRAFT_NOTICE);
  }

  /** Set by a test to make the stand-in of the notice's complete listener refuse. */
  private boolean refuseNotice;

  @Test
  void aNoticeTheValidatorRefusesStaysWithTheOffice() {
    ProcessInstance round = startRound();
    String draft = task(DRAFT_NOTICE).getId();
    refuseNotice = true;
    Assertions.assertThatThrownBy(() -> complete(task(DRAFT_NOTICE)))
        .hasMessageContaining("assessmentDeadlines.review 格式不正确");
    assertThat(round).isWaitingAt(DRAFT_NOTICE);
    assertThat(task(DRAFT_NOTICE)).hasId(draft);
    refuseNotice = false;
    complete(task(DRAFT_NOTICE));
    assertThat(round).isWaitingAt(APPROVE_NOTICE);
  }

  @Test
  void approvedNoticeIsPublishedAndWithoutLateUnitsTheSubmissionBranchIsDone() {
    ProcessInstance round = startRound();

    assertThat(round).hasPassed(START, PREPARE_NOTICE).isWaitingAt(DRAFT_NOTICE);
    Assertions.assertThat(calls).containsExactly("prepareNotice");
    Assertions.assertThat(notice(round).prop("title").stringValue()).isEqualTo("2017年度全省共青团工作考核");
    assertThat(task()).hasName("起草通知").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:draft-notice.html");

    complete(task(), withVariables(NOTICE, JSON("{\"title\":\"2017年度全省共青团工作考核\",\"deadline\":\"2017-12-15\"}")));

    assertThat(round).isWaitingAt(APPROVE_NOTICE);
    assertThat(task()).hasName("审核通知").hasCandidateGroup("unit-office-leaders")
        .hasFormKey("embedded:deployment:approve-notice.html");

    complete(task(), withVariables(NOTICE_APPROVED, true, NOTICE_COMMENT, ""));

    // Publishing is asynchronous: the approval commits before the unit instances are started.
    assertThat(round).isWaitingAt(PUBLISH_ROUND);
    Assertions.assertThat(calls).doesNotContain("publishRound");
    execute(job());

    assertThat(round).hasPassed(PUBLISH_ROUND, ASSESSMENT_FORK).isWaitingAt(SUBMISSION_DEADLINE)
        .variables().containsEntry(SUBMISSION_DEADLINE_AT, DEADLINE);
    assertThat(job(SUBMISSION_DEADLINE)).hasDueDate(DEADLINE);

    lateUnitsByCall.add(List.of());
    execute(job(SUBMISSION_DEADLINE));

    // The submission branch is done; the round waits for the other five.
    assertThat(round).hasPassed(LIST_LATE_UNITS, "Gateway_AnyLateUnits", SUBMISSION_CLOSED_JOIN)
        .hasNotPassed(FOLLOW_UP_LATE_UNITS, ASSESSMENT_JOIN, CLOSE_SUBMISSIONS).isNotEnded()
        .variables().containsEntry(LATE_UNIT_COUNT, 0);
    Assertions.assertThat(calls).startsWith("prepareNotice", "publishRound").contains("listLateUnits")
        .doesNotContain("closeSubmissions");
  }

  @Test
  void aReturnedNoticeGoesBackToTheOfficeWithTheCommentAndIsApprovedLater() {
    ProcessInstance round = startRound();
    complete(task(), withVariables(NOTICE, JSON("{\"title\":\"初稿\"}")));
    assertThat(round).isWaitingAt(APPROVE_NOTICE);

    complete(task(), withVariables(NOTICE_APPROVED, false, NOTICE_COMMENT, "请补充报送时限"));

    assertThat(round).isWaitingAt(DRAFT_NOTICE).hasNotPassed(PUBLISH_ROUND)
        .variables().containsEntry(NOTICE_COMMENT, "请补充报送时限");
    Assertions.assertThat(notice(round).prop("title").stringValue()).isEqualTo("初稿");
    assertThat(task()).hasCandidateGroup("office");

    complete(task(), withVariables(NOTICE, JSON("{\"title\":\"修改稿\",\"deadline\":\"2017-12-15\"}")));
    assertThat(round).isWaitingAt(APPROVE_NOTICE);
    complete(task(), withVariables(NOTICE_APPROVED, true, NOTICE_COMMENT, "同意"));

    assertThat(round).isWaitingAt(PUBLISH_ROUND);
    execute(job());
    assertThat(round).isWaitingAt(SUBMISSION_DEADLINE);
    Assertions.assertThat(calls).startsWith("prepareNotice", "publishRound");
    Assertions.assertThat(notice(round).prop("title").stringValue()).isEqualTo("修改稿");
  }

  @Test
  void lateUnitsAreUrgedListedAgainAndTheOfficeClosesTheSubmission() {
    ProcessInstance round = publishedRound();
    lateUnitsByCall.add(List.of("guangzhou", "shenzhen"));
    lateUnitsByCall.add(List.of("shenzhen"));

    execute(job(SUBMISSION_DEADLINE));

    assertThat(round).isWaitingAt(FOLLOW_UP_LATE_UNITS).variables().containsEntry(LATE_UNIT_COUNT, 2);
    Assertions.assertThat(lateUnits(round)).containsExactly("guangzhou", "shenzhen");
    assertThat(task(FOLLOW_UP_LATE_UNITS)).hasName("督促逾期单位").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:follow-up-late-units.html");

    // The form's variable urgeUnits must not shadow the delegate: the model calls ${urgeLateUnits}.
    complete(task(FOLLOW_UP_LATE_UNITS), withVariables(FOLLOW_UP_ACTION, "urge",
        URGE_UNITS_VARIABLE, JSON("[\"guangzhou\",\"shenzhen\"]"), URGE_MESSAGE, "请于12月20日前报送"));

    assertThat(round).hasPassed(URGE_UNITS).isWaitingAt(FOLLOW_UP_LATE_UNITS)
        .variables().containsEntry(LATE_UNIT_COUNT, 1);
    Assertions.assertThat(urged).containsExactly(List.of("guangzhou", "shenzhen"));
    Assertions.assertThat(lateUnits(round)).containsExactly("shenzhen");

    complete(task(FOLLOW_UP_LATE_UNITS), withVariables(FOLLOW_UP_ACTION, "close"));

    assertThat(round).hasPassed(SUBMISSION_CLOSED_JOIN).isNotEnded().isNotWaitingAt(FOLLOW_UP_LATE_UNITS);
    Assertions.assertThat(branchCalls())
        .containsExactly("listLateUnits", "urgeLateUnits", "listLateUnits");
  }

  @Test
  void afterUrgingTheSubmissionBranchIsDoneOnceNoUnitIsLate() {
    ProcessInstance round = publishedRound();
    lateUnitsByCall.add(List.of("hohhot"));
    lateUnitsByCall.add(List.of());
    execute(job(SUBMISSION_DEADLINE));
    assertThat(round).isWaitingAt(FOLLOW_UP_LATE_UNITS);

    complete(task(FOLLOW_UP_LATE_UNITS), withVariables(FOLLOW_UP_ACTION, "urge",
        URGE_UNITS_VARIABLE, JSON("[\"hohhot\"]"), URGE_MESSAGE, "请尽快报送"));

    assertThat(round).hasPassed(URGE_UNITS, SUBMISSION_CLOSED_JOIN).isNotWaitingAt(FOLLOW_UP_LATE_UNITS);
    Assertions.assertThat(urged).containsExactly(List.of("hohhot"));
    Assertions.assertThat(branchCalls()).containsExactly("listLateUnits", "urgeLateUnits", "listLateUnits");
  }

  @Test
  void publishingStartsSixBranchesWithTheirGroupsDueDatesAndForms() {
    ProcessInstance round = publishedRound();

    assertThat(round).hasPassed(ASSESSMENT_FORK, PREPARE_PARTY_EVALUATIONS, PREPARE_YOUTH_SURVEY, PREPARE_ORAL_REPORTS)
        .isWaitingAt(SUBMISSION_DEADLINE, REVIEW_AREAS, RECORD_PARTY_EVALUATIONS_TASK, RECORD_YOUTH_SURVEY_TASK,
            BONUS_APPLICATION_DEADLINE, RECORD_ORAL_REPORTS_TASK);
    Assertions.assertThat(calls).containsExactlyInAnyOrder("prepareNotice", "publishRound",
        "preparePartyEvaluations", "prepareYouthSurvey", "prepareOralReports");

    assertThat(task(RECORD_PARTY_EVALUATIONS_TASK)).hasName("录入党委评价").hasCandidateGroup("unit-party-liaison")
        .hasDueDate(PARTY_EVALUATION_DUE).hasFormKey("embedded:deployment:record-party-evaluations.html");
    assertThat(task(RECORD_YOUTH_SURVEY_TASK)).hasName("录入青年评议结果").hasCandidateGroup("office")
        .hasDueDate(YOUTH_SURVEY_DUE).hasFormKey("embedded:deployment:record-youth-survey.html");
    assertThat(task(RECORD_ORAL_REPORTS_TASK)).hasName("录入述职评议得分").hasCandidateGroup("office")
        .hasDueDate(ORAL_REPORT_DUE).hasFormKey("embedded:deployment:record-oral-reports.html");
    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).count()).isEqualTo(3);
    // The bonus decisions wait for the units' application deadline.
    Assertions.assertThat(timers(round)).containsOnly(Map.entry(SUBMISSION_DEADLINE, DEADLINE),
        Map.entry(PARTY_EVALUATION_DEADLINE, PARTY_EVALUATION_DUE), Map.entry(BONUS_APPLICATION_DEADLINE, BONUS_DEADLINE));
    Assertions.assertThat(runtimeService().getVariable(round.getId(), PARTY_EVALUATIONS)).isNotNull();
    Assertions.assertThat(runtimeService().getVariable(round.getId(), YOUTH_SURVEY_TEMPLATE)).isNotNull();
  }

  @Test
  void theCallActivityStartsOneAreaReviewPerCatalogueAreaWithItsInputs() {
    ProcessInstance round = publishedRound();

    List<ProcessInstance> reviews = areaReviews(round);

    Assertions.assertThat(reviews).extracting(ProcessInstance::getBusinessKey).containsExactlyInAnyOrder(
        round.getId() + ":thought-guidance", round.getId() + ":organisation", round.getId() + ":youth-service");
    for (ProcessInstance review : reviews) {
      Map<String, Object> variables = runtimeService().getVariables(review.getId());
      Assertions.assertThat(variables).containsEntry("roundId", round.getId()).containsEntry(REVIEW_DUE_DATE, REVIEW_DUE)
          .containsEntry(YEAR, 2017L).containsEntry(AREA_CODE, review.getBusinessKey().substring(round.getId().length() + 1))
          .containsEntry(AnnualAssessmentProcess.ROUND_NAME, "2017年度考核")
          .containsOnlyKeys("roundId", AREA_CODE, REVIEW_DUE_DATE, YEAR, AnnualAssessmentProcess.ROUND_NAME);
    }
    // No Java list is stored in the round: the collection comes from the bean.
    Assertions.assertThat(runtimeService().getVariables(round.getId())).doesNotContainKey("catalogueAreaCodes");

    completeAreaReviews(round, 2);
    assertThat(round).isWaitingAt(REVIEW_AREAS);
    completeAreaReviews(round, 1);
    assertThat(round).hasPassed(REVIEW_AREAS).isNotWaitingAt(REVIEW_AREAS);
  }

  @Test
  void theRoundWaitsForAllSixBranchesThenClosesTheSubmissionsAndAggregates() {
    ProcessInstance round = publishedRound();

    finishSubmissionBranch();
    completeAreaReviews(round, AREAS.size());
    recordPartyEvaluations();
    finishYouthSurvey();
    decideBonuses();
    assertThat(round).hasNotPassed(ASSESSMENT_JOIN, CLOSE_SUBMISSIONS);
    Assertions.assertThat(calls).doesNotContain("closeSubmissions");

    recordOralReports();
    assertThat(round).hasNotPassed(ASSESSMENT_JOIN);
    Assertions.assertThat(calls).doesNotContain("closeSubmissions");
    arriveAtTheJoin();

    assertThat(round).hasPassed(ASSESSMENT_JOIN, CLOSE_SUBMISSIONS, AGGREGATE_RESULTS, RESULTS_COMPLETE)
        .hasNotPassed(RESOLVE_MISSING_COMPONENTS).isWaitingAt(SUBMIT_RESULTS);
    Assertions.assertThat(calls).endsWith("recordOralReports", "closeSubmissions", "aggregateResults");
    assertThat(task(SUBMIT_RESULTS)).hasName("提交考核结果").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:submit-results.html");
    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).count()).isEqualTo(1);
  }

  @Test
  void afterThePartyEvaluationDeadlineTheOfficeFollowsUpWhileTheDepartmentCanStillRecord() {
    ProcessInstance round = publishedRound();
    String recordTaskId = task(RECORD_PARTY_EVALUATIONS_TASK).getId();

    execute(job(PARTY_EVALUATION_DEADLINE));

    assertThat(round).hasPassed(LIST_MISSING_PARTY_EVALUATIONS)
        .isWaitingAt(RECORD_PARTY_EVALUATIONS_TASK, FOLLOW_UP_PARTY_EVALUATIONS)
        .variables().containsEntry(MISSING_PARTY_EVALUATION_COUNT, 1);
    assertThat(task(RECORD_PARTY_EVALUATIONS_TASK)).hasId(recordTaskId);
    assertThat(task(FOLLOW_UP_PARTY_EVALUATIONS)).hasName("跟进未反馈的党委评价").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:follow-up-party-evaluations.html");

    complete(task(FOLLOW_UP_PARTY_EVALUATIONS));
    assertThat(round).hasPassed(PARTY_EVALUATIONS_FOLLOWED_UP).isWaitingAt(RECORD_PARTY_EVALUATIONS_TASK);

    recordPartyEvaluations();
    assertThat(round).hasPassed(RECORD_PARTY_EVALUATIONS).isNotWaitingAt(RECORD_PARTY_EVALUATIONS_TASK);
    Assertions.assertThat(branchCalls()).containsSubsequence("listMissingPartyEvaluations",
        "partyEvaluationValidator", "recordPartyEvaluations");
    // The deadline fires once.
    Assertions.assertThat(timers(round)).doesNotContainKey(PARTY_EVALUATION_DEADLINE);
  }

  @Test
  void recordedInTimeThePartyEvaluationNeedsNoFollowUp() {
    ProcessInstance round = publishedRound();

    recordPartyEvaluations();

    assertThat(round).hasPassed(RECORD_PARTY_EVALUATIONS).hasNotPassed(LIST_MISSING_PARTY_EVALUATIONS);
    // Completing the task removes its deadline.
    Assertions.assertThat(timers(round)).doesNotContainKey(PARTY_EVALUATION_DEADLINE);
  }

  @Test
  void anImportedYouthSurveyComesBackToTheOfficeUntilItFinishes() {
    ProcessInstance round = publishedRound();
    String firstTaskId = task(RECORD_YOUTH_SURVEY_TASK).getId();

    complete(task(RECORD_YOUTH_SURVEY_TASK), withVariables(YOUTH_SURVEY_ACTION, "import",
        YOUTH_SURVEY_WORKBOOK, Variables.fileValue("青年评议.xlsx").file(new byte[] {4, 5}).create()));

    assertThat(round).hasPassed(IMPORT_YOUTH_SURVEY).hasNotPassed(RECORD_YOUTH_SURVEY)
        .isWaitingAt(RECORD_YOUTH_SURVEY_TASK).variables().containsEntry(YOUTH_SURVEY_SOURCE, "imported");
    assertThat(task(RECORD_YOUTH_SURVEY_TASK)).hasCandidateGroup("office").hasDueDate(YOUTH_SURVEY_DUE);
    Assertions.assertThat(task(RECORD_YOUTH_SURVEY_TASK).getId()).isNotEqualTo(firstTaskId);

    complete(task(RECORD_YOUTH_SURVEY_TASK), withVariables(YOUTH_SURVEY_ACTION, "finish"));

    assertThat(round).hasPassed(RECORD_YOUTH_SURVEY).isNotWaitingAt(RECORD_YOUTH_SURVEY_TASK);
    Assertions.assertThat(branchCalls()).containsExactly("youthSurveyValidator:import", "importYouthSurvey",
        "youthSurveyValidator:finish", "recordYouthSurvey");
  }

  @Test
  void theOfficeDecidesTheBonusesOnlyAfterTheApplicationDeadline() {
    ProcessInstance round = publishedRound();
    Assertions.assertThat(taskQuery().taskDefinitionKey(DECIDE_BONUSES).count()).isZero();

    execute(job(BONUS_APPLICATION_DEADLINE));

    assertThat(round).isWaitingAt(DECIDE_BONUSES);
    assertThat(task(DECIDE_BONUSES)).hasName("审核加分项目").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:decide-bonuses.html");
    // The create listener prepared the applications for the form.
    Assertions.assertThat(runtimeService().getVariable(round.getId(), BONUS_APPLICATIONS)).isNotNull();

    Task decide = task(DECIDE_BONUSES);
    Assertions.assertThatThrownBy(() -> taskService().complete(decide.getId()))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请对每个申报项目作出决定");
    assertThat(round).isWaitingAt(DECIDE_BONUSES);

    complete(decide, withVariables(BONUS_DECISIONS,
        JSON("{\"decisions\":[{\"applicationId\":\"1\",\"decision\":\"granted\",\"points\":2,\"reason\":\"\"}]}")));

    assertThat(round).hasPassed(RECORD_BONUS_DECISIONS).isNotWaitingAt(DECIDE_BONUSES);
    Assertions.assertThat(branchCalls()).containsExactly("prepareBonusDecisions", "bonusDecisionValidator",
        "bonusDecisionValidator", "recordBonusDecisions");
  }

  @Test
  void missingComponentsAreEnteredByTheOfficeAndAggregatedAgain() {
    ProcessInstance round = publishedRound();
    missingByCall.add(2);
    missingByCall.add(0);
    finishAllBranches(round);

    assertThat(round).hasPassed(AGGREGATE_RESULTS).isWaitingAt(RESOLVE_MISSING_COMPONENTS)
        .variables().containsEntry(MISSING_COMPONENT_COUNT, 2);
    assertThat(task(RESOLVE_MISSING_COMPONENTS)).hasName("补录缺失分项").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:resolve-missing-components.html");

    complete(task(RESOLVE_MISSING_COMPONENTS), withVariables(COMPONENT_ENTRIES, JSON("[{\"unitCode\":\"u0\","
        + "\"component\":\"youthSurvey\",\"score\":80,\"reason\":\"未开展\"},{\"unitCode\":\"u1\","
        + "\"component\":\"youthSurvey\",\"score\":75,\"reason\":\"未开展\"}]")));

    assertThat(round).hasPassed(RECORD_COMPONENT_ENTRIES).isWaitingAt(SUBMIT_RESULTS)
        .variables().containsEntry(MISSING_COMPONENT_COUNT, 0);
    Assertions.assertThat(calls).endsWith("closeSubmissions", "aggregateResults", "componentEntryValidator",
        "recordComponentEntries", "aggregateResults");
  }

  @Test
  void theSecretariesReturnTheResultsThenApproveAndTheFeedbackIsGeneratedAsynchronouslyAndDispatched() {
    ProcessInstance round = publishedRound();
    finishAllBranches(round);
    assertThat(round).isWaitingAt(SUBMIT_RESULTS);

    complete(task(SUBMIT_RESULTS), withVariables(RESULT_ADJUSTMENTS,
        JSON("[{\"unitCode\":\"guangzhou\",\"field\":\"total\",\"value\":91,\"reason\":\"核实加分\"}]")));

    assertThat(round).hasPassed(APPLY_RESULT_ADJUSTMENTS).isWaitingAt(APPROVE_RESULTS);
    Assertions.assertThat(runtimeService().getVariable(round.getId(), RESULT_ADJUSTMENTS).toString()).isEqualTo("[]");
    assertThat(task(APPROVE_RESULTS)).hasName("书记会研究").hasCandidateGroup("secretaries")
        .hasFormKey("embedded:deployment:approve-results.html");

    complete(task(APPROVE_RESULTS), withVariables(RESULTS_APPROVED, false, RESULTS_COMMENT, "请复核广州得分"));

    assertThat(round).isWaitingAt(SUBMIT_RESULTS).hasNotPassed(GENERATE_FEEDBACK)
        .variables().containsEntry(RESULTS_COMMENT, "请复核广州得分");
    assertThat(task(SUBMIT_RESULTS)).hasCandidateGroup("office");

    complete(task(SUBMIT_RESULTS), withVariables(RESULT_ADJUSTMENTS, JSON("[]")));
    complete(task(APPROVE_RESULTS), withVariables(RESULTS_APPROVED, true, RESULTS_COMMENT, ""));

    // Generating the letters is asynchronous: the approval commits first.
    assertThat(round).isWaitingAt(GENERATE_FEEDBACK);
    Assertions.assertThat(calls).doesNotContain("generateFeedback");
    execute(job(GENERATE_FEEDBACK));

    assertThat(round).hasPassed(GENERATE_FEEDBACK).isWaitingAt(CONFIRM_DISPATCH);
    Assertions.assertThat(runtimeService().getVariable(round.getId(), DISPATCH)).isNotNull();
    assertThat(task(CONFIRM_DISPATCH)).hasName("确认反馈送达").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:confirm-dispatch.html");

    complete(task(CONFIRM_DISPATCH));

    assertThat(round).hasPassed(RECORD_DISPATCH, FEEDBACK_DELIVERED).isEnded();
    Assertions.assertThat(calls).endsWith("resultAdjustmentValidator", "applyResultAdjustments",
        "resultAdjustmentValidator", "applyResultAdjustments", "generateFeedback", "dispatchValidator",
        "recordDispatch");
  }

  private ProcessInstance startRound() {
    ProcessInstance round = runtimeService().startProcessInstanceByKey(KEY, "2017",
        Map.of(YEAR, 2017L, TITLE, "2017年度全省共青团工作考核"));
    assertThat(round).isStarted(); // task() and job() refer to the last instance asserted on
    return round;
  }

  /** A round whose notice was approved and published; its six branches run. */
  private ProcessInstance publishedRound() {
    ProcessInstance round = startRound();
    assertThat(round).isWaitingAt(DRAFT_NOTICE);
    complete(task());
    assertThat(round).isWaitingAt(APPROVE_NOTICE);
    complete(task(), withVariables(NOTICE_APPROVED, true, NOTICE_COMMENT, ""));
    execute(job());
    assertThat(round).isWaitingAt(SUBMISSION_DEADLINE);
    return round;
  }

  /** The calls after publishing, without the preparations of the branches. */
  private List<String> branchCalls() {
    return calls.stream().filter(call -> !List.of("prepareNotice", "publishRound", "preparePartyEvaluations",
        "prepareYouthSurvey", "prepareOralReports").contains(call)).toList();
  }

  private void finishAllBranches(ProcessInstance round) {
    finishSubmissionBranch();
    completeAreaReviews(round, AREAS.size());
    recordPartyEvaluations();
    finishYouthSurvey();
    decideBonuses();
    recordOralReports();
    arriveAtTheJoin();
    assertThat(round).hasPassed(ASSESSMENT_JOIN, CLOSE_SUBMISSIONS);
  }

  /**
   * The join is asynchronous: each branch arrives in a job of its own, so two branches finished at the same moment
   * conflict in jobs that retry, not in the users' completions, and aggregation never runs in a user's request.
   */
  private void arriveAtTheJoin() {
    List<org.camunda.bpm.engine.runtime.Job> arrivals = managementService().createJobQuery()
        .activityId(ASSESSMENT_JOIN).list();
    Assertions.assertThat(arrivals).as("one arrival per branch").hasSize(6);
    arrivals.forEach(job -> execute(job));
  }

  private void finishSubmissionBranch() {
    lateUnitsByCall.add(List.of());
    execute(job(SUBMISSION_DEADLINE));
  }

  private void recordPartyEvaluations() {
    complete(task(RECORD_PARTY_EVALUATIONS_TASK), withVariables(PARTY_EVALUATIONS, JSON("{\"units\":[{\"unitCode\":"
        + "\"guangzhou\",\"unitName\":\"共青团广州市委\",\"grade\":\"good\",\"score\":null,\"text\":\"\"}]}")));
  }

  private void finishYouthSurvey() {
    complete(task(RECORD_YOUTH_SURVEY_TASK), withVariables(YOUTH_SURVEY_ACTION, "finish"));
  }

  private void decideBonuses() {
    execute(job(BONUS_APPLICATION_DEADLINE));
    complete(task(DECIDE_BONUSES), withVariables(BONUS_DECISIONS, JSON("{\"decisions\":[]}")));
  }

  private void recordOralReports() {
    complete(task(RECORD_ORAL_REPORTS_TASK), withVariables(ORAL_REPORTS, JSON("{\"units\":[{\"unitCode\":"
        + "\"guangzhou\",\"unitName\":\"共青团广州市委\",\"score\":88,\"remarks\":\"\"}]}")));
  }

  private static List<ProcessInstance> areaReviews(ProcessInstance round) {
    return runtimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId()).list();
  }

  /** Completes the stand-in task of that many area reviews of the round. */
  private static void completeAreaReviews(ProcessInstance round, int count) {
    List<ProcessInstance> reviews = areaReviews(round);
    for (ProcessInstance review : reviews.subList(0, count)) {
      taskService().complete(taskService().createTaskQuery().processInstanceId(review.getId()).singleResult().getId());
    }
  }

  /** The instance's timer jobs: activity ID to due date. */
  private static Map<String, Date> timers(ProcessInstance round) {
    Map<String, Date> timers = new HashMap<>();
    for (Job timer : jobQuery().processInstanceId(round.getId()).timers().list()) {
      String activityId = managementService().createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
          .singleResult().getActivityId();
      timers.put(activityId, new Date(timer.getDuedate().getTime()));
    }
    return timers;
  }

  private static SpinJsonNode notice(ProcessInstance round) {
    return (SpinJsonNode) runtimeService().getVariable(round.getId(), NOTICE);
  }

  private static List<String> lateUnits(ProcessInstance round) {
    SpinJsonNode list = (SpinJsonNode) runtimeService().getVariable(round.getId(), LATE_UNITS);
    return list.elements().stream().map(unit -> unit.prop("code").stringValue()).toList();
  }

  private static Date beijing(int year, int month, int day, int hour, int minute, int second) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, second, 0, BEIJING).toInstant());
  }
}
