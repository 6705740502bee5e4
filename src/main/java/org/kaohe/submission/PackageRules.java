package org.kaohe.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.Notice;

/**
 * What a package must hold before its unit's leader sees it (seed 000): the four-part summary within the
 * configured limit; for a city also one key-work row per catalogue area (attachment 2) and the
 * party-government evaluation tables (attachment 3). Every problem is reported, in Chinese, at once.
 */
final class PackageRules {

  static final String[] SUMMARY_PARTS = {"yearWork", "problems", "nextYearIdeas", "suggestions"};
  static final int SHORT_TEXT = 200;
  static final int LONG_TEXT = 2000;
  static final int NOTES = 5000;

  private PackageRules() {}

  static List<String> check(JsonNode pkg, Notice notice, String unitKind) {
    List<String> problems = new ArrayList<>();
    if (pkg == null || !pkg.isObject()) {
      problems.add("尚未填写报送材料");
      return problems;
    }
    Organisation.Limits limits = notice.limits();
    String[] labels = {notice.year() + "年工作情况", "存在的问题与困难", (notice.year() + 1) + "年工作思路", "意见建议"};
    JsonNode summary = pkg.path("summary");
    int total = 0;
    for (int i = 0; i < SUMMARY_PARTS.length; i++) {
      String text = text(summary, SUMMARY_PARTS[i], "工作总结「" + labels[i] + "」", problems);
      if (text.isBlank()) {
        problems.add("工作总结「" + labels[i] + "」不能为空");
      }
      total += length(text);
    }
    if (total > limits.summaryMaxCharacters()) {
      problems.add("工作总结共 " + total + " 字，超过上限 " + limits.summaryMaxCharacters() + " 字");
    }
    if ("city".equals(unitKind)) {
      checkKeyWork(pkg.path("keyWork"), notice, problems);
      checkEvaluation(pkg.path("evaluation"), problems);
    }
    return problems;
  }

  private static void checkKeyWork(JsonNode rows, Notice notice, List<String> problems) {
    int max = notice.limits().keyWorkRowMaxCharacters();
    Set<String> filled = new HashSet<>();
    if (!rows.isMissingNode() && !rows.isArray()) {
      problems.add("重点工作开展情况表格式不正确");
      return;
    }
    List<Organisation.Area> areas = notice.catalogue().areas();
    for (JsonNode row : rows) {
      String code = row.path("areaCode").asText("");
      var area = areas.stream().filter(a -> a.code().equals(code)).findFirst();
      if (area.isEmpty()) {
        problems.add("重点工作开展情况表中有不属于本年度考核目录的项目「" + code + "」");
        continue;
      }
      String label = "重点工作开展情况表第 " + (areas.indexOf(area.get()) + 1) + " 项「" + area.get().name() + "」";
      String status = text(row, "status", label, problems);
      if (length(status) > max) {
        problems.add(label + "共 " + length(status) + " 字，超过 " + max + " 字");
      }
      if (!status.isBlank()) {
        filled.add(code);
      }
    }
    for (int i = 0; i < areas.size(); i++) {
      if (!filled.contains(areas.get(i).code())) {
        problems.add("重点工作开展情况表第 " + (i + 1) + " 项「" + areas.get(i).name() + "」未填写");
      }
    }
  }

  private static void checkEvaluation(JsonNode evaluation, List<String> problems) {
    rows(evaluation.path("instructions"), "附表1 党委领导批示情况", problems, (row, label) -> {
      required(row, "by", label + "批示人", problems);
      date(row, "date", label + "批示时间", true, problems);
      for (String field : new String[] {"position", "item", "remarks"}) {
        limit(row, field, label, SHORT_TEXT, problems);
      }
      String content = text(row, "content", label + "批示内容", problems);
      if (row.path("secret").asBoolean(false) && !content.isBlank()) {
        problems.add(label + "为涉密批示，只填报次数，不填写批示内容");
      }
      if (length(content) > LONG_TEXT) {
        problems.add(label + "批示内容超过 " + LONG_TEXT + " 字");
      }
    });
    rows(evaluation.path("assignedTasks"), "附表2 党政交办任务情况", problems, (row, label) -> {
      required(row, "name", label + "任务名称", problems);
      date(row, "date", label + "交办时间", false, problems);
      limit(row, "source", label, SHORT_TEXT, problems);
      limit(row, "remarks", label, SHORT_TEXT, problems);
      limit(row, "content", label, LONG_TEXT, problems);
      limit(row, "completion", label, LONG_TEXT, problems);
    });
    rows(evaluation.path("localEvaluations"), "附表3 地方考评情况", problems, (row, label) -> {
      required(row, "name", label + "考评名称", problems);
      date(row, "date", label + "考评时间", false, problems);
      limit(row, "evaluatingBody", label, SHORT_TEXT, problems);
      limit(row, "grade", label, SHORT_TEXT, problems);
      limit(row, "remarks", label, SHORT_TEXT, problems);
      limit(row, "content", label, LONG_TEXT, problems);
    });
    String notes = text(evaluation, "otherNotes", "其他需要说明的情况", problems);
    if (length(notes) > NOTES) {
      problems.add("其他需要说明的情况超过 " + NOTES + " 字");
    }
  }

  private interface RowCheck {
    void check(JsonNode row, String label);
  }

  private static void rows(JsonNode rows, String table, List<String> problems, RowCheck check) {
    if (rows.isMissingNode() || rows.isNull()) {
      return;
    }
    if (!rows.isArray()) {
      problems.add(table + "格式不正确");
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      check.check(rows.get(i), table + "第 " + (i + 1) + " 行");
    }
  }

  private static void required(JsonNode row, String field, String label, List<String> problems) {
    String value = text(row, field, label, problems);
    if (value.isBlank()) {
      problems.add(label + "不能为空");
    } else if (length(value) > SHORT_TEXT) {
      problems.add(label + "超过 " + SHORT_TEXT + " 字");
    }
  }

  private static void limit(JsonNode row, String field, String label, int max, List<String> problems) {
    String value = text(row, field, label, problems);
    if (length(value) > max) {
      problems.add(label + "的内容超过 " + max + " 字");
    }
  }

  private static void date(JsonNode row, String field, String label, boolean required, List<String> problems) {
    String value = text(row, field, label, problems).strip();
    if (value.isEmpty()) {
      if (required) {
        problems.add(label + "不能为空");
      }
      return;
    }
    try {
      LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(label + "「" + value + "」不是有效日期，应为 年-月-日，例如 2017-06-30");
    }
  }

  /** A text field's value; a value that is not text is reported, never coerced. */
  private static String text(JsonNode node, String field, String label, List<String> problems) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      problems.add(label + "应为文字");
      return "";
    }
    return value.asText();
  }

  /** Characters as a reader counts them: one per Chinese character, whatever its UTF-16 length. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
