package org.kaohe.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaohe.round.RoundDriver.ENGINE_API;
import static org.kaohe.round.RoundDriver.booleanVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.kaohe.WebClient;
import org.kaohe.organisation.Organisation;
import org.kaohe.review.AreaReviewProcess;
import org.kaohe.submission.UnitSubmissionProcess;

/**
 * Drives the assessment phase of a round (docs/assessment-phase.md) the way its people do in Tasklist, on top of
 * {@link RoundDriver}: every step a request to the engine API as the user whose task it is. The engine's services
 * are used only to find process instances by business key and to run due jobs (the job executor is off in tests).
 */
public final class AssessmentDriver {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  final RoundDriver round;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient binary = HttpClient.newHttpClient();

  public AssessmentDriver(int port, ManagementService managementService, RuntimeService runtimeService) {
    this.round = new RoundDriver(port, managementService);
    this.managementService = managementService;
    this.runtimeService = runtimeService;
  }

  /** The deadlines of the assessment phase, as the office types them into the notice (Beijing time). */
  public record Deadlines(LocalDateTime review, LocalDateTime partyEvaluation, LocalDateTime bonusApplication,
      LocalDateTime youthSurvey, LocalDateTime oralReport) {}

  /**
   * The office starts the round, sets the submission deadline, the assessment deadlines and the taking-part units in
   * the notice, its head approves and the publishing job runs.
   */
  public String publish(int year, LocalDate submissionDeadline, Deadlines deadlines, Predicate<String> takesPart) {
    WebClient office = round.as("office-staff");
    HttpResponse<String> started = office.postJson(ENGINE_API + "/process-definition/key/annual-assessment/submit-form",
        "{\"variables\":{\"year\":{\"value\":" + year + ",\"type\":\"Long\"},"
            + "\"title\":{\"value\":\"关于开展" + year + "年度工作总结和考核的通知\",\"type\":\"String\"}}}", office.csrf());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String roundId = round.tree(started.body()).get("id").asText();

    String draft = round.onlyTask("office-staff", roundId, AnnualAssessmentProcess.DRAFT_NOTICE);
    ObjectNode notice = (ObjectNode) round.variableJson("office-staff", draft, AnnualAssessmentProcess.NOTICE);
    notice.put("submissionDeadline", submissionDeadline.toString());
    ObjectNode assessment = notice.putObject("assessmentDeadlines");
    assessment.put("review", deadlines.review().toString());
    assessment.put("partyEvaluation", deadlines.partyEvaluation().toString());
    assessment.put("bonusApplication", deadlines.bonusApplication().toString());
    assessment.put("youthSurvey", deadlines.youthSurvey().toString());
    assessment.put("oralReport", deadlines.oralReport().toString());
    for (JsonNode unit : notice.get("units")) {
      ((ObjectNode) unit).put("selected", takesPart.test(unit.get("code").asText()));
    }
    round.complete("office-staff", draft, Map.of(AnnualAssessmentProcess.NOTICE, round.jsonVariable(notice)));
    round.complete("office-leader", round.onlyTask("office-leader", roundId, AnnualAssessmentProcess.APPROVE_NOTICE),
        Map.of(AnnualAssessmentProcess.NOTICE_APPROVED, booleanVariable(true)));
    Job publish = managementService.createJobQuery().processInstanceId(roundId).executable().singleResult();
    managementService.executeJob(publish.getId());
    round.executeDueJobs();
    return roundId;
  }

  /**
   * Every unit's staff submits its package (cities the full package, the others the summary only), its leader
   * approves and the office accepts it.
   */
  public void submitAndAccept(String roundId, List<Organisation.Unit> units) {
    for (Organisation.Unit unit : units) {
      String staff = unit.code() + "-staff";
      String instance = unitInstance(roundId, unit.code());
      String task = round.onlyTask(staff, instance, UnitSubmissionProcess.SUBMIT_PACKAGE);
      JsonNode notice = round.variableJson(staff, task, UnitSubmissionProcess.NOTICE);
      round.complete(staff, task, Map.of(UnitSubmissionProcess.PACKAGE,
          round.jsonVariable(round.validPackage(notice, unit.kind().code(), unit.name()))));
      round.complete(unit.code() + "-leader", round.onlyTask(unit.code() + "-leader", instance,
          UnitSubmissionProcess.APPROVE_PACKAGE), Map.of(UnitSubmissionProcess.PACKAGE_APPROVED, booleanVariable(true)));
    }
    for (Organisation.Unit unit : units) {
      round.complete("office-staff", round.onlyTask("office-staff", unitInstance(roundId, unit.code()),
          UnitSubmissionProcess.RECEIVE_PACKAGE), Map.of(UnitSubmissionProcess.PACKAGE_ACCEPTED, booleanVariable(true)));
    }
  }

