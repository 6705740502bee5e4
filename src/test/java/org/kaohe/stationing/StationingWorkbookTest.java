package org.kaohe.stationing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The month's compiled workbook, opened with POI: a row per department/city/county, and the days per department. */
class StationingWorkbookTest {

  private static final Map<String, String> NAMES = Map.of("publicity", "宣传部", "school", "学校部",
      "guangzhou", "广州市团委", "foshan", "佛山市团委", "jieyang", "揭阳市团委");

  @Test
  void everyFieldOfAttachmentTwoAndTheDaysPerDepartment() throws Exception {
    String second = StationingReportRulesTest.VALID.replace("越秀区\"", "越秀区\"").replace(
        "\"days\": [{\"date\": \"2026-05-06\", \"cadres\": [\"张三\", \"李四\"]}, {\"date\": \"2026-05-20\", \"cadres\": [\"张三\"]}]",
        "\"days\": [{\"date\": \"2026-05-06\", \"cadres\": [\"王五\"]}, {\"date\": \"2026-05-21\", \"cadres\": [\"=HYPERLINK(1)\"]}]");
    OffsetDateTime due = OffsetDateTime.parse("2026-05-31T23:59:59+08:00");
    List<StationingRecords.Report> reports = List.of(
        new StationingRecords.Report("guangdong", 2026, 5, "publicity", "foshan", "submitted", due, second, "u", due, true, "p1"),
        new StationingRecords.Report("guangdong", 2026, 5, "publicity", "guangzhou", "submitted", due,
            StationingReportRulesTest.VALID, "u", due, false, "p2"),
        new StationingRecords.Report("guangdong", 2026, 5, "school", "jieyang", "open", due, null, null, null, false, "p3"));

    byte[] bytes = StationingWorkbook.write(2026, 5, reports, NAMES::get, 3);

    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet sheet = workbook.getSheet(StationingWorkbook.REPORTS_SHEET);
      assertThat(sheet.getRow(0).getLastCellNum()).isEqualTo((short) StationingWorkbook.HEADERS.size());
      assertThat(cells(sheet.getRow(0))).contains("该地区无团干团支部数量", "团员成为注册志愿者比例（%）", "基层青年意见",
          "本月驻点时间及人员");
      assertThat(sheet.getLastRowNum()).isEqualTo(3);
      List<String> guangzhou = cells(sheet.getRow(2));
      assertThat(guangzhou).startsWith("5月", "宣传部", "广州市团委", "已报送", "张三", "越秀区", "2", "2",
          "某街道团支部、某社区团支部", "1", "某社区团支部", "0", "");
      assertThat(guangzhou).contains("91.5", "8.5", "希望多开展技能培训", "2026-05-06 张三、李四；2026-05-20 张三");
      assertThat(cells(sheet.getRow(1))).startsWith("5月", "宣传部", "佛山市团委", "已报送（逾期）");
      assertThat(cells(sheet.getRow(3))).containsExactly("5月", "学校部", "揭阳市团委", "未报送");
      // Typed text stays text.
      assertThat(sheet.getRow(1).getCell(StationingWorkbook.HEADERS.size() - 1).getCellType()).isEqualTo(CellType.STRING);

      Sheet days = workbook.getSheet(StationingWorkbook.DAYS_SHEET);
      // 宣传部: 6th (both cities, counted once), 20th, 21st = 3 days; 学校部 filed nothing.
      assertThat(cells(days.getRow(1))).startsWith("宣传部", "3.0", "是");
      assertThat(cells(days.getRow(2))).startsWith("学校部", "0.0", "否");
    }
  }

  private static List<String> cells(Row row) {
    List<String> out = new java.util.ArrayList<>();
    row.forEach(cell -> out.add(cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue())
        : cell.getStringCellValue()));
    return out;
  }
}
