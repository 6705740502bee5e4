package org.kaohe.stationing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a filing must hold, by kind. city-plan: {"content"} (the local plan); project-report: {"project", "content"};
 * party-courses: {"courses": [{"courseware", "date", "place", "attendance", "lecturer"}]} (seed 002: "课件、时间、地点、授课人数").
 */
final class StationingFilingRules {

  static final int TEXT_MAX = 20_000;
  static final int SHORT_MAX = 200;

  private StationingFilingRules() {}

  static List<String> problems(String kind, JsonNode filing) {
    List<String> problems = new ArrayList<>();
    if (filing == null || !filing.isObject()) {
      problems.add("材料不能为空");
      return problems;
    }
    switch (kind) {
      case StationingFilingProcess.CITY_PLAN -> text(filing, "content", "实施方案", TEXT_MAX, "", problems);
      case StationingFilingProcess.PROJECT_REPORT -> {
        text(filing, "project", "工作项目名称", SHORT_MAX, "", problems);
        text(filing, "content", "项目报告", TEXT_MAX, "", problems);
      }
      case StationingFilingProcess.PARTY_COURSES -> courses(filing.path("courses"), problems);
      default -> problems.add("未知的材料类别：" + kind);
    }
    return problems;
  }

  private static void courses(JsonNode courses, List<String> problems) {
    if (!courses.isArray() || courses.isEmpty()) {
      problems.add("请至少填写一次党团课");
      return;
    }
    int index = 0;
    for (JsonNode course : courses) {
      index++;
      String where = "第" + index + "次党团课的";
      text(course, "courseware", "课件名称", SHORT_MAX, where, problems);
      try {
        LocalDate.parse(course.path("date").asText(""));
      } catch (DateTimeParseException e) {
        problems.add(where + "时间请填写日期");
      }
      text(course, "place", "地点", SHORT_MAX, where, problems);
      text(course, "lecturer", "授课人", StationingReportRules.NAME_MAX, where, problems);
      JsonNode attendance = course.path("attendance");
      if (!attendance.isIntegralNumber() || attendance.asLong() < 1 || attendance.asLong() > 100_000) {
        problems.add(where + "授课人数应为正整数");
      }
    }
  }

  private static void text(JsonNode node, String field, String label, int max, String where, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(where + label + "不能为空");
    } else if (value.asText().length() > max) {
      problems.add(where + label + "不能超过" + max + "字");
    }
  }
}
