package org.kaohe.progressreport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressReportValidatorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String LINES = """
      [{"number": 3, "title": "青年大学习"}, {"number": 7, "title": "志愿服务"}]""";

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void aCompleteReportPasses() throws Exception {
    assertThat(ProgressReportValidator.problems(json(LINES), json("""
        [{"number": 3, "progress": "开展两期\\n覆盖十万人", "nextPlan": "继续推进"},
         {"number": 7, "progress": "本月无新进展", "nextPlan": "筹备年终总结"}]"""), 2000)).isEmpty();
  }

  @Test
  void anEmptyOrBlankColumnIsRefusedNamingTheLine() throws Exception {
    assertThat(ProgressReportValidator.problems(json(LINES), json("""
        [{"number": 3, "progress": "   ", "nextPlan": "继续推进"}]"""), 2000)).containsExactly(
        "第3项“青年大学习”的本月推进情况未填写（没有新进展请填写“本月无新进展”）",
        "第7项“志愿服务”的本月推进情况未填写（没有新进展请填写“本月无新进展”）",
        "第7项“志愿服务”的下一步推进计划未填写（没有新进展请填写“本月无新进展”）");
  }

  @Test
  void theLimitCountsCharactersNotBytesAndIsInclusive() throws Exception {
    String five = "推进五个字";
    String six = "推进六个字了";
    String report = "[{\"number\": 3, \"progress\": \"" + five + "\", \"nextPlan\": \"" + six + "\"},"
        + " {\"number\": 7, \"progress\": \"" + five + "\", \"nextPlan\": \"" + five + "\"}]";
    assertThat(ProgressReportValidator.problems(json(LINES), json(report), 5))
        .containsExactly("第3项“青年大学习”的下一步推进计划超过5字");
  }

  @Test
  void anotherDepartmentsLineIsRefused() throws Exception {
    assertThat(ProgressReportValidator.problems(json(LINES), json("""
        [{"number": 3, "progress": "a", "nextPlan": "b"}, {"number": 7, "progress": "a", "nextPlan": "b"},
         {"number": 9, "progress": "a", "nextPlan": "b"}]"""), 2000)).containsExactly("第9项不是本部门负责的重点工作");
  }

  @Test
  void aKeyWorkDraftNeedsLinesTitlesAndAKnownDepartment() throws Exception {
    Set<String> departments = Set.of("publicity", "grassroots");
    assertThat(KeyWorkValidator.problems(json("{\"lines\": []}"), departments)).containsExactly("目录中没有重点工作");
    assertThat(KeyWorkValidator.problems(json("""
        {"lines": [{"number": 1, "title": "青年大学习", "department": "publicity"},
                   {"number": 1, "title": "", "department": ""},
                   {"number": 3, "title": "x", "department": "guangzhou"}]}"""), departments)).containsExactly(
        "第1项序号缺失或重复", "第1项未填写重点工作名称", "第1项未选择责任部门", "第3项的责任部门“guangzhou”不是本机关的部门或直属单位");
  }
}
