package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.AssessmentDriver.ZONE;
import static org.kaohe.round.AssessmentDriver.byUnit;
import static org.kaohe.round.AssessmentDriver.fileVariable;
import static org.kaohe.round.AssessmentDriver.moveClockTo;
import static org.kaohe.round.RoundDriver.stringVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.review.AreaReviewProcess;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Guangdong round in Tasklist, from publication to the confirmed dispatch of the feedback letters
 * (docs/assessment-phase.md): 36 units submit, 21 cities are assessed in 6 areas, every component is recorded by
 * the people responsible, one party evaluation is missing at its deadline and entered by the office, the results go
 * to the secretaries' meeting and back once, and the letters and the workbook are opened with POI. Some cities'
 * party leaders have an e-mail address (a copy of the organisation file with them): exactly their letters are
 * mailed. Along the way, the cities and the departments are checked to see nothing that is not theirs.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@ActiveProfiles({"demo", "test"})
class GuangdongFullRoundIT {

  /** The cities whose party leader in charge gets the letter by e-mail. */
  static final Map<String, String> PARTY_LEADER_EMAILS = Map.of(
      "guangzhou", "gz-party-leader@example.org",
      "shenzhen", "sz-party-leader@example.org",
      "zhuhai", "zh-party-leader@example.org");
  /** The city whose party committee does not answer by the deadline. */
  static final String NO_PARTY_EVALUATION = "yunfu";
  /** The city whose total the office adjusts before the secretaries' meeting. */
  static final String ADJUSTED = "shantou";
  static final String PROJECT = "“青春助力乡村振兴”创新项目";
  static final byte[] EVIDENCE = "%PDF-1.4\n% 广州市团委 创新项目证明材料\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path organisations;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

