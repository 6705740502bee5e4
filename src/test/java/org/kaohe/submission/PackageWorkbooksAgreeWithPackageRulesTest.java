package org.kaohe.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.document.PoiPackageWorkbooks.PackageImport;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;

/** What the package workbooks read is a package PackageRules accepts. */
class PackageWorkbooksAgreeWithPackageRulesTest {

  private final Notice notice = new Notice("guangdong", "共青团广东省委员会", "office", 2017, "通知", "正文",
      LocalDate.of(2017, 12, 31), null, List.of(), List.of(),
      new Organisation.Catalogue(2017, "目录", List.of(
          new Organisation.Area("reform", "共青团深化改革工作", "office", List.of(), List.of()),
          new Organisation.Area("strict", "从严治团", "grassroots", List.of(), List.of()))),
      new Organisation.Limits(3000, 4000, 500, 300), "逾期将影响考核结果", null, null);

  @Test
  void aReadPackagePassesPackageRules() throws Exception {
    PoiPackageWorkbooks workbooks = new PoiPackageWorkbooks();
    byte[] keyWork;
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbooks.keyWorkTemplate(notice, "广州")))) {
      wb.getSheetAt(0).getRow(4).getCell(2).setCellValue("字".repeat(500));
      wb.getSheetAt(0).getRow(5).getCell(2).setCellValue("从严治团情况");
      keyWork = bytes(wb);
    }
    byte[] evaluation;
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbooks.evaluationTemplate(notice, "广州")))) {
      XSSFSheet instructions = wb.getSheetAt(0);
      instructions.getRow(4).getCell(1).setCellValue("张三");
      instructions.getRow(4).getCell(3).setCellValue(LocalDate.of(2017, 5, 1));
      instructions.getRow(4).getCell(7).setCellValue("是");
      wb.getSheetAt(1).getRow(4).getCell(1).setCellValue("任务");
      wb.getSheetAt(2).getRow(4).getCell(1).setCellValue("考评");
      wb.getSheetAt(2).getRow(4).getCell(3).setCellValue("2017年12月20日");
      evaluation = bytes(wb);
    }
    PackageImport k = workbooks.readKeyWork(keyWork, notice);
    PackageImport e = workbooks.readEvaluation(evaluation);
    assertThat(k.problems()).isEmpty();
    assertThat(e.problems()).isEmpty();
    ObjectNode pkg = new ObjectMapper().createObjectNode();
    ObjectNode summary = pkg.putObject("summary");
    for (String part : PackageRules.SUMMARY_PARTS) {
      summary.put(part, "内容");
    }
    pkg.set("keyWork", k.value());
    pkg.set("evaluation", e.value());
    assertThat(PackageRules.check(pkg, notice, "city")).isEmpty();
  }

  private static byte[] bytes(XSSFWorkbook wb) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }
}
