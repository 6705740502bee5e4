package org.kaohe.round;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.spin.Spin.JSON;
import static org.kaohe.round.AnnualAssessmentProcess.APPROVE_NOTICE;
import static org.kaohe.round.AnnualAssessmentProcess.DRAFT_NOTICE;
import static org.kaohe.round.AnnualAssessmentProcess.FOLLOW_UP_ACTION;
import static org.kaohe.round.AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS;
import static org.kaohe.round.AnnualAssessmentProcess.KEY;
import static org.kaohe.round.AnnualAssessmentProcess.LATE_UNITS;
import static org.kaohe.round.AnnualAssessmentProcess.LATE_UNIT_COUNT;
import static org.kaohe.round.AnnualAssessmentProcess.LIST_LATE_UNITS;
import static org.kaohe.round.AnnualAssessmentProcess.NOTICE;
import static org.kaohe.round.AnnualAssessmentProcess.NOTICE_APPROVED;
import static org.kaohe.round.AnnualAssessmentProcess.NOTICE_COMMENT;
import static org.kaohe.round.AnnualAssessmentProcess.OFFICE_LEADERS_GROUP;
import static org.kaohe.round.AnnualAssessmentProcess.PREPARE_NOTICE;
import static org.kaohe.round.AnnualAssessmentProcess.PUBLISH_ROUND;
import static org.kaohe.round.AnnualAssessmentProcess.START;
import static org.kaohe.round.AnnualAssessmentProcess.SUBMISSION_CLOSED;
import static org.kaohe.round.AnnualAssessmentProcess.SUBMISSION_DEADLINE;
import static org.kaohe.round.AnnualAssessmentProcess.SUBMISSION_DEADLINE_AT;
import static org.kaohe.round.AnnualAssessmentProcess.TITLE;
import static org.kaohe.round.AnnualAssessmentProcess.URGE_MESSAGE;
import static org.kaohe.round.AnnualAssessmentProcess.URGE_UNITS;
import static org.kaohe.round.AnnualAssessmentProcess.URGE_UNITS_VARIABLE;
import static org.kaohe.round.AnnualAssessmentProcess.YEAR;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine test of {@code processes/annual-assessment.bpmn}: every path of the round, with stand-ins for the
 * Spring beans that the model calls. The stand-ins only set the variables the real beans set, and record
 * their calls; what is tested is the model.
 */
