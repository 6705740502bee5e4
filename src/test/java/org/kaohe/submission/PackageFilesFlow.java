package org.kaohe.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.kaohe.WebClient;
import org.kaohe.document.PoiPackageWorkbooks;

/**
 * A city's submission done with the two attachment templates, as a user would in a spreadsheet program: download
 * each from the submission task, fill it, upload it; what the form receives is compared with what was typed.
 */
public final class PackageFilesFlow {

  public static final String API = "/camunda/api/tasklist/plugin/kaohe/default/tasks/";
  /** 0-based row of the first data row of every sheet (title, unit, instruction, header above it). */
  public static final int FIRST = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PackageFilesFlow() {}

  /** What the filled templates give: the package's keyWork and evaluation as typed into the workbooks. */
  public record Filled(JsonNode keyWork, JsonNode evaluation) {}

  /**
   * Downloads both templates of the task, fills them, uploads them; asserts that what comes back is exactly what
   * was typed and returns it.
   */
  public static Filled fillAndUpload(WebClient city, String taskId, JsonNode notice, String unitName)
      throws Exception {
    HttpResponse<byte[]> keyWorkTemplate = city.getBytes(API + taskId + "/templates/key-work");
    assertThat(keyWorkTemplate.statusCode()).isEqualTo(200);
    assertThat(keyWorkTemplate.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(keyWorkTemplate.headers().firstValue("Content-Disposition").orElse(""))
        .contains("filename*=UTF-8''").contains(".xlsx");
    HttpResponse<byte[]> evaluationTemplate = city.getBytes(API + taskId + "/templates/evaluation");
    assertThat(evaluationTemplate.statusCode()).isEqualTo(200);

    ArrayNode keyWork = JSON.createArrayNode();
    JsonNode areas = notice.path("catalogue").path("areas");
    byte[] keyWorkFile = fill(keyWorkTemplate.body(), wb -> {
      XSSFSheet sheet = wb.getSheet(PoiPackageWorkbooks.KEY_WORK_SHEET);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains(unitName);
      for (int i = 0; i < areas.size(); i++) {
        String status = unitName + "全年推进“" + areas.get(i).path("name").asText() + "”：开展活动 " + (12 * (i + 1))
            + " 场，\n覆盖青年 " + (1500 * (i + 1)) + " 人次。";
        sheet.getRow(FIRST + i).getCell(2).setCellValue(status);
        keyWork.addObject().put("areaCode", areas.get(i).path("code").asText()).put("status", status);
      }
    });
    ObjectNode evaluation = JSON.createObjectNode();
    byte[] evaluationFile = fill(evaluationTemplate.body(), wb -> {
      row(wb.getSheetAt(0), FIRST, "张三", "市委书记", LocalDate.of(2026, 5, 1), "共青团改革", "要求抓好改革落实。", "", "否", "否");
      row(wb.getSheetAt(0), FIRST + 1, "李四", "市委副书记", LocalDate.of(2026, 6, 30), "青年发展", "", "涉密", "是", "否");
      row(wb.getSheetAt(1), FIRST, "青年之家建设", "市委办公室", LocalDate.of(2026, 3, 15), "建设 50 个青年之家", "已完成", "");
      row(wb.getSheetAt(2), FIRST, "年度综合考评", "市委组织部", LocalDate.of(2026, 12, 20), "全年工作", "优秀", "");
    });
    evaluation.set("instructions", JSON.readTree("""
        [{"by": "张三", "position": "市委书记", "date": "2026-05-01", "item": "共青团改革", "content": "要求抓好改革落实。",
          "remarks": "", "secret": false, "circulatedOnly": false},
         {"by": "李四", "position": "市委副书记", "date": "2026-06-30", "item": "青年发展", "content": "", "remarks": "涉密",
          "secret": true, "circulatedOnly": false}]"""));
    evaluation.set("assignedTasks", JSON.readTree("""
        [{"name": "青年之家建设", "source": "市委办公室", "date": "2026-03-15", "content": "建设 50 个青年之家",
          "completion": "已完成", "remarks": ""}]"""));
    evaluation.set("localEvaluations", JSON.readTree("""
        [{"name": "年度综合考评", "evaluatingBody": "市委组织部", "date": "2026-12-20", "content": "全年工作",
          "grade": "优秀", "remarks": ""}]"""));

    HttpResponse<String> keyWorkRead = city.upload(API + taskId + "/workbooks/key-work", keyWorkFile, "附件2.xlsx");
    assertThat(keyWorkRead.statusCode()).as(keyWorkRead.body()).isEqualTo(200);
    assertThat(JSON.readTree(keyWorkRead.body()).get("keyWork")).isEqualTo(keyWork);
    HttpResponse<String> evaluationRead =
        city.upload(API + taskId + "/workbooks/evaluation", evaluationFile, "附件3.xlsx");
    assertThat(evaluationRead.statusCode()).as(evaluationRead.body()).isEqualTo(200);
    assertThat(JSON.readTree(evaluationRead.body()).get("evaluation")).isEqualTo(evaluation);
    return new Filled(keyWork, evaluation);
  }

  public interface Filler {
    void fill(XSSFWorkbook wb) throws Exception;
  }

  public static byte[] fill(byte[] template, Filler filler) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      filler.fill(wb);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  /** Fills a row from column B on: a LocalDate becomes a date cell, an empty text stays empty. */
  static void row(XSSFSheet sheet, int r, Object... values) {
    XSSFRow row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
    for (int i = 0; i < values.length; i++) {
      XSSFCell cell = row.getCell(i + 1) == null ? row.createCell(i + 1) : row.getCell(i + 1);
      if (values[i] instanceof LocalDate date) {
        cell.setCellValue(date);
      } else if (values[i] instanceof String text && !text.isEmpty()) {
        cell.setCellValue(text);
      }
    }
  }
}
