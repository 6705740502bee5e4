package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.document.ImporterFuzzer.Target;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.PackageFilesFlow;
import org.kaohe.submission.UnitSubmissionProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A sample of the fuzzer's mutated files sent through the real upload endpoints, as the forms send them: the user
 * sees the result (200) or a 4xx with a Chinese message, never a 5xx, and a refused upload stores nothing (the
 * task's variables, the kept summary document, the draft notice are as before).
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ImporterFuzzUploadIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int PER_ENDPOINT = 12;
  static final long SEED = 8L;
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;

  @Test
  void mutatedFilesThroughTheUploadEndpointsGetTheirResultOrAChineseRefusalAndRefusalsStoreNothing()
      throws Exception {
    RoundDriver driver = new RoundDriver(port, managementService);
    String roundId = driver.publish(2026, LocalDate.now(ZONE).plusDays(30),
        code -> code.equals("guangzhou") || code.equals("publicity"));
    Map<String, Target> targets = new TreeMap<>();
    ImporterFuzzer.targets().forEach(t -> targets.put(t.name(), t));
    List<String> seen = new ArrayList<>();

    String city = submissionTask(driver, roundId, "guangzhou");
    WebClient cityStaff = driver.as("guangzhou-staff");
    Map<String, String> before = variables(city);
    for (String[] endpoint : new String[][] {{"readKeyWork", "workbooks/key-work"},
        {"readEvaluation", "workbooks/evaluation"}}) {
      for (int i = 0; i < PER_ENDPOINT; i++) {
        byte[] file = ImporterFuzzer.input(targets.get(endpoint[0]), SEED, i);
        HttpResponse<String> answer = cityStaff.upload(PackageFilesFlow.API + city + "/" + endpoint[1], file, "附件.xlsx");
        seen.add(check(driver, endpoint[0] + " #" + i, answer));
        assertThat(variables(city)).as("reading a workbook stores nothing").isEqualTo(before);
      }
    }

    String department = submissionTask(driver, roundId, "publicity");
    WebClient departmentStaff = driver.as("publicity-staff");
    for (int i = 0; i < PER_ENDPOINT; i++) {
      byte[] kept = kept(department);
      byte[] file = ImporterFuzzer.input(targets.get("summaryDocument"), SEED, i);
      HttpResponse<String> answer = departmentStaff.upload(PackageFilesFlow.API + department + "/summary-document",
          file, "工作总结.docx");
      seen.add(check(driver, "summaryDocument #" + i, answer));
      byte[] now = kept(department);
      if (answer.statusCode() == 200) {
        assertThat(now).isEqualTo(file);
      } else {
        assertThat(now).as("a refused summary keeps what was there").isEqualTo(kept);
      }
    }

    String draft = driver.onlyTask("office-staff", driver.start(2026), AnnualAssessmentProcess.DRAFT_NOTICE);
    WebClient office = driver.as("office-staff");
    String notice = String.valueOf(driver.variableJson("office-staff", draft, "notice"));
    for (int i = 0; i < PER_ENDPOINT; i++) {
      byte[] file = ImporterFuzzer.input(targets.get("catalogueHtml"), SEED, i);
      HttpResponse<String> answer = office.upload(PackageFilesFlow.API + draft + "/catalogue-import/file", file,
          "工作要点.html");
      seen.add(check(driver, "catalogueHtml #" + i, answer));
      assertThat(String.valueOf(driver.variableJson("office-staff", draft, "notice"))).as("the import stores nothing")
          .isEqualTo(notice);
    }
    System.out.println("[fuzz] uploads: " + seen);
    ImporterFuzzer.figures("ImporterFuzzUploadIT", "fuzz uploads: " + seen.size() + " mutated files through 4 "
        + "upload endpoints, " + seen.stream().filter(s -> s.endsWith("200")).count() + " read, "
        + seen.stream().filter(s -> s.matches(".*4\\d\\d")).count() + " refused with a Chinese 4xx, 0 answered 5xx");
  }

  /** The answer is 200, or a 4xx whose message has Chinese in it; never a 5xx. */
  private static String check(RoundDriver driver, String what, HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(what + ": " + answer.body()).isIn(200, 413, 422);
    if (answer.statusCode() != 200) {
      JsonNode body = driver.tree(answer.body());
      assertThat(body.path("message").asText()).as(what).containsPattern(CHINESE);
    }
    return what + " " + answer.statusCode();
  }

  /** The summary document kept with the task, or null. */
  private byte[] kept(String task) throws java.io.IOException {
    org.camunda.bpm.engine.variable.value.FileValue file =
        taskService.getVariableTyped(task, UnitSubmissionProcess.SUMMARY_DOCUMENT);
    if (file == null || file.getValue() == null) {
      return null;
    }
    try (java.io.InputStream in = file.getValue()) {
      return in.readAllBytes();
    }
  }

  private Map<String, String> variables(String task) {
    Map<String, String> texts = new TreeMap<>();
    taskService.getVariables(task).forEach((name, value) -> texts.put(name, String.valueOf(value)));
    return texts;
  }

  private String submissionTask(RoundDriver driver, String roundId, String unitCode) {
    String instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
    return driver.onlyTask(unitCode + "-staff", instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
  }
}