@Deployment(resources = "processes/annual-assessment.bpmn")
class AnnualAssessmentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("engine-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9)
      .build();

  /** 23:59:59 Asia/Shanghai of the deadline day, as publishRound computes it. */
  private static final Date DEADLINE =
      Date.from(ZonedDateTime.of(2017, 12, 15, 23, 59, 59, 0, ZoneId.of("Asia/Shanghai")).toInstant());

  private final List<String> calls = new ArrayList<>();
  /** What listLateUnits finds on each call, in order. */
  private final Deque<List<String>> lateUnitsByCall = new ArrayDeque<>();
  /** The unit codes each urge call received. */
  private final List<List<String>> urged = new ArrayList<>();

  @BeforeEach
  void registerBeanStandIns() {
    Mocks.register("prepareNotice", (JavaDelegate) execution -> {
      calls.add("prepareNotice");
      execution.setVariable(NOTICE, JSON("{\"year\":" + execution.getVariable(YEAR)
          + ",\"title\":\"" + execution.getVariable(TITLE) + "\",\"deadline\":\"2017-12-15\",\"limits\":{}}"));
      execution.setVariable(OFFICE_LEADERS_GROUP, "unit-office-leaders");
    });
    Mocks.register("publishRound", (JavaDelegate) execution -> {
      calls.add("publishRound");
      execution.setVariable(SUBMISSION_DEADLINE_AT, DEADLINE);
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

  @Test
  void approvedNoticeIsPublishedAndWithoutLateUnitsTheRoundEnds() {
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

    assertThat(round).hasPassed(PUBLISH_ROUND).isWaitingAt(SUBMISSION_DEADLINE)
        .variables().containsEntry(SUBMISSION_DEADLINE_AT, DEADLINE);
    assertThat(job()).hasDueDate(DEADLINE).hasActivityId(SUBMISSION_DEADLINE);

    lateUnitsByCall.add(List.of());
    execute(job());

    assertThat(round).hasPassed(LIST_LATE_UNITS, "Gateway_AnyLateUnits", SUBMISSION_CLOSED)
        .hasNotPassed(FOLLOW_UP_LATE_UNITS).isEnded()
        .variables().containsEntry(LATE_UNIT_COUNT, 0);
    Assertions.assertThat(calls).containsExactly("prepareNotice", "publishRound", "listLateUnits");
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
    Assertions.assertThat(calls).containsExactly("prepareNotice", "publishRound");
    Assertions.assertThat(notice(round).prop("title").stringValue()).isEqualTo("修改稿");
  }

  @Test
  void lateUnitsAreUrgedListedAgainAndTheOfficeClosesTheSubmission() {
    ProcessInstance round = publishedRound();
    lateUnitsByCall.add(List.of("guangzhou", "shenzhen"));
    lateUnitsByCall.add(List.of("shenzhen"));

    execute(job());

    assertThat(round).isWaitingAt(FOLLOW_UP_LATE_UNITS).variables().containsEntry(LATE_UNIT_COUNT, 2);
    Assertions.assertThat(lateUnits(round)).containsExactly("guangzhou", "shenzhen");
    assertThat(task()).hasName("督促逾期单位").hasCandidateGroup("office")
        .hasFormKey("embedded:deployment:follow-up-late-units.html");

    // The form's variable urgeUnits must not shadow the delegate: the model calls ${urgeLateUnits}.
    complete(task(), withVariables(FOLLOW_UP_ACTION, "urge", URGE_UNITS_VARIABLE, JSON("[\"guangzhou\",\"shenzhen\"]"),
        URGE_MESSAGE, "请于12月20日前报送"));

    assertThat(round).hasPassed(URGE_UNITS).isWaitingAt(FOLLOW_UP_LATE_UNITS)
        .variables().containsEntry(LATE_UNIT_COUNT, 1);
    Assertions.assertThat(urged).containsExactly(List.of("guangzhou", "shenzhen"));
    Assertions.assertThat(lateUnits(round)).containsExactly("shenzhen");

    complete(task(), withVariables(FOLLOW_UP_ACTION, "close"));

    assertThat(round).isEnded().hasPassed(SUBMISSION_CLOSED);
    Assertions.assertThat(calls)
        .containsExactly("prepareNotice", "publishRound", "listLateUnits", "urgeLateUnits", "listLateUnits");
  }

  @Test
  void afterUrgingTheRoundEndsOnceNoUnitIsLate() {
    ProcessInstance round = publishedRound();
    lateUnitsByCall.add(List.of("hohhot"));
    lateUnitsByCall.add(List.of());
    execute(job());
    assertThat(round).isWaitingAt(FOLLOW_UP_LATE_UNITS);

    complete(task(), withVariables(FOLLOW_UP_ACTION, "urge", URGE_UNITS_VARIABLE, JSON("[\"hohhot\"]"),
        URGE_MESSAGE, "请尽快报送"));

    assertThat(round).isEnded().hasPassed(URGE_UNITS, SUBMISSION_CLOSED);
    Assertions.assertThat(urged).containsExactly(List.of("hohhot"));
    Assertions.assertThat(calls).containsExactly("prepareNotice", "publishRound", "listLateUnits",
        "urgeLateUnits", "listLateUnits");
  }

  private ProcessInstance startRound() {
    ProcessInstance round = runtimeService().startProcessInstanceByKey(KEY, "2017",
        Map.of(YEAR, 2017L, TITLE, "2017年度全省共青团工作考核"));
    assertThat(round).isStarted(); // task() and job() refer to the last instance asserted on
    return round;
  }

  /** A round whose notice was approved and published; it waits for the submission deadline. */
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

  private static SpinJsonNode notice(ProcessInstance round) {
    return (SpinJsonNode) runtimeService().getVariable(round.getId(), NOTICE);
  }

  private static List<String> lateUnits(ProcessInstance round) {
    SpinJsonNode list = (SpinJsonNode) runtimeService().getVariable(round.getId(), LATE_UNITS);
    return list.elements().stream().map(unit -> unit.prop("code").stringValue()).toList();
  }
}
