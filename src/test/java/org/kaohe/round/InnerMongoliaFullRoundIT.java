package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.AssessmentDriver.ZONE;
import static org.kaohe.round.AssessmentDriver.byUnit;
import static org.kaohe.round.AssessmentDriver.moveClockTo;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.review.AreaReviewProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A whole Inner Mongolia round (seed 004) on the same models: 12 league-cities in 4 areas without cooperating
 * departments, every component on time, no bonus applied for, no adjustment. It ends with 12 letters and the
 * workbook, whose figures match the records and, for Hohhot, the arithmetic done by hand.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "kaohe.organisation.code=inner-mongolia")
@ActiveProfiles({"demo", "test"})
class InnerMongoliaFullRoundIT {

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  Organisation organisation;
  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  @Test
  void twelveLeagueCitiesGetTheirLettersAndTheWorkbook() {
    AssessmentDriver driver = new AssessmentDriver(port, managementService, runtimeService);
    List<Organisation.Unit> cities = organisation.unitsOfKind(UnitKind.CITY);
    List<Organisation.Area> areas = organisation.catalogue().areas();
    assertThat(cities).hasSize(12);
    assertThat(areas).hasSize(4);
    assertThat(organisation.weights()).isEqualTo(new Organisation.Weights(60, 10, 10, 20));

    LocalDate today = LocalDate.now(ZONE);
    LocalDate submissionDeadline = today.plusDays(3);
    var later = today.plusDays(15).atTime(23, 59);
    AssessmentDriver.Deadlines deadlines = new AssessmentDriver.Deadlines(later, later, later, later, later);
    String roundId = driver.publish(today.getYear(), submissionDeadline, deadlines, code -> true);
    driver.submitAndAccept(roundId, organisation.units());

    for (int a = 0; a < areas.size(); a++) {
      assertThat(driver.round.tasks("office-staff", AreaReviewProcess.GIVE_OPINIONS)).isEmpty();
      driver.finishReview(roundId, areas.get(a), a, cities);
    }
    driver.executeDueJobs();

    // Party evaluations: a score for every league-city, on time.
    String partyDepartment = organisation.assessment().partyEvaluationDepartment() + "-staff";
    String partyTask = driver.roundTask(partyDepartment, roundId, AnnualAssessmentProcess.RECORD_PARTY_EVALUATIONS_TASK);
    JsonNode party = driver.variable(partyDepartment, partyTask, AnnualAssessmentProcess.PARTY_EVALUATIONS);
    Map<String, ObjectNode> partyRows = byUnit(party);
    for (int c = 0; c < cities.size(); c++) {
      partyRows.get(cities.get(c).code()).put("score", 82 + c);
    }
    driver.complete(partyDepartment, partyTask, Map.of(AnnualAssessmentProcess.PARTY_EVALUATIONS, driver.json(party)));

    // Youth survey: typed into the table and finished.
    String surveyTask = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.RECORD_YOUTH_SURVEY_TASK);
    JsonNode survey = driver.variable("office-staff", surveyTask, AnnualAssessmentProcess.YOUTH_SURVEY);
    Map<String, ObjectNode> surveyRows = byUnit(survey);
    for (int c = 0; c < cities.size(); c++) {
      surveyRows.get(cities.get(c).code()).put("sampleSize", AssessmentDriver.sampleSize(c))
          .put("awareness", AssessmentDriver.awareness(c)).put("satisfaction", AssessmentDriver.satisfaction(c));
    }
    driver.complete("office-staff", surveyTask, Map.of(AnnualAssessmentProcess.YOUTH_SURVEY_ACTION, stringVariable("finish"),
        AnnualAssessmentProcess.YOUTH_SURVEY, driver.json(survey)));

    driver.recordOralReports(roundId, cities);