  /** guangdong.yaml as shipped, with a partyLeaderEmail for the cities above. */
  @DynamicPropertySource
  static void organisationWithPartyLeaderEmails(DynamicPropertyRegistry registry) {
    registry.add("kaohe.organisation.location", () -> {
      try (InputStream shipped = GuangdongFullRoundIT.class.getResourceAsStream("/organisations/guangdong.yaml")) {
        String yaml = new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : PARTY_LEADER_EMAILS.entrySet()) {
          int unit = yaml.indexOf("  - code: " + e.getKey() + "\n");
          String kind = "    kind: city\n";
          int end = yaml.indexOf(kind, unit) + kind.length();
          assertThat(unit).isNotNegative();
          yaml = yaml.substring(0, end) + "    partyLeaderEmail: " + e.getValue() + "\n" + yaml.substring(end);
        }
        Files.writeString(organisations.resolve("guangdong.yaml"), yaml);
        return organisations.toUri().toString();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  Organisation organisation;
  @Autowired
  JdbcTemplate jdbc;

  AssessmentDriver driver;

  @BeforeEach
  void driver() {
    driver = new AssessmentDriver(port, managementService, runtimeService);
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  @Test
  void aFullRoundEndsWithOneLetterPerCityAndTheWorkbookWithTheRightFigures() throws Exception {
    assertThat(organisation.unit("guangzhou").orElseThrow().partyLeaderEmail()).isEqualTo("gz-party-leader@example.org");
    assertThat(organisation.weights()).isEqualTo(new Organisation.Weights(60, 10, 10, 20));
    assertThat(organisation.lateSubmission().deductPoints()).isZero();
    List<Organisation.Unit> units = organisation.units();
    List<Organisation.Unit> cities = organisation.unitsOfKind(UnitKind.CITY);
    List<Organisation.Area> areas = organisation.catalogue().areas();
    assertThat(units).hasSize(36);
    assertThat(cities).hasSize(21);
    assertThat(areas).hasSize(6);

    // ---- publication: this year's round, submission in 5 days, party evaluation, bonus, the rest later ----
    LocalDate today = LocalDate.now(ZONE);
    LocalDate submissionDeadline = today.plusDays(5);
    AssessmentDriver.Deadlines deadlines = new AssessmentDriver.Deadlines(endOf(today.plusDays(20)),
        endOf(today.plusDays(10)), endOf(today.plusDays(12)), endOf(today.plusDays(20)), endOf(today.plusDays(20)));
    String roundId = driver.publish(today.getYear(), submissionDeadline, deadlines, code -> true);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_document WHERE round_id = ? AND kind = ?", Integer.class,
        roundId, "party-evaluation-request")).as("one request letter per city").isEqualTo(21);

    // ---- every unit submits, its leader approves, the office accepts ----
    driver.submitAndAccept(roundId, units);

    // ---- bonus applications ----
    String guangzhouUnit = driver.unitInstance(roundId, "guangzhou");
    String shenzhenUnit = driver.unitInstance(roundId, "shenzhen");
    String guangzhouBonus = driver.round.onlyTask("guangzhou-staff", guangzhouUnit, UnitSubmissionProcess.APPLY_FOR_BONUS);
    String shenzhenBonus = driver.round.onlyTask("shenzhen-staff", shenzhenUnit, UnitSubmissionProcess.APPLY_FOR_BONUS);
    assertThat(driver.round.tasks("shenzhen-staff", UnitSubmissionProcess.APPLY_FOR_BONUS)).as("shenzhen sees its own only")
        .extracting(t -> t.get("id").asText()).containsExactly(shenzhenBonus);
    assertThat(driver.round.tasks("publicity-staff", UnitSubmissionProcess.APPLY_FOR_BONUS))
        .as("a department applies for nothing").isEmpty();

    assertNothingFor("shenzhen-staff", List.of("/task/" + guangzhouBonus, "/task/" + guangzhouBonus + "/variables",
        "/task/" + guangzhouBonus + "/form-variables"), "广州");
    driver.complete("guangzhou-staff", guangzhouBonus, Map.of(
        UnitSubmissionProcess.BONUS_APPLICATION, driver.json(application(project("innovation", PROJECT, "bonusEvidence1"))),
        "bonusEvidence1", fileVariable("创新项目证明材料.pdf", "application/pdf", EVIDENCE)));
    HttpResponse<String> twice = driver.submit("shenzhen-staff", shenzhenBonus, Map.of(
        UnitSubmissionProcess.BONUS_APPLICATION, driver.json(application(project("award", "“青年之家”建设", null),
            project("award", "青年之家 建设", null)))));
    assertThat(twice.statusCode()).as("the same project twice").isGreaterThanOrEqualTo(400);
    assertThat(twice.body()).contains("重复");
    driver.complete("shenzhen-staff", shenzhenBonus, Map.of(UnitSubmissionProcess.BONUS_APPLICATION,
        driver.json(application(project("award", "“青年之家”建设", null)))));
    driver.complete("foshan-staff", driver.round.onlyTask("foshan-staff", driver.unitInstance(roundId, "foshan"),
        UnitSubmissionProcess.APPLY_FOR_BONUS), Map.of(UnitSubmissionProcess.BONUS_APPLICATION, driver.json(application())));
    // Shenzhen sees nothing of Guangzhou's application.
    assertNothingFor("shenzhen-staff", List.of("/process-instance/" + guangzhouUnit + "/variables",
        "/process-instance/" + guangzhouUnit + "/variables/bonusEvidence1/data",
        "/history/variable-instance?processInstanceId=" + guangzhouUnit,
        "/history/task?processInstanceId=" + guangzhouUnit), "乡村振兴", "广州");
    // A query across instances finds Shenzhen's own application (a unit reads its own history), never Guangzhou's.
    HttpResponse<String> across = driver.get("shenzhen-staff", "/history/variable-instance?variableName=bonusApplication");
    assertThat(across.body()).doesNotContain("乡村振兴").doesNotContain("广州");
    assertThat(driver.tree(across.body()).findValuesAsText("processInstanceId"))
        .containsOnly(driver.unitInstance(roundId, "shenzhen"));

    // ---- indicator evaluation: another area's lead department neither sees nor completes; opinions; reviews ----
    Organisation.Area thought = areas.get(0);
    String thoughtInstance = driver.areaReviewInstance(roundId, thought.code());
    String thoughtTask = driver.round.onlyTask(thought.leadDepartment() + "-staff", thoughtInstance, AreaReviewProcess.REVIEW_AREA);
    Organisation.Area otherArea = areas.stream().filter(a -> !a.leadDepartment().equals(thought.leadDepartment()))
        .filter(a -> a.code().equals("direct-contact")).findFirst().orElseThrow();
    String otherLead = otherArea.leadDepartment() + "-staff";
    assertThat(driver.round.tasks(otherLead, AreaReviewProcess.REVIEW_AREA)).extracting(t -> t.get("id").asText())
        .doesNotContain(thoughtTask);
    assertNothingFor(otherLead, List.of("/task/" + thoughtTask, "/task/" + thoughtTask + "/variables",
        "/task/" + thoughtTask + "/variables/areaReview", "/process-instance/" + thoughtInstance + "/variables"),
        "青少年思想引领");
    // The area's history: the other lead department cooperates on this area (its opinion task reads the area's
    // variables anyway), so only a department with no task in it is shown nothing.
    assertThat(thought.cooperatingDepartments()).contains(otherArea.leadDepartment()).doesNotContain("rights");
    assertNothingFor("rights-staff", List.of("/history/variable-instance?processInstanceId=" + thoughtInstance,
        "/history/task?processInstanceId=" + thoughtInstance), "青少年思想引领");
    HttpResponse<String> foreign = driver.submit(otherLead, thoughtTask, Map.of(AreaReviewProcess.REVIEW_ACTION,
        stringVariable(AreaReviewProcess.FINISH)));
    assertThat(foreign.statusCode()).as("another area's lead completes").isIn(403, 404);

    String school = "school-staff";
    String opinionTask = driver.round.onlyTask(school, thoughtInstance, AreaReviewProcess.GIVE_OPINIONS);
    JsonNode opinions = driver.variable(school, opinionTask, AreaReviewProcess.AREA_OPINIONS);
    byUnit(opinions).get("guangzhou").put("opinion", "校园宣讲开展较好");
    driver.complete(school, opinionTask, Map.of(AreaReviewProcess.AREA_OPINIONS, driver.json(opinions)));
    assertThat(jdbc.queryForList("SELECT department, given_by FROM kaohe_review_opinion WHERE round_id = ? AND unit_code = ?",
        roundId, "guangzhou")).singleElement().satisfies(row -> {
          assertThat(row.get("DEPARTMENT")).isEqualTo("school");
          assertThat(row.get("GIVEN_BY")).isEqualTo(school);
        });

    for (int a = 0; a < areas.size(); a++) {
      driver.finishReview(roundId, areas.get(a), a, cities);
    }
    driver.executeDueJobs();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(AreaReviewProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").count()).as("every area reviewed").isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_review WHERE round_id = ?", Integer.class, roundId))
        .isEqualTo(21 * 6);

    // ---- party evaluations: the organisation department records all cities but one (grade or score) ----
    String partyDepartment = organisation.assessment().partyEvaluationDepartment() + "-staff";
    String partyTask = driver.round.onlyTask(partyDepartment, roundId, AnnualAssessmentProcess.RECORD_PARTY_EVALUATIONS_TASK);
    JsonNode party = driver.variable(partyDepartment, partyTask, AnnualAssessmentProcess.PARTY_EVALUATIONS);
    Map<String, ObjectNode> partyRows = byUnit(party);
    List<String> gradeCycle = List.of("good", "fairly-good", "average");
    for (int c = 0; c < cities.size(); c++) {
      ObjectNode row = partyRows.get(cities.get(c).code());
      if (cities.get(c).code().equals(NO_PARTY_EVALUATION)) {
        continue;
      }
      if (c % 2 == 0) {
        row.put("grade", gradeCycle.get(c / 2 % 3)).put("text", "市委评价：工作成效明显");
      } else {
        row.put("score", 80 + c);
      }
    }
    driver.saveDraft(partyDepartment, partyTask, AnnualAssessmentProcess.PARTY_EVALUATIONS, party);

    // ---- the submission deadline passes: nobody is late ----
    moveClockTo(submissionDeadline.plusDays(1).atTime(LocalTime.of(8, 0)));
    driver.executeDueJobs();
    assertThat(driver.round.tasks("office-staff", AnnualAssessmentProcess.FOLLOW_UP_LATE_UNITS)).isEmpty();

    // ---- the party evaluation deadline passes: the office sees the missing city and acknowledges ----
    moveClockTo(deadlines.partyEvaluation().plusMinutes(2));
    driver.executeDueJobs();
    String followUp = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.FOLLOW_UP_PARTY_EVALUATIONS);
    assertThat(driver.variable("office-staff", followUp, AnnualAssessmentProcess.MISSING_PARTY_EVALUATIONS))
        .singleElement().satisfies(missing -> {
          assertThat(missing.get("code").asText()).isEqualTo(NO_PARTY_EVALUATION);
          assertThat(missing.get("name").asText()).isEqualTo("云浮市团委");
        });
    driver.complete("office-staff", followUp, Map.of());
    driver.complete(partyDepartment, partyTask, Map.of(AnnualAssessmentProcess.PARTY_EVALUATIONS, driver.json(party)));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_party_evaluation WHERE round_id = ?", Integer.class, roundId))
        .isEqualTo(20);

    // ---- youth survey: the template downloaded, filled with POI, imported; a bad workbook changes nothing ----
    String surveyTask = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.RECORD_YOUTH_SURVEY_TASK);
    AssessmentDriver.Download templateFile = driver.downloadFile("office-staff",
        "/task/" + surveyTask + "/variables/youthSurveyTemplate/data");
    assertThat(templateFile.fileName()).as("the browser keeps the file name").isEqualTo(today.getYear() + "年度青年评议模板.xlsx");
    byte[] template = templateFile.bytes();
    Map<String, AssessmentDriver.SurveyFigures> figures = AssessmentDriver.surveyFigures(cities);
    driver.complete("office-staff", surveyTask, Map.of(AnnualAssessmentProcess.YOUTH_SURVEY_ACTION, stringVariable("import"),
        AnnualAssessmentProcess.YOUTH_SURVEY_WORKBOOK,
        fileVariable("青年评议.xlsx", AssessmentDriver.XLSX, AssessmentDriver.fillSurvey(template, figures))));
    surveyTask = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.RECORD_YOUTH_SURVEY_TASK);
    assertThat(driver.variable("office-staff", surveyTask, AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS)).isEmpty();
    JsonNode survey = driver.variable("office-staff", surveyTask, AnnualAssessmentProcess.YOUTH_SURVEY);
    Map<String, ObjectNode> surveyRows = byUnit(survey);
    assertThat(surveyRows).hasSize(21);
    for (int c = 0; c < cities.size(); c++) {
      ObjectNode row = surveyRows.get(cities.get(c).code());
      assertThat(row.get("sampleSize").asInt()).isEqualTo(AssessmentDriver.sampleSize(c));
      assertThat(row.get("awareness").decimalValue()).isEqualByComparingTo(AssessmentDriver.awareness(c));
      assertThat(row.get("satisfaction").decimalValue()).isEqualByComparingTo(AssessmentDriver.satisfaction(c));
    }
    Map<String, AssessmentDriver.SurveyFigures> bad = new LinkedHashMap<>(figures);
    bad.put("guangzhou", new AssessmentDriver.SurveyFigures(300, "很高", AssessmentDriver.satisfaction(0)));
    bad.put("shenzhen", new AssessmentDriver.SurveyFigures(301, AssessmentDriver.awareness(1), 150));
    bad.put("zhuhai", new AssessmentDriver.SurveyFigures(-3, AssessmentDriver.awareness(2), AssessmentDriver.satisfaction(2)));
    driver.complete("office-staff", surveyTask, Map.of(AnnualAssessmentProcess.YOUTH_SURVEY_ACTION, stringVariable("import"),
        AnnualAssessmentProcess.YOUTH_SURVEY_WORKBOOK,
        fileVariable("青年评议-有误.xlsx", AssessmentDriver.XLSX, AssessmentDriver.fillSurvey(template, bad))));
    surveyTask = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.RECORD_YOUTH_SURVEY_TASK);
    List<String> errors = new ArrayList<>();
    driver.variable("office-staff", surveyTask, AnnualAssessmentProcess.YOUTH_SURVEY_IMPORT_ERRORS)
        .forEach(e -> errors.add(e.asText()));
    assertThat(errors).as("one problem per bad cell").hasSize(3);
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("第 4 行 D 列"))
        .anySatisfy(e -> assertThat(e).contains("第 5 行 E 列"))
        .anySatisfy(e -> assertThat(e).contains("第 6 行 C 列"));
    assertThat(driver.variable("office-staff", surveyTask, AnnualAssessmentProcess.YOUTH_SURVEY))
        .as("the bad workbook changed nothing").isEqualTo(survey);
    driver.complete("office-staff", surveyTask, Map.of(AnnualAssessmentProcess.YOUTH_SURVEY_ACTION, stringVariable("finish")));
    assertThat(jdbc.queryForList("SELECT DISTINCT source FROM kaohe_youth_survey WHERE round_id = ?", String.class, roundId))
        .containsExactly("imported");

    // ---- oral reports ----
    driver.recordOralReports(roundId, cities);

    // ---- the bonus deadline passes: the office grants Guangzhou's project and refuses Shenzhen's ----
    moveClockTo(deadlines.bonusApplication().plusMinutes(2));
    driver.executeDueJobs();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").activityIdIn(UnitSubmissionProcess.APPLY_FOR_BONUS).count())
        .as("the deadline closed the applications not made").isZero();
    String decide = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.DECIDE_BONUSES);
    JsonNode applications = driver.variable("office-staff", decide, AnnualAssessmentProcess.BONUS_APPLICATIONS);
    assertThat(applications).hasSize(2);
    JsonNode guangzhouApplication = find(applications, "unitCode", "guangzhou");
    assertThat(guangzhouApplication.get("name").asText()).isEqualTo(PROJECT);
    assertThat(guangzhouApplication.get("evidenceName").asText()).isEqualTo("创新项目证明材料.pdf");
    assertThat(driver.download("office-staff", "/task/" + decide + "/variables/"
        + guangzhouApplication.get("evidenceVariable").asText() + "/data")).isEqualTo(EVIDENCE);
    assertNothingFor("shenzhen-staff", List.of("/task/" + decide + "/variables/bonusApplications",
        "/process-instance/" + roundId + "/variables/bonusApplications",
        "/history/variable-instance?variableName=bonusApplications"), "乡村振兴", "广州");
    JsonNode decisions = driver.variable("office-staff", decide, AnnualAssessmentProcess.BONUS_DECISIONS);
    for (JsonNode d : decisions.get("decisions")) {
      boolean granted = d.get("applicationId").asText().equals(guangzhouApplication.get("applicationId").asText());
      ((ObjectNode) d).put("decision", granted ? "granted" : "refused");
      if (granted) {
        ((ObjectNode) d).put("points", 2);
      } else {
        ((ObjectNode) d).put("reason", "不属于本年度新建项目");
      }
    }
    driver.complete("office-staff", decide, Map.of(AnnualAssessmentProcess.BONUS_DECISIONS, driver.json(decisions)));
    // The branches meet at an asynchronous join: the job executor's work, done here by hand.
    assertThat(driver.executeDueJobs()).as("the last branch arrives at the join").isPositive();

    // ---- every branch done: submission closed, aggregation blocks on the missing party evaluation ----
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").count()).as("the round closed every unit's instance").isZero();
    String resolve = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.RESOLVE_MISSING_COMPONENTS);
    assertThat(driver.variable("office-staff", resolve, AnnualAssessmentProcess.MISSING_COMPONENTS)).singleElement()
        .satisfies(m -> {
          assertThat(m.get("unitCode").asText()).isEqualTo(NO_PARTY_EVALUATION);
          assertThat(m.get("component").asText()).isEqualTo("partyEvaluation");
        });
    assertThat(jdbc.queryForList("SELECT unit_code FROM kaohe_result WHERE round_id = ?", String.class, roundId))
        .hasSize(20).doesNotContain(NO_PARTY_EVALUATION);
    JsonNode entries = driver.variable("office-staff", resolve, AnnualAssessmentProcess.COMPONENT_ENTRIES);
    assertThat(entries).hasSize(1);
    ((ObjectNode) entries.get(0)).put("score", 85).put("reason", "云浮市委逾期未复函，经电话核实按较好计");
    driver.complete("office-staff", resolve, Map.of(AnnualAssessmentProcess.COMPONENT_ENTRIES, driver.json(entries)));

    // ---- the results: Guangzhou's total by hand ----
    String submit = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.SUBMIT_RESULTS);
    Map<String, ObjectNode> results = byUnit(driver.variable("office-staff", submit, AnnualAssessmentProcess.RESULTS).get("rows"));
    assertThat(results).hasSize(21);
    List<BigDecimal> guangzhouAreas = new ArrayList<>();
    for (int a = 0; a < areas.size(); a++) {
      guangzhouAreas.add(AssessmentDriver.areaScore(0, a));
    }
    BigDecimal guangzhouTotal = AssessmentDriver.expectedTotal(guangzhouAreas,
        BigDecimal.valueOf(organisation.assessment().partyEvaluationGradeScores().get("good")),
        AssessmentDriver.awareness(0), AssessmentDriver.satisfaction(0),
        organisation.assessment().youthSurveyShares().awareness(),
        organisation.assessment().youthSurveyShares().satisfaction(), AssessmentDriver.oralScore(0), 2);
    String guangzhouGrade = AssessmentDriver.expectedGradeName(guangzhouTotal);
    assertThat(results.get("guangzhou").get("total").decimalValue()).isEqualByComparingTo(guangzhouTotal);
    assertThat(results.get("guangzhou").get("gradeName").asText()).isEqualTo(guangzhouGrade);
    assertThat(results.get("guangzhou").get("bonusPoints").decimalValue()).isEqualByComparingTo("2");
    assertThat(results.get("shenzhen").get("bonusPoints").decimalValue()).isEqualByComparingTo("0");
    assertThat(results.get(NO_PARTY_EVALUATION).get("partyEvaluation").decimalValue()).isEqualByComparingTo("85");
    assertThat(storedTotal(roundId, "guangzhou")).isEqualByComparingTo(guangzhouTotal);

    // ---- the office adjusts one total; the secretaries return; the office submits again; they approve ----
    BigDecimal adjustedFrom = storedTotal(roundId, ADJUSTED);
    BigDecimal adjustedTo = adjustedFrom.add(BigDecimal.ONE);
    ArrayNode adjustments = JsonNodeFactory.instance.arrayNode();
    adjustments.addObject().put("unitCode", ADJUSTED).put("field", "total").put("value", adjustedTo)
        .put("reason", "述职评议现场答辩材料补充认定");
    driver.submitResults(roundId, adjustments);
    driver.decideResults(roundId, false, "请说明汕头市团委总分调整的依据");
    submit = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.SUBMIT_RESULTS);
    HttpResponse<String> comment = driver.get("office-staff", "/task/" + submit + "/variables/resultsComment");
    assertThat(driver.tree(comment.body()).get("value").asText()).isEqualTo("请说明汕头市团委总分调整的依据");
    assertThat(driver.variable("office-staff", submit, AnnualAssessmentProcess.RESULT_ADJUSTMENTS)).isEmpty();
    driver.submitResults(roundId, JsonNodeFactory.instance.arrayNode());
    driver.decideResults(roundId, true, null);
    assertThat(jdbc.queryForList("SELECT field, old_value, new_value, reason, adjusted_by FROM kaohe_result_adjustment"
        + " WHERE round_id = ? AND unit_code = ? AND field = 'total'", roundId, ADJUSTED)).singleElement().satisfies(row -> {
          assertThat(new BigDecimal((String) row.get("OLD_VALUE"))).isEqualByComparingTo(adjustedFrom);
          assertThat(new BigDecimal((String) row.get("NEW_VALUE"))).isEqualByComparingTo(adjustedTo);
          assertThat(row.get("REASON")).isEqualTo("述职评议现场答辩材料补充认定");
          assertThat(row.get("ADJUSTED_BY")).isEqualTo("office-staff");
        });
    assertThat(storedTotal(roundId, ADJUSTED)).isEqualByComparingTo(adjustedTo);

    // ---- feedback: one letter per city and the workbook ----
    int mailsBefore = feedbackMails().size();
    assertThat(mailsBefore).isZero();
    assertThat(driver.executeDueJobs()).as("the feedback job").isPositive();
    String confirm = driver.roundTask("office-staff", roundId, AnnualAssessmentProcess.CONFIRM_DISPATCH);

    Map<String, String> letters = new HashMap<>();
    for (Organisation.Unit city : cities) {
      AssessmentDriver.Download letter = driver.downloadFile("office-staff",
          "/task/" + confirm + "/variables/feedbackLetter_" + city.code() + "/data");
      assertThat(letter.fileName()).isEqualTo(city.name() + today.getYear() + "年度考核结果反馈函.docx");
      letters.put(city.code(), AssessmentDriver.letterText(letter.bytes()));
    }
    assertThat(runtimeService.getVariables(roundId).keySet().stream().filter(n -> n.startsWith("feedbackLetter_")))
        .as("one letter per assessed unit, none for departments").hasSize(21);
    String guangzhouLetter = letters.get("guangzhou");
    assertThat(guangzhouLetter).contains("总分为" + guangzhouTotal.toPlainString() + "分")
        .contains("考核等次为“" + guangzhouGrade + "”").contains("广州市团委");
    for (Organisation.Area area : areas) {
      assertThat(guangzhouLetter).as("comment of " + area.leadDepartment())
          .contains(AssessmentDriver.areaComment(cities.get(0), area));
    }
    assertThat(letters.get(ADJUSTED)).contains("总分为" + adjustedTo.toPlainString() + "分");

    Map<String, AssessmentDriver.WorkbookRow> workbook = AssessmentDriver.workbookRows(
        driver.download("office-staff", "/task/" + confirm + "/variables/resultsWorkbook/data"));
    assertThat(workbook).hasSize(21);
    List<Map<String, Object>> stored = jdbc.queryForList(
        "SELECT unit_code, total, grade, rank_in_kind FROM kaohe_result WHERE round_id = ?", roundId);
    assertThat(stored).hasSize(21);
    Map<String, String> gradeNames = new HashMap<>();
    organisation.grades().forEach(g -> gradeNames.put(g.code(), g.name()));
    for (Map<String, Object> row : stored) {
      String code = (String) row.get("UNIT_CODE");
      AssessmentDriver.WorkbookRow line = workbook.get(organisation.unit(code).orElseThrow().name());
      assertThat(line).as(code).isNotNull();
      assertThat(line.total()).as(code).isEqualByComparingTo((BigDecimal) row.get("TOTAL"));
      assertThat(line.gradeName()).as(code).isEqualTo(gradeNames.get((String) row.get("GRADE")));
      assertThat(line.rank()).as(code).isEqualTo(((Number) row.get("RANK_IN_KIND")).intValue());
      assertThat(letters.get(code)).as(code).contains("总分为" + line.total().toPlainString() + "分");
    }
    assertThat(workbook.get("广州市团委").total()).isEqualByComparingTo(guangzhouTotal);

    // ---- the mails: exactly the three party leaders, once each, with the letter attached ----
    mail.waitForIncomingEmail(5_000, 3);
    List<MimeMessage> mails = feedbackMails();
    List<String> recipients = new ArrayList<>();
    for (MimeMessage message : mails) {
      for (var address : message.getAllRecipients()) {
        recipients.add(address.toString());
      }
      byte[] attachment = docxAttachment(message);
      String to = message.getAllRecipients()[0].toString();
      String unit = PARTY_LEADER_EMAILS.entrySet().stream()
          .filter(e -> e.getValue().equals(to)).findFirst().orElseThrow().getKey();
      assertThat(AssessmentDriver.letterText(attachment)).contains(organisation.unit(unit).orElseThrow().name())
          .contains("总分为" + storedTotal(roundId, unit).toPlainString() + "分");
    }
    assertThat(recipients).containsExactlyInAnyOrderElementsOf(PARTY_LEADER_EMAILS.values());

    // ---- a city reads nothing of the round: variables, results, letters ----
    assertNothingFor("shenzhen-staff", List.of("/process-instance/" + roundId + "/variables",
        "/process-instance/" + roundId + "/variables/results",
        "/task/" + confirm, "/task/" + confirm + "/variables", "/task/" + confirm + "/form-variables",
        "/task/" + confirm + "/variables/feedbackLetter_shenzhen/data",
        "/task/" + confirm + "/variables/resultsWorkbook/data",
        "/history/variable-instance?processInstanceId=" + roundId,
        "/history/variable-instance?variableName=results",
        "/history/task?processInstanceId=" + roundId,
        "/task?processInstanceId=" + roundId), "总分", "广州市团委");

    // ---- the office confirms dispatch: the round ends ----
    JsonNode dispatch = driver.variable("office-staff", confirm, AnnualAssessmentProcess.DISPATCH);
    Map<String, ObjectNode> dispatchRows = byUnit(dispatch);
    assertThat(dispatchRows).hasSize(21);
    for (ObjectNode row : dispatchRows.values()) {
      String mailedTo = row.get("mailedTo").asText();
      assertThat(mailedTo).isEqualTo(PARTY_LEADER_EMAILS.getOrDefault(row.get("unitCode").asText(), ""));
      row.put("dispatched", true).put("method", mailedTo.isEmpty() ? "post" : "mail");
    }
    driver.complete("office-staff", confirm, Map.of(AnnualAssessmentProcess.DISPATCH, driver.json(dispatch)));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(roundId).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(roundId)
        .activityId(AnnualAssessmentProcess.FEEDBACK_DELIVERED).count()).isEqualTo(1);
    List<Map<String, Object>> documents = jdbc.queryForList("SELECT unit_code, mailed_to, dispatched_by, dispatch_method"
        + " FROM kaohe_document WHERE round_id = ? AND kind = 'feedback-letter'", roundId);
    assertThat(documents).hasSize(21).allSatisfy(row -> {
      assertThat(row.get("DISPATCHED_BY")).isEqualTo("office-staff");
      assertThat(row.get("MAILED_TO")).isEqualTo(PARTY_LEADER_EMAILS.get((String) row.get("UNIT_CODE")));
    });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kaohe_document WHERE round_id = ? AND kind = 'results-workbook'"
        + " AND unit_code = '-'", Integer.class, roundId)).isEqualTo(1);
    assertThat(feedbackMails()).as("no letter mailed twice").hasSize(3);
  }

  /** The user gets no data from any of the paths: refused, not found, or an empty answer without the words. */
  private void assertNothingFor(String user, List<String> paths, String... words) {
    for (String path : paths) {
      HttpResponse<String> response = driver.get(user, path);
      assertThat(response.statusCode()).as(user + " " + path).isIn(200, 403, 404);
      for (String word : words) {
        assertThat(response.body()).as(user + " " + path).doesNotContain(word);
      }
      if (response.statusCode() == 200) {
        assertThat(response.body().isBlank() ? 0 : driver.tree(response.body()).size()).as(user + " " + path).isZero();
      }
    }
  }

  private BigDecimal storedTotal(String roundId, String unitCode) {
    return jdbc.queryForObject("SELECT total FROM kaohe_result WHERE round_id = ? AND unit_code = ?", BigDecimal.class,
        roundId, unitCode).setScale(2);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.path(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }

  private static ObjectNode project(String kind, String name, String evidence) {
    ObjectNode project = JsonNodeFactory.instance.objectNode().put("kind", kind).put("name", name)
        .put("description", name + "：覆盖全市青年");
    if (evidence != null) {
      project.put("evidence", evidence);
    }
    return project;
  }

  private static ObjectNode application(ObjectNode... projects) {
    ObjectNode application = JsonNodeFactory.instance.objectNode();
    ArrayNode list = application.putArray("projects");
    for (ObjectNode p : projects) {
      list.add(p);
    }
    return application;
  }

  private static LocalDateTime endOf(LocalDate day) {
    return day.atTime(23, 59);
  }

  private static List<MimeMessage> feedbackMails() throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getSubject() != null && message.getSubject().contains("工作考核结果的反馈")) {
        found.add(message);
      }
    }
    return found;
  }

  private static byte[] docxAttachment(MimeMessage message) throws Exception {
    Object content = message.getContent();
    assertThat(content).isInstanceOf(Multipart.class);
    Multipart parts = (Multipart) content;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() != null) {
        String name = jakarta.mail.internet.MimeUtility.decodeText(part.getFileName());
        assertThat(name).endsWith(".docx");
        try (InputStream in = part.getInputStream()) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no .docx attached to " + message.getSubject());
  }
}