  public String unitInstance(String roundId, String unitCode) {
    return runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitSubmissionProcess.businessKey(roundId, unitCode)).singleResult().getId();
  }

  public String areaReviewInstance(String roundId, String areaCode) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(AreaReviewProcess.KEY)
        .processInstanceBusinessKey(AreaReviewProcess.businessKey(roundId, areaCode)).singleResult().getId();
  }

  /** The one open task of this definition key in the round, as the user sees it. */
  public String roundTask(String user, String roundId, String taskDefinitionKey) {
    return round.onlyTask(user, roundId, taskDefinitionKey);
  }

  public JsonNode variable(String user, String taskId, String name) {
    return round.variableJson(user, taskId, name);
  }

  public HttpResponse<String> submit(String user, String taskId, Map<String, String> variables) {
    return round.submitForm(user, taskId, variables);
  }

  public void complete(String user, String taskId, Map<String, String> variables) {
    round.complete(user, taskId, variables);
  }

  /** Saves task variables without completing, the way a form's 保存草稿 does. */
  public void saveDraft(String user, String taskId, String name, JsonNode value) {
    WebClient client = round.as(user);
    HttpResponse<String> saved = client.postJson(ENGINE_API + "/task/" + taskId + "/variables",
        "{\"modifications\":{\"" + name + "\":" + round.jsonVariable(value) + "}}", client.csrf());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
  }

  public String json(JsonNode value) {
    return round.jsonVariable(value);
  }

  public JsonNode tree(String text) {
    return round.tree(text);
  }

  public ObjectMapper mapper() {
    return json;
  }

  public HttpResponse<String> get(String user, String path) {
    return round.as(user).get(ENGINE_API + path);
  }

  /** A downloaded file: its bytes and the name the browser saves it under (from {@code filename*}). */
  public record Download(byte[] bytes, String fileName) {}

  /** The bytes of a file variable, downloaded as the forms do ({@code …/variables/<name>/data}). */
  public byte[] download(String user, String path) {
    return downloadFile(user, path).bytes();
  }

  /** As {@link #download}, with the file name of the Content-Disposition header, which must be there. */
  public Download downloadFile(String user, String path) {
    WebClient client = round.as(user);
    try {
      HttpResponse<byte[]> response = binary.send(client.request(ENGINE_API + path)
          .header("Cookie", "JSESSIONID=" + client.cookie("JSESSIONID")).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(path + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(200);
      String disposition = response.headers().firstValue("Content-Disposition").orElse("");
      java.util.regex.Matcher name = java.util.regex.Pattern.compile("filename\\*=UTF-8''([^;\\s]+)").matcher(disposition);
      assertThat(name.find()).as("Content-Disposition of " + path + ": '" + disposition + "'").isTrue();
      return new Download(response.body(), java.net.URLDecoder.decode(name.group(1), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A File variable as the forms upload it in the submit-form body. */
  public static String fileVariable(String fileName, String mimeType, byte[] bytes) {
    return "{\"type\":\"File\",\"value\":\"" + Base64.getEncoder().encodeToString(bytes) + "\",\"valueInfo\":{"
        + "\"filename\":\"" + fileName + "\",\"mimetype\":\"" + mimeType + "\"}}";
  }

  public int executeDueJobs() {
    return round.executeDueJobs();
  }

  public static void moveClockTo(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
  }

  /** Every unit's row of a {"units": [...]} table, by unit code. */
  public static Map<String, ObjectNode> byUnit(JsonNode table) {
    Map<String, ObjectNode> rows = new LinkedHashMap<>();
    JsonNode list = table.isArray() ? table : table.path("units");
    list.forEach(row -> rows.put(row.get("unitCode").asText(), (ObjectNode) row));
    return rows;
  }

  // ---- the figures people enter, deterministic per city and area so that a test can redo the arithmetic ----

  /** The lead department's score of the city (its index among the assessed units) in the area (its index). */
  public static BigDecimal areaScore(int city, int area) {
    return BigDecimal.valueOf(72 + (city * 7 + area * 5) % 25).add(area % 2 == 0 ? new BigDecimal("0.5") : BigDecimal.ZERO);
  }

  public static String areaComment(Organisation.Unit city, Organisation.Area area) {
    return area.name() + "：" + city.name() + "工作扎实，" + area.code() + "评语。";
  }

  public static BigDecimal awareness(int city) {
    return BigDecimal.valueOf(80).add(BigDecimal.valueOf(city).multiply(new BigDecimal("0.5")));
  }

  public static BigDecimal satisfaction(int city) {
    return BigDecimal.valueOf(85 + city % 10).add(new BigDecimal("0.5"));
  }

  public static int sampleSize(int city) {
    return 300 + city;
  }

  public static BigDecimal oralScore(int city) {
    return BigDecimal.valueOf(78 + city % 15).add(new BigDecimal("0.5"));
  }

  /**
   * The area's lead department ({@code <lead>-staff}) finishes its review: every assessed unit with a grade, a score
   * (a JSON number) and a comment. The terminate end runs as a job: the caller executes due jobs.
   */
  public void finishReview(String roundId, Organisation.Area area, int areaIndex, List<Organisation.Unit> cities) {
    String lead = area.leadDepartment() + "-staff";
    String instance = areaReviewInstance(roundId, area.code());
    String task = round.onlyTask(lead, instance, AreaReviewProcess.REVIEW_AREA);
    JsonNode review = round.variableJson(lead, task, AreaReviewProcess.AREA_REVIEW);
    Map<String, ObjectNode> rows = byUnit(review);
    assertThat(rows.keySet()).as("rows of " + area.code())
        .containsExactlyElementsOf(cities.stream().map(Organisation.Unit::code).toList());
    for (int c = 0; c < cities.size(); c++) {
      BigDecimal score = areaScore(c, areaIndex);
      rows.get(cities.get(c).code()).put("grade", gradeCode(score.doubleValue())).put("score", score)
          .put("comment", areaComment(cities.get(c), area));
    }
    round.complete(lead, task, Map.of(AreaReviewProcess.REVIEW_ACTION, RoundDriver.stringVariable(AreaReviewProcess.FINISH),
        AreaReviewProcess.AREA_REVIEW, round.jsonVariable(review)));
  }

  /** The office fills the oral-report scores of every unit and completes its task. */
  public void recordOralReports(String roundId, List<Organisation.Unit> cities) {
    String task = round.onlyTask("office-staff", roundId, AnnualAssessmentProcess.RECORD_ORAL_REPORTS_TASK);
    JsonNode oral = round.variableJson("office-staff", task, AnnualAssessmentProcess.ORAL_REPORTS);
    Map<String, ObjectNode> rows = byUnit(oral);
    for (int c = 0; c < cities.size(); c++) {
      rows.get(cities.get(c).code()).put("score", oralScore(c)).put("remarks", "现场述职");
    }
    round.complete("office-staff", task, Map.of(AnnualAssessmentProcess.ORAL_REPORTS, round.jsonVariable(oral)));
  }

  /** The survey figures of every unit as the agency types them. */
  public static Map<String, SurveyFigures> surveyFigures(List<Organisation.Unit> cities) {
    Map<String, SurveyFigures> figures = new LinkedHashMap<>();
    for (int c = 0; c < cities.size(); c++) {
      figures.put(cities.get(c).code(), new SurveyFigures(sampleSize(c), awareness(c), satisfaction(c)));
    }
    return figures;
  }

  /** The office submits the results (with adjustments, possibly none) and the secretaries' meeting decides. */
  public void submitResults(String roundId, JsonNode adjustments) {
    String task = round.onlyTask("office-staff", roundId, AnnualAssessmentProcess.SUBMIT_RESULTS);
    round.complete("office-staff", task, Map.of(AnnualAssessmentProcess.RESULT_ADJUSTMENTS, round.jsonVariable(adjustments)));
  }

  public void decideResults(String roundId, boolean approved, String comment) {
    String task = round.onlyTask("secretary", roundId, AnnualAssessmentProcess.APPROVE_RESULTS);
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(AnnualAssessmentProcess.RESULTS_APPROVED, booleanVariable(approved));
    if (comment != null) {
      variables.put(AnnualAssessmentProcess.RESULTS_COMMENT, RoundDriver.stringVariable(comment));
    }
    round.complete("secretary", task, variables);
  }

  // ---- documents ----

  /** All text of a .docx, tables included. */
  public static String letterText(byte[] docx) {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
        XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
      return extractor.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row of the results workbook's sheet 考核结果. */
  public record WorkbookRow(String unitName, String kindName, BigDecimal total, String gradeName, int rank) {}

  /** The unit rows of the results workbook (sheet 考核结果, below title and header), by unit name. */
  public static Map<String, WorkbookRow> workbookRows(byte[] xlsx) {
    Map<String, WorkbookRow> rows = new LinkedHashMap<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheet("考核结果");
      assertThat(sheet).as("sheet 考核结果").isNotNull();
      assertThat(wb.getSheet("等次分布")).as("sheet 等次分布").isNotNull();
      Row header = sheet.getRow(1);
      List<String> headers = new ArrayList<>();
      header.forEach(c -> headers.add(c.getStringCellValue()));
      int total = headers.indexOf("总分");
      int grade = headers.indexOf("考核等次") >= 0 ? headers.indexOf("考核等次") : headers.indexOf("等次");
      int rank = headers.indexOf("排名") >= 0 ? headers.indexOf("排名") : headers.indexOf("名次");
      assertThat(List.of(total, grade, rank)).as("headers " + headers).doesNotContain(-1);
      for (int r = 2; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null || row.getCell(1) == null || row.getCell(1).getStringCellValue().isBlank()) {
          continue;
        }
        rows.put(row.getCell(1).getStringCellValue(), new WorkbookRow(row.getCell(1).getStringCellValue(),
            row.getCell(2).getStringCellValue(), decimal(row.getCell(total)), row.getCell(grade).getStringCellValue(),
            (int) row.getCell(rank).getNumericCellValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static BigDecimal decimal(Cell cell) {
    if (cell.getCellType() == CellType.NUMERIC) {
      return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP);
    }
    return new BigDecimal(cell.getStringCellValue().strip()).setScale(2, RoundingMode.HALF_UP);
  }

  /** One unit's survey figures as the agency types them into the template. */
  public record SurveyFigures(Object sampleSize, Object awareness, Object satisfaction) {}

  /**
   * The template filled in: sheet 青年评议, data from the fourth row (title, instructions, header above), the unit
   * code in column A; sample size, awareness and satisfaction in columns C-E.
   */
  public static byte[] fillSurvey(byte[] template, Map<String, SurveyFigures> figures) {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      Sheet sheet = wb.getSheet("青年评议");
      assertThat(sheet).isNotNull();
      int filled = 0;
      for (int r = 3; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null || row.getCell(0) == null) {
          continue;
        }
        SurveyFigures f = figures.get(row.getCell(0).getStringCellValue());
        if (f == null) {
          continue;
        }
        set(row, 2, f.sampleSize());
        set(row, 3, f.awareness());
        set(row, 4, f.satisfaction());
        filled++;
      }
      assertThat(filled).as("rows filled").isEqualTo(figures.size());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void set(Row row, int column, Object value) {
    Cell cell = row.getCell(column) == null ? row.createCell(column) : row.getCell(column);
    if (value instanceof Number n) {
      cell.setCellValue(n.doubleValue());
    } else if (value != null) {
      cell.setCellValue(value.toString());
    } else {
      cell.setBlank();
    }
  }

  // ---- arithmetic by hand (docs/assessment-phase.md, Arithmetic) ----

  /** Weights 60/10/10/20; late deduction 0 in both configurations. */
  public static BigDecimal expectedTotal(List<BigDecimal> areaScores, BigDecimal party, BigDecimal awareness,
      BigDecimal satisfaction, int awarenessShare, int satisfactionShare, BigDecimal oral, int bonus) {
    BigDecimal indicator = areaScores.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(areaScores.size()), 12, RoundingMode.HALF_UP);
    BigDecimal youth = awareness.multiply(BigDecimal.valueOf(awarenessShare))
        .add(satisfaction.multiply(BigDecimal.valueOf(satisfactionShare))).divide(HUNDRED, 12, RoundingMode.HALF_UP);
    BigDecimal weighted = indicator.multiply(BigDecimal.valueOf(60)).add(party.multiply(BigDecimal.valueOf(10)))
        .add(youth.multiply(BigDecimal.valueOf(10))).add(oral.multiply(BigDecimal.valueOf(20)))
        .divide(HUNDRED, 12, RoundingMode.HALF_UP);
    return weighted.add(BigDecimal.valueOf(bonus)).setScale(2, RoundingMode.HALF_UP);
  }

  /** The DMN's thresholds as docs/assessment-phase.md gives them. */
  public static String expectedGradeName(BigDecimal total) {
    if (total.compareTo(BigDecimal.valueOf(90)) >= 0) {
      return "好";
    }
    if (total.compareTo(BigDecimal.valueOf(80)) >= 0) {
      return "较好";
    }
    if (total.compareTo(BigDecimal.valueOf(60)) >= 0) {
      return "一般";
    }
    return "差";
  }

  public static String gradeCode(double score) {
    return score >= 90 ? "good" : score >= 80 ? "fairly-good" : score >= 60 ? "average" : "poor";
  }
}