    // Submission and bonus deadlines pass; nobody applied, the office has nothing to decide.
    moveClockTo(later.plusMinutes(5));
    driver.executeDueJobs();
    String decide = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.DECIDE_BONUSES);
    assertThat(driver.variable("office-staff", decide, AnnualAssessmentProcess.BONUS_APPLICATIONS)).isEmpty();
    driver.complete("office-staff", decide, Map.of(AnnualAssessmentProcess.BONUS_DECISIONS,
        driver.json(JsonNodeFactory.instance.objectNode().set("decisions", JsonNodeFactory.instance.arrayNode()))));
    // The branches meet at an asynchronous join: the job executor's work, done here by hand.
    assertThat(driver.executeDueJobs()).as("the last branch arrives at the join").isPositive();

    // Complete components: straight to the office's submission.
    String submit = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.SUBMIT_RESULTS);
    Map<String, ObjectNode> results = byUnit(driver.variable("office-staff", submit, AnnualAssessmentProcess.RESULTS).get("rows"));
    assertThat(results).hasSize(12);
    List<BigDecimal> hohhotAreas = new ArrayList<>();
    for (int a = 0; a < areas.size(); a++) {
      hohhotAreas.add(AssessmentDriver.areaScore(0, a));
    }
    assertThat(cities.get(0).code()).isEqualTo("hohhot");
    BigDecimal hohhotTotal = AssessmentDriver.expectedTotal(hohhotAreas, BigDecimal.valueOf(82),
        AssessmentDriver.awareness(0), AssessmentDriver.satisfaction(0),
        organisation.assessment().youthSurveyShares().awareness(),
        organisation.assessment().youthSurveyShares().satisfaction(), AssessmentDriver.oralScore(0), 0);
    assertThat(results.get("hohhot").get("total").decimalValue()).isEqualByComparingTo(hohhotTotal);
    driver.submitResults(roundId, JsonNodeFactory.instance.arrayNode());
    driver.decideResults(roundId, true, null);
    driver.executeDueJobs();

    String confirm = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.CONFIRM_DISPATCH);
    Map<String, String> letters = new HashMap<>();
    for (Organisation.Unit city : cities) {
      letters.put(city.code(), AssessmentDriver.letterText(driver.download("office-staff",
          "/task/" + confirm + "/variables/feedbackLetter_" + city.code() + "/data")));
    }
    assertThat(letters.get("hohhot")).contains("总分为" + hohhotTotal.toPlainString() + "分")
        .contains("考核等次为“" + AssessmentDriver.expectedGradeName(hohhotTotal) + "”");
    for (Organisation.Area area : areas) {
      assertThat(letters.get("hohhot")).contains(AssessmentDriver.areaComment(cities.get(0), area));
    }
    Map<String, AssessmentDriver.WorkbookRow> workbook = AssessmentDriver.workbookRows(
        driver.download("office-staff", "/task/" + confirm + "/variables/resultsWorkbook/data"));
    assertThat(workbook).hasSize(12);
    Map<String, String> gradeNames = new HashMap<>();
    organisation.grades().forEach(g -> gradeNames.put(g.code(), g.name()));
    List<Map<String, Object>> stored = jdbc.queryForList(
        "SELECT unit_code, total, grade, rank_in_kind FROM kaohe_result WHERE round_id = ?", roundId);
    assertThat(stored).hasSize(12);
    for (Map<String, Object> row : stored) {
      String code = (String) row.get("UNIT_CODE");
      AssessmentDriver.WorkbookRow line = workbook.get(organisation.unit(code).orElseThrow().name());
      assertThat(line).as(code).isNotNull();
      assertThat(line.total()).as(code).isEqualByComparingTo((BigDecimal) row.get("TOTAL"));
      assertThat(line.gradeName()).as(code).isEqualTo(gradeNames.get((String) row.get("GRADE")));
      assertThat(line.rank()).as(code).isEqualTo(((Number) row.get("RANK_IN_KIND")).intValue());
      assertThat(letters.get(code)).contains("总分为" + line.total().toPlainString() + "分");
    }

    JsonNode dispatch = driver.variable("office-staff", confirm, AnnualAssessmentProcess.DISPATCH);
    for (ObjectNode row : byUnit(dispatch).values()) {
      assertThat(row.get("mailedTo").asText()).as("no mail configured").isEmpty();
      row.put("dispatched", true).put("method", "confidential");
    }
    driver.complete("office-staff", confirm, Map.of(AnnualAssessmentProcess.DISPATCH, driver.json(dispatch)));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(roundId).count()).isZero();
    assertThat(jdbc.queryForList("SELECT dispatched_by FROM kaohe_document WHERE round_id = ? AND kind = 'feedback-letter'",
        String.class, roundId)).hasSize(12).containsOnly("office-staff");
  }
}
