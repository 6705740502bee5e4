package org.kaohe.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * One area's indicator evaluation in Tasklist (docs/assessment-phase.md, {@code area-review}): the lead
 * department (宣传部 for 青少年思想引领及青年人才工作) refreshes, drafts, returns a city's accepted package for
 * completion, cannot finish while it is returned, and finishes once it is submitted again; a cooperating
 * department gives its opinions; another department can neither see nor complete the lead's task.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AreaReviewIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String AREA = "thought-guidance";
  static final String LEAD = "publicity-staff";

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  Submissions submissions;
  @Autowired
  Reviews reviews;

  RoundDriver driver;

  @BeforeEach
  void driver() {
    driver = new RoundDriver(port, managementService);
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  @Test
  void theLeadDepartmentReturnsAPackageForCompletionAndFinishesOnceItIsSubmittedAgain() {
    // Next year's round: its assessment deadlines (the organisation's month-days) are all ahead.
    int year = LocalDate.now(ZONE).getYear() + 1;
    String roundId = driver.publish(year, LocalDate.now(ZONE).plusDays(30),
        Set.of("guangzhou", "shenzhen", "publicity")::contains);
    driver.executeDueJobs();
    String guangzhou = unitInstance(roundId, "guangzhou");
    String shenzhen = unitInstance(roundId, "shenzhen");
    JsonNode notice = submitAndAccept(guangzhou, "guangzhou", "广州市团委");
    submitAndAccept(shenzhen, "shenzhen", "深圳市团委");

    String review = runtimeService.createProcessInstanceQuery().processDefinitionKey(AreaReviewProcess.KEY)
        .processInstanceBusinessKey(AreaReviewProcess.businessKey(roundId, AREA)).singleResult().getId();
    String task = driver.onlyTask(LEAD, review, AreaReviewProcess.REVIEW_AREA);
    assertThat(driver.variableJson(LEAD, task, ReviewVariables.GRADES).findValuesAsText("code"))
        .containsExactly("good", "fairly-good", "average", "poor");
    assertThat(driver.variableJson(LEAD, task, AreaReviewProcess.REVIEW_UNITS).findValuesAsText("unitCode"))
        .as("assessed units only: the department submits a summary and is not reviewed")
        .containsExactly("guangzhou", "shenzhen");

    // Opened at publication, before the packages came in: refreshing shows them.
    driver.complete(LEAD, task, Map.of(AreaReviewProcess.REVIEW_ACTION, stringVariable(AreaReviewProcess.REFRESH)));
    task = driver.onlyTask(LEAD, review, AreaReviewProcess.REVIEW_AREA);
    JsonNode units = driver.variableJson(LEAD, task, AreaReviewProcess.REVIEW_UNITS);
    assertThat(units.findValuesAsText("status")).containsExactly("submitted", "submitted");
    assertThat(units.get(0).get("keyWorkStatus").asText()).isEqualTo("已完成青少年思想引领及青年人才工作");
    assertThat(units.get(0).get("late").asBoolean()).isFalse();
    assertThat(units.get(0).get("version").asInt()).isEqualTo(1);

    // A draft: partial, kept as typed.
    ObjectNode draft = areaReview(notice, false);
    WebClient lead = driver.as(LEAD);
    HttpResponse<String> saved = lead.postJson(ENGINE_API + "/task/" + task + "/variables",
        "{\"modifications\":{\"areaReview\":" + driver.jsonVariable(draft) + "}}", lead.csrf());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    assertThat(driver.variableJson(LEAD, task, AreaReviewProcess.AREA_REVIEW)).isEqualTo(draft);

    // A cooperating department gives its opinions.
    String opinionTask = driver.onlyTask("school-staff", review, AreaReviewProcess.GIVE_OPINIONS);
    ObjectNode opinions = (ObjectNode) driver.variableJson("school-staff", opinionTask, AreaReviewProcess.AREA_OPINIONS);
    ((ObjectNode) opinions.get("units").get(0)).put("opinion", "校园宣讲开展较好");
    driver.complete("school-staff", opinionTask, Map.of(AreaReviewProcess.AREA_OPINIONS, driver.jsonVariable(opinions)));
    assertThat(reviews.opinionsOfRound(roundId)).singleElement().satisfies(opinion -> {
      assertThat(opinion.department()).isEqualTo("school");
      assertThat(opinion.unitCode()).isEqualTo("guangzhou");
      assertThat(opinion.givenBy()).isEqualTo("school-staff");
    });

    // Another department neither sees nor completes the lead department's task.
    WebClient other = driver.as("rights-staff");
    HttpResponse<String> seen = other.get(ENGINE_API + "/task/" + task);
    assertThat(seen.statusCode()).isIn(403, 404);
    assertThat(seen.body()).doesNotContain("青少年思想引领");
    HttpResponse<String> completed = other.postJson(ENGINE_API + "/task/" + task + "/submit-form",
        "{\"variables\":{\"reviewAction\":" + stringVariable("finish") + "}}", other.csrf());
    assertThat(completed.statusCode()).isIn(403, 404);

    // Return guangzhou's accepted package for completion.
    ArrayNode returns = JsonNodeFactory.instance.arrayNode();
    returns.addObject().put("unitCode", "guangzhou").put("comment", "请补充主题团日活动的场次和参与人数");
    driver.complete(LEAD, task, Map.of(AreaReviewProcess.REVIEW_ACTION, stringVariable(AreaReviewProcess.RETURN),
        AreaReviewProcess.REVIEW_RETURNS, driver.jsonVariable(returns)));
    String reopened = driver.onlyTask("guangzhou-staff", guangzhou, UnitSubmissionProcess.SUBMIT_PACKAGE);
    assertThat(runtimeService.getVariable(guangzhou, UnitSubmissionProcess.RECEIPT_COMMENT))
        .isEqualTo("宣传部退回补充：请补充主题团日活动的场次和参与人数");
    assertThat(taskService.getTaskComments(reopened)).extracting(Comment::getFullMessage)
        .contains("宣传部退回补充：请补充主题团日活动的场次和参与人数");
    assertThat(submissions.latest(roundId, "guangzhou")).get()
        .satisfies(latest -> assertThat(latest.status()).isEqualTo("returned"));
    assertThat(taskService.createTaskQuery().processInstanceId(shenzhen)
        .taskDefinitionKey(UnitSubmissionProcess.SUBMIT_PACKAGE).count()).as("shenzhen untouched").isZero();

    // Finishing is refused while guangzhou's package is returned; the draft stays.
    task = driver.onlyTask(LEAD, review, AreaReviewProcess.REVIEW_AREA);
    assertThat(driver.variableJson(LEAD, task, AreaReviewProcess.REVIEW_UNITS).findValuesAsText("status"))
        .containsExactly("returned", "submitted");
    HttpResponse<String> refused = driver.submitForm(LEAD, task, Map.of(
        AreaReviewProcess.REVIEW_ACTION, stringVariable(AreaReviewProcess.FINISH),
        AreaReviewProcess.AREA_REVIEW, driver.jsonVariable(areaReview(notice, true))));
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(refused.body()).contains("指标评价未通过检查").contains("广州市团委的材料已退回补充");
    assertThat(reviews.ofRound(roundId)).isEmpty();

    // Guangzhou completes and submits again; the office receives it.
    driver.complete("guangzhou-staff", reopened, Map.of(UnitSubmissionProcess.PACKAGE,
        driver.jsonVariable(driver.validPackage(notice, "city", "广州市团委"))));
    driver.complete("guangzhou-leader", driver.onlyTask("guangzhou-leader", guangzhou, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_APPROVED, booleanVariable(true)));
    assertThat(submissions.latest(roundId, "guangzhou")).get()
        .satisfies(latest -> assertThat(latest.version()).isEqualTo(2));
    driver.complete("office-staff", driver.onlyTask("office-staff", guangzhou, UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_ACCEPTED, booleanVariable(true)));

    driver.complete(LEAD, task, Map.of(AreaReviewProcess.REVIEW_ACTION, stringVariable(AreaReviewProcess.REFRESH)));
    task = driver.onlyTask(LEAD, review, AreaReviewProcess.REVIEW_AREA);
    assertThat(driver.variableJson(LEAD, task, AreaReviewProcess.REVIEW_UNITS).findValuesAsText("status"))
        .containsExactly("submitted", "submitted");
    driver.complete(LEAD, task, Map.of(AreaReviewProcess.REVIEW_ACTION, stringVariable(AreaReviewProcess.FINISH),
        AreaReviewProcess.AREA_REVIEW, driver.jsonVariable(areaReview(notice, true))));
    driver.executeDueJobs();

    assertThat(reviews.ofRound(roundId)).hasSize(2).allSatisfy(row -> {
      assertThat(row.areaCode()).isEqualTo(AREA);
      assertThat(row.department()).isEqualTo("publicity");
      assertThat(row.reviewedBy()).isEqualTo(LEAD);
    });
    assertThat(reviews.ofRound(roundId)).filteredOn(row -> row.unitCode().equals("guangzhou")).singleElement()
        .satisfies(row -> assertThat(row.score()).isEqualByComparingTo("92.5"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(review).count())
        .as("the terminate end event ends the open opinion tasks too").isZero();
  }

  /** The unit submits, its leader approves and the office accepts; returns the round's notice. */
  private JsonNode submitAndAccept(String instance, String unit, String unitName) {
    String staff = unit + "-staff";
    String task = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = driver.variableJson(staff, task, UnitSubmissionProcess.NOTICE);
    driver.complete(staff, task, Map.of(UnitSubmissionProcess.PACKAGE,
        driver.jsonVariable(driver.validPackage(notice, "city", unitName))));
    driver.complete(unit + "-leader", driver.onlyTask(unit + "-leader", instance, UnitSubmissionProcess.APPROVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_APPROVED, booleanVariable(true)));
    driver.complete("office-staff", driver.onlyTask("office-staff", instance, UnitSubmissionProcess.RECEIVE_PACKAGE),
        Map.of(UnitSubmissionProcess.PACKAGE_ACCEPTED, booleanVariable(true)));
    return notice;
  }

  private static ObjectNode areaReview(JsonNode notice, boolean complete) {
    ObjectNode review = JsonNodeFactory.instance.objectNode();
    ArrayNode rows = review.putArray("units");
    rows.addObject().put("unitCode", "guangzhou").put("unitName", "广州市团委").put("grade", "good").put("score", 92.5)
        .put("comment", "宣讲活动覆盖面广，主题团日活动扎实。");
    ObjectNode shenzhen = rows.addObject().put("unitCode", "shenzhen").put("unitName", "深圳市团委");
    if (complete) {
      shenzhen.put("grade", "fairly-good").put("score", 86).put("comment", "工作较好。");
    } else {
      shenzhen.put("grade", "").putNull("score").put("comment", "");
    }
    return review;
  }

  private String unitInstance(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }
}
