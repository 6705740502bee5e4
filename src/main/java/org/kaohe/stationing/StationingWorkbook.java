package org.kaohe.stationing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The month's compiled stationing reports as .xlsx: sheet 驻点月报 has one row per department, city and county with
 * every field of attachment 2 (a report not filed is one row that says so); sheet 驻点天数 has each department's
 * distinct days and whether they reach the minimum. User text goes into cells as text, never as formulas.
 */
final class StationingWorkbook {

  static final String REPORTS_SHEET = "驻点月报";
  static final String DAYS_SHEET = "驻点天数";
  static final List<String> HEADERS = List.of("月份", "对接部门", "对接地市", "状态", "经办团干", "县（市、区）",
      "该地区无团干团支部数量", "本月实地抽查团支部数量", "本月实地抽查团支部名称",
      "抽查中未建立支部微信群或群内团员数不足3/4的支部数量", "抽查中未建立支部微信群或群内团员数不足3/4的支部名称",
      "抽查中团支部书记本人不会操作智慧团建系统的支部数量", "抽查中团支部书记本人不会操作智慧团建系统的支部名称",
      "被抽查团支部团员对本支部所开展活动的评价情况（包括活动名称）", "该地区抓实团支部书记履责强化团支部建设经验（需实地核实）",
      "推动建团非公企业任务底数", "推动建团社会组织任务底数", "本月新建团非公企业数", "新增非公企业团员数",
      "本月新建团社会组织数", "新增社会组织团员数", "典型非公企业/社会组织团组织名称", "典型非公企业/社会组织团组织建设经验",
      "团员成为注册志愿者比例（%）", "团员人均服务时长（小时）", "基层青年意见", "本月驻点时间及人员");

  private static final ObjectMapper JSON = new ObjectMapper();

  private StationingWorkbook() {}

  static byte[] write(int year, int month, List<StationingRecords.Report> reports, Function<String, String> names,
      int minDays) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet sheet = workbook.createSheet(REPORTS_SHEET);
      header(sheet, HEADERS, bold);
      Map<String, TreeSet<String>> days = new TreeMap<>();
      Map<String, List<String>> people = new TreeMap<>();
      for (StationingRecords.Report report : reports) {
        days.computeIfAbsent(report.department(), d -> new TreeSet<>());
        people.computeIfAbsent(report.department(), d -> new ArrayList<>());
        boolean filed = StationingRecords.SUBMITTED.equals(report.status()) && report.reportJson() != null;
        List<String> common = List.of(month + "月", names.apply(report.department()), names.apply(report.city()),
            !filed ? "未报送" : report.late() ? "已报送（逾期）" : "已报送");
        if (!filed) {
          row(sheet, common);
          continue;
        }
        JsonNode json = JSON.readTree(report.reportJson());
        StringBuilder stationed = new StringBuilder();
        for (JsonNode day : json.path("days")) {
          List<String> cadres = new ArrayList<>();
          day.path("cadres").forEach(c -> cadres.add(c.asText().trim()));
          stationed.append(stationed.isEmpty() ? "" : "；").append(day.path("date").asText()).append(" ")
              .append(String.join("、", cadres));
          days.get(report.department()).add(day.path("date").asText());
          people.get(report.department()).add(names.apply(report.city()) + " " + day.path("date").asText() + " "
              + String.join("、", cadres));
        }
        for (JsonNode county : json.path("counties")) {
          List<String> cells = new ArrayList<>(common);
          cells.add(json.path("cadreInCharge").asText());
          cells.add(county.path("county").asText());
          cells.add(county.path("branchesWithoutCadre").asText());
          for (String named : List.of("spotChecked", "withoutWeChatGroup", "secretariesWithoutSystem")) {
            cells.add(county.path(named).path("count").asText());
            List<String> list = new ArrayList<>();
            county.path(named).path("names").forEach(n -> list.add(n.asText()));
            cells.add(String.join("、", list));
          }
          for (String field : List.of("memberEvaluations", "secretaryExperience", "nonPublicEnterpriseTarget",
              "socialOrganisationTarget", "newNonPublicEnterprises", "newNonPublicEnterpriseMembers",
              "newSocialOrganisations", "newSocialOrganisationMembers", "typicalOrganisationName",
              "typicalOrganisationExperience", "volunteerRate", "serviceHoursPerMember", "youthOpinions")) {
            cells.add(county.path(field).isNull() ? "" : county.path(field).asText());
          }
          cells.add(stationed.toString());
          row(sheet, cells);
        }
      }
      Sheet daySheet = workbook.createSheet(DAYS_SHEET);
      header(daySheet, List.of("对接部门", "本月驻点天数", "是否达到" + minDays + "天", "驻点时间及人员"), bold);
      days.forEach((department, dates) -> {
        Row row = daySheet.createRow(daySheet.getLastRowNum() + 1);
        row.createCell(0).setCellValue(names.apply(department));
        row.createCell(1).setCellValue(dates.size());
        row.createCell(2).setCellValue(dates.size() >= minDays ? "是" : "否");
        row.createCell(3).setCellValue(String.join("；", people.get(department)));
      });
      sheet.setColumnWidth(1, 20 * 256);
      daySheet.setColumnWidth(0, 24 * 256);
      daySheet.setColumnWidth(3, 60 * 256);
      workbook.setActiveSheet(0);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(Sheet sheet, List<String> headers, CellStyle bold) {
    Row row = sheet.createRow(0);
    for (int i = 0; i < headers.size(); i++) {
      row.createCell(i).setCellValue(headers.get(i));
      row.getCell(i).setCellStyle(bold);
    }
    sheet.createFreezePane(0, 1);
  }

  // setCellValue(String) stores text: a value typed as "=HYPERLINK(...)" stays text, not a formula.
  private static void row(Sheet sheet, List<String> cells) {
    Row row = sheet.createRow(sheet.getLastRowNum() + 1);
    for (int i = 0; i < cells.size(); i++) {
      row.createCell(i).setCellValue(cells.get(i));
    }
  }
}
