package org.kaohe.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.kaohe.document.Documents.AreaComment;
import org.kaohe.document.Documents.ComponentLine;
import org.kaohe.document.Documents.Contact;
import org.kaohe.document.Documents.FeedbackLetter;
import org.kaohe.document.Documents.PartyEvaluationRequest;
import org.kaohe.document.Documents.ResultRow;
import org.kaohe.document.Documents.ResultsTable;
import org.kaohe.document.YouthSurveyWorkbook.UnitRef;

/** Sample data after seed 004 (Inner Mongolia, 2020) for the document tests. */
final class Samples {

  private Samples() {}

  static final String ORGANISATION = "共青团内蒙古自治区委员会";

  static PartyEvaluationRequest request() {
    return new PartyEvaluationRequest(ORGANISATION, 2020, "关于印发《2020年度盟市共青团工作考核方案》的通知",
        "中共呼和浩特市委", "共青团呼和浩特市委员会", LocalDate.of(2020, 12, 25), LocalDate.of(2020, 12, 1),
        List.of(new Contact("王  芳", "0471-6666666", "zzb@nmgqn.org.cn"), new Contact("李  明", "0471-6666667", null)));
  }

  static FeedbackLetter letter() {
    return new FeedbackLetter(ORGANISATION, 2020, "关于印发《2020年度盟市共青团工作考核方案》的通知", "中共呼和浩特市委",
        "共青团呼和浩特市委员会",
        List.of(new ComponentLine("指标评价", 60, new BigDecimal("88.50"), ""),
            new ComponentLine("党委评价", 10, new BigDecimal("95"), "按评价等次“好”折算"),
            new ComponentLine("青年评议", 10, new BigDecimal("86.25"), null),
            new ComponentLine("述职评议", 20, new BigDecimal("90.00"), "")),
        new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("91.83"), "好", 2, 12,
        List.of(new AreaComment("聚焦强化青少年思想政治引领，努力提升共青团引领力", "宣传部", "好", new BigDecimal("92"),
                "“青年大学习”行动组织有力，参学率位居全区前列；网上主题团课形式新颖，网络新媒体矩阵宣传任务完成较好。"
                    + "青少年民族团结进步教育活动有声有色。"),
            new AreaComment("聚焦树立大抓基层的鲜明导向，努力提升共青团组织力", "组织部", "较好", new BigDecimal("85.5"),
                "社会领域团组织覆盖稳步扩大，“智慧团建”系统各项指标达标；团干部培训参训率有待提高。"),
            new AreaComment("聚焦竭诚服务青少年成长成才，努力提升共青团服务力", "青年发展部", "好", new BigDecimal("90"),
                "青年工作联席会议机制全面建立，“青创易贷”发放规模较上年增长明显。"),
            new AreaComment("聚焦服务自治区党政工作大局，努力提升共青团贡献度", "社会联络部", "较好", new BigDecimal("86.5"),
                "脱贫攻坚青春建功行动扎实，志愿服务工作覆盖面广。")),
        LocalDate.of(2021, 1, 15));
  }

  static ResultsTable results() {
    return new ResultsTable("2020年度盟市共青团工作考核结果", List.of("好", "较好", "一般", "差"), List.of(
        row("hohhot", "共青团呼和浩特市委员会", "91.83", "好", 2, "党委评价按等次折算"),
        row("baotou", "共青团包头市委员会", "93.10", "好", 1, ""),
        row("hulunbuir", "共青团呼伦贝尔市委员会", "84.00", "较好", 3, "逾期提交，扣 1 分"),
        row("xilingol", "共青团锡林郭勒盟委员会", "84.00", "较好", 3, null),
        row("alxa", "共青团阿拉善盟委员会", "72.35", "一般", 5,
            "青年评议未能按期完成，按办公室补录的分值计算；述职评议因疫情改为书面述职，由书记会成员书面评议。")));
  }

  private static ResultRow row(String code, String name, String total, String grade, int rank, String notes) {
    BigDecimal t = new BigDecimal(total);
    return new ResultRow(code, name, "盟市团委", t.subtract(BigDecimal.ONE), t.add(BigDecimal.ONE), new BigDecimal("80.5"),
        t, new BigDecimal("1.00"), rank == 3 && code.equals("hulunbuir") ? BigDecimal.ONE : BigDecimal.ZERO, t, grade,
        rank, notes);
  }

  static List<UnitRef> units() {
    return List.of(new UnitRef("hohhot", "共青团呼和浩特市委员会"), new UnitRef("baotou", "共青团包头市委员会"),
        new UnitRef("hulunbuir", "共青团呼伦贝尔市委员会"), new UnitRef("xilingol", "共青团锡林郭勒盟委员会"));
  }
}
