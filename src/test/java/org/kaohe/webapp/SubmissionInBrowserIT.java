package org.kaohe.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaohe.WebClient;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.PackageFilesFlow;
import org.kaohe.submission.UnitSubmissionProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A city's submission in a real browser, as its staff, its principal leader and a supervisor do it: Chinese
 * Tasklist, the submission form with a typed summary, a typed table row and an uploaded workbook, a saved
 * draft, submission, the leader's approval, and the unit shown as submitted on the Cockpit dashboard.
 * Screenshots of every step: target/browser/SubmissionInBrowserIT/.
 */
// Closed after the class: Camunda registers the engine "default" JVM-wide; see README, "Tests".
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SubmissionInBrowserIT {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String TEST = SubmissionInBrowserIT.class.getSimpleName();
  private static final String SUMMARY_TEXT = "全年围绕从严治团，开展主题团日活动 120 场。";
  private static final String INSTRUCTION_BY = "王五";
  /** The dashboard's table of every unit of the round. */
  private static final String UNIT_ROWS = ".kp-units tbody tr";

  @LocalServerPort
  int port;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;

  @BeforeAll
  static void browserInstalled() {
    Browser.assumeInstalled();
  }

  @Test
  void aCitySubmitsItsPackageItsLeaderApprovesAndTheSupervisorSeesItSubmitted() throws Exception {
    RoundDriver rounds = new RoundDriver(port, managementService);
    String roundId = rounds.publish(2026, LocalDate.now(ZONE).plusDays(30),
        code -> code.equals("guangzhou") || code.equals("shenzhen"));
    String instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, "guangzhou")).singleResult().getId();
    Path keyWorkFile = filledKeyWorkWorkbook(rounds, instance);

    Browser staffLast;
    try (Browser staff = new Browser(port, TEST, "staff")) {
      staffLast = staff;
      staff.login("tasklist", "guangzhou-staff", RoundDriver.PASSWORD);
      // Chinese Tasklist: the ready filters and Tasklist's own words.
      staff.visible("body", "本单位待办");
      assertThat(staff.pageText()).contains("我的待办", "即将到期", "已逾期").doesNotContain("全部单位进度")
          .doesNotContainPattern(Pattern.compile("\\b(Filters?|Start process|Sign out|Claim)\\b"));
      staff.screenshot("tasklist");

      openTask(staff, "本单位待办", "填报材料", "广州市团委");
      staff.screenshot("submission-task");
      claim(staff);
      staff.visible("form.kh-form");
      staff.screenshot("claimed");

      for (int part = 0; part < 4; part++) {
        staff.typeInto(staff.visible("#kh-summary-" + part), SUMMARY_TEXT + "（第" + (part + 1) + "部分）");
      }
      staff.click(staff.visible("form.kh-form button", "添加一行"));
      staff.typeInto(staff.visible("input[aria-label='批示人']"), INSTRUCTION_BY);
      staff.typeInto(staff.visible("input[aria-label='职务']"), "市委书记");
      staff.pickDate(staff.visible("input[name='date_instructions_0']"), "2026-05-01");
      staff.screenshot("summary-and-row-typed");

      staff.driver().findElement(By.cssSelector("input[data-kh-upload=keyWork]"))
          .sendKeys(keyWorkFile.toAbsolutePath().toString());
      staff.visible(".alert-success", "附件2");
      staff.screenshot("workbook-uploaded");

      staff.click(staff.visible("form.kh-form button", "保存草稿"));
      staff.visible(".text-success", "草稿已保存");
      staff.screenshot("draft-saved");
      Task fill = taskService.createTaskQuery().processInstanceId(instance)
          .taskDefinitionKey(UnitSubmissionProcess.SUBMIT_PACKAGE).singleResult();
      JsonNode draft = rounds.tree(taskService.getVariableTyped(fill.getId(), UnitSubmissionProcess.PACKAGE)
          .getValue().toString());
      assertThat(draft.at("/summary/yearWork").asText()).startsWith(SUMMARY_TEXT);
      assertThat(draft.at("/evaluation/instructions/0/by").asText()).isEqualTo(INSTRUCTION_BY);
      assertThat(draft.at("/evaluation/instructions/0/date").asText()).isEqualTo("2026-05-01");
      assertThat(draft.at("/keyWork/0/status").asText()).contains("广州市团委全年推进");

      complete(staff);
      staff.waitFor(d -> taskService.createTaskQuery().processInstanceId(instance)
          .taskDefinitionKey(UnitSubmissionProcess.APPROVE_PACKAGE).count() == 1);
      staff.screenshot("submitted");
    }

    try (Browser leader = new Browser(port, TEST, "leader").continuingFrom(staffLast)) {
      leader.login("tasklist", "guangzhou-leader", RoundDriver.PASSWORD);
      openTask(leader, "我的待办", "审定材料", "广州市团委");
      claim(leader);
      leader.visible("form.kh-form", SUMMARY_TEXT);
      leader.screenshot("approval-task");
      leader.click(leader.visible("form.kh-form label", "审定通过"));
      leader.screenshot("approved-chosen");
      complete(leader);
      leader.waitFor(d -> taskService.createTaskQuery().processInstanceId(instance)
          .taskDefinitionKey(UnitSubmissionProcess.RECEIVE_PACKAGE).count() == 1);
      leader.screenshot("approved");
      staffLast = leader;
    }

    try (Browser supervisor = new Browser(port, TEST, "supervisor").continuingFrom(staffLast)) {
      supervisor.login("cockpit", "supervisor", RoundDriver.PASSWORD);
      supervisor.screenshot("cockpit");
      // Cockpit's navigation bar leads to the deadline dashboard, which opens on the newest round.
      supervisor.click("a", "考核进度");
      WebElement row = supervisor.visible(UNIT_ROWS, "广州市团委");
      assertThat(row.getText()).contains("已报送");
      assertThat(supervisor.visible(UNIT_ROWS, "深圳市团委").getText()).contains("未开始").doesNotContain("已报送");
      supervisor.screenshot("dashboard");
    }
  }

  /** Clicks the filter, then the task's card showing the task name and the unit. */
  private static void openTask(Browser browser, String filter, String taskName, String unitName) {
    browser.click("[cam-tasklist-filters] a, .filters a, .task-filters a", filter);
    browser.waitFor(d -> {
      WebElement card = d.findElements(By.cssSelector(".tasks-list li")).stream()
          .filter(li -> li.isDisplayed() && li.getText().contains(unitName) && li.getText().contains(taskName))
          .findFirst().orElse(null);
      if (card == null) {
        return null;
      }
      card.findElement(By.cssSelector("a")).click();
      return true;
    });
    browser.visible(".task-details", taskName);
  }

  private static void claim(Browser browser) {
    WebElement claim = browser.visible(".task-details button, .task-details a", "认领");
    browser.click(claim);
    browser.waitFor(ExpectedConditions.invisibilityOf(claim));
  }

  /** Tasklist's own completion button under the form. */
  private static void complete(Browser browser) {
    browser.click(browser.visible(".task-details button[type=submit], .task-details button", "完成"));
  }

  /** Attachment 2 as the city downloads it from its task and fills it in Excel: every area's row. */
  private static Path filledKeyWorkWorkbook(RoundDriver rounds, String instance) throws Exception {
    String taskId = rounds.onlyTask("guangzhou-staff", instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
    JsonNode areas = rounds.variableJson("guangzhou-staff", taskId, "notice").at("/catalogue/areas");
    WebClient city = rounds.as("guangzhou-staff");
    byte[] template = city.getBytes(PackageFilesFlow.API + taskId + "/templates/key-work").body();
    byte[] filled = PackageFilesFlow.fill(template, wb -> {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      for (int i = 0; i < areas.size(); i++) {
        sheet.getRow(PackageFilesFlow.FIRST + i).getCell(2)
            .setCellValue("广州市团委全年推进“" + areas.get(i).path("name").asText() + "”：开展活动 12 场。");
      }
    });
    Path file = Files.createTempFile("附件2-", ".xlsx");
    Files.write(file, filled);
    file.toFile().deleteOnExit();
    return file;
  }
}
