package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.submission.PackageFilesFlow;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The same models serve Inner Mongolia from its configuration: its 12 league-cities are assessed (seed 004). */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "kaohe.organisation.code=inner-mongolia")
@ActiveProfiles({"demo", "test"})
class InnerMongoliaRoundIT {

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  Submissions submissions;
  @Autowired
  Organisation organisation;

  @Test
  void twelveLeagueCitiesSubmitAndEveryPackageIsRecordedAgainstTheFourCategories() {
    RoundDriver driver = new RoundDriver(port, managementService);
    List<Organisation.Unit> cities = organisation.unitsOfKind(UnitKind.CITY);
    assertThat(cities).hasSize(12);
    String roundId = driver.publish(2020, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20),
        code -> organisation.unit(code).orElseThrow().kind() == UnitKind.CITY);

    for (Organisation.Unit city : cities) {
      String instance = runtimeService.createProcessInstanceQuery()
          .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, city.code())).singleResult().getId();
      String staff = city.code() + "-staff";
      String task = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
      JsonNode notice = driver.variableJson(staff, task, "notice");
      assertThat(notice.path("organisationName").asText()).isEqualTo(organisation.name());
      driver.complete(staff, task, Map.of("submissionPackage",
          driver.jsonVariable(driver.validPackage(notice, "city", city.name()))));
      driver.complete(city.code() + "-leader", driver.onlyTask(city.code() + "-leader", instance,
          UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));
    }

    assertThat(submissions.latestOfRound(roundId)).hasSize(12).allSatisfy(record -> {
      assertThat(organisation.unit(record.unitCode()).orElseThrow().kind()).isEqualTo(UnitKind.CITY);
      assertThat(driver.tree(record.packageJson()).path("keyWork")).hasSize(4);
      assertThat(record.approvedBy()).isEqualTo(record.unitCode() + "-leader");
    });
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSubmissionProcess.KEY)
        .processInstanceBusinessKeyLike(roundId + ":%").count()).as("waiting for the office's receipt").isEqualTo(12);
  }

  @Test
  void aLeagueCityDoesItsSubmissionWithTheTwoTemplates() throws Exception {
    RoundDriver driver = new RoundDriver(port, managementService);
    Organisation.Unit city = organisation.unitsOfKind(UnitKind.CITY).get(0);
    String roundId = driver.publish(2020, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20),
        code -> code.equals(city.code()));
    String instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, city.code())).singleResult().getId();
    String staff = city.code() + "-staff";
    String task = driver.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode notice = driver.variableJson(staff, task, "notice");

    PackageFilesFlow.Filled filled = PackageFilesFlow.fillAndUpload(driver.as(staff), task, notice, city.name());
    assertThat(filled.keyWork()).hasSize(4);

    var pkg = driver.validPackage(notice, "city", city.name());
    pkg.set("keyWork", filled.keyWork());
    pkg.set("evaluation", filled.evaluation());
    driver.complete(staff, task, Map.of("submissionPackage", driver.jsonVariable(pkg)));
    driver.complete(city.code() + "-leader", driver.onlyTask(city.code() + "-leader", instance,
        UnitSubmissionProcess.APPROVE_PACKAGE), Map.of("packageApproved", booleanVariable(true)));
    JsonNode recorded = driver.tree(submissions.latestOfRound(roundId).get(0).packageJson());
    assertThat(recorded.get("keyWork")).isEqualTo(filled.keyWork());
    assertThat(recorded.get("evaluation")).isEqualTo(filled.evaluation());
  }
}
