package org.kaohe.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a lead department's review must hold (seed 004 三(二)): every assessed unit exactly once, with a grade of
 * the organisation, a score from 0 to 100 with at most one decimal and a comment within the limit; and what a
 * return for completion must hold. Every problem is reported, in Chinese, at once. Pure: the caller supplies
 * the units' current state from the records.
 */
final class AreaReviewRules {

  static final int RETURN_COMMENT_MAX = 500;
  static final int OPINION_MAX = 1000;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private AreaReviewRules() {}

  /** An assessed unit of the round and its package's status ({@link ReviewVariables#SUBMITTED} …). */
  record UnitState(String code, String name, String status) {}

  /**
   * The status a lead department sees. A returned package cannot be scored until it is submitted again; only a
   * package the office accepted, whose instance waits for a possible return, can be returned.
   *
   * @param latestStatus status of the unit's latest version, null if it has none
   * @param waitingForReturn the unit's instance waits at {@code Event_ReviewReturn}
   */
  static String status(String latestStatus, boolean waitingForReturn) {
    if (latestStatus == null) {
      return ReviewVariables.MISSING;
    }
    if (ReviewVariables.RETURNED.equals(latestStatus)) {
      return ReviewVariables.RETURNED;
    }
    // Submitted but not (yet, or no longer) waiting for a return: with the office for receipt.
    return waitingForReturn ? ReviewVariables.SUBMITTED : ReviewVariables.RECEIVING;
  }

  static String statusLabel(String status) {
    return switch (status) {
      case ReviewVariables.SUBMITTED -> "已收讫";
      case ReviewVariables.RECEIVING -> "待办公室查收";
      case ReviewVariables.RETURNED -> "已退回补充，未重新报送";
      case ReviewVariables.MISSING -> "未报送";
      default -> status;
    };
  }

  /** Problems that keep the review from being finished. */
  static List<String> finish(JsonNode areaReview, List<UnitState> units, Set<String> gradeCodes, int commentMax) {
    List<String> problems = new ArrayList<>();
    JsonNode rows = areaReview == null ? null : areaReview.path("units");
    if (rows == null || !rows.isArray()) {
      problems.add("尚未填写评价");
      return problems;
    }
    Map<String, UnitState> byCode = byCode(units);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String code = row.path("unitCode").asText("");
      UnitState unit = byCode.get(code);
      if (unit == null) {
        problems.add("第 " + (i + 1) + " 行的单位「" + code + "」不是本轮被考核单位");
        continue;
      }
      if (!seen.add(code)) {
        problems.add(unit.name() + "被重复评价");
        continue;
      }
      String label = unit.name();
      grade(row.path("grade"), label, gradeCodes, problems);
      score(row.path("score"), label, problems);
      JsonNode comment = row.path("comment");
      if (comment.isMissingNode() || comment.isNull() || (comment.isTextual() && comment.asText().isBlank())) {
        problems.add(label + "未填写评语");
      } else if (!comment.isTextual()) {
        problems.add(label + "的评语应为文字");
      } else if (length(comment.asText()) > commentMax) {
        problems.add(label + "的评语共 " + length(comment.asText()) + " 字，超过 " + commentMax + " 字");
      }
    }
    for (UnitState unit : units) {
      if (!seen.contains(unit.code()) && byCode.containsKey(unit.code())) {
        problems.add(unit.name() + "未评价");
      }
      if (ReviewVariables.RETURNED.equals(unit.status())) {
        problems.add(unit.name() + "的材料已退回补充，尚未重新报送，不能完成评价");
      }
    }
    return problems;
  }

  /** Problems of a return for completion: only accepted packages, each with the reason. */
  static List<String> returns(JsonNode reviewReturns, List<UnitState> units) {
    List<String> problems = new ArrayList<>();
    if (reviewReturns == null || !reviewReturns.isArray() || reviewReturns.isEmpty()) {
      problems.add("请至少选择一个要退回补充的单位");
      return problems;
    }
    Map<String, UnitState> byCode = byCode(units);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < reviewReturns.size(); i++) {
      JsonNode row = reviewReturns.get(i);
      String code = row.path("unitCode").asText("");
      UnitState unit = byCode.get(code);
      if (unit == null) {
        problems.add("第 " + (i + 1) + " 个退回的单位「" + code + "」不是本轮被考核单位");
        continue;
      }
      if (!seen.add(code)) {
        problems.add(unit.name() + "被重复退回");
        continue;
      }
      if (!ReviewVariables.SUBMITTED.equals(unit.status())) {
        problems.add(unit.name() + "的材料" + statusLabel(unit.status()) + "，只能退回已收讫的材料");
      }
      JsonNode comment = row.path("comment");
      if (!comment.isTextual() || comment.asText().isBlank()) {
        problems.add("请填写退回" + unit.name() + "补充的原因");
      } else if (length(comment.asText()) > RETURN_COMMENT_MAX) {
        problems.add("退回" + unit.name() + "的原因共 " + length(comment.asText()) + " 字，超过 " + RETURN_COMMENT_MAX
            + " 字");
      }
    }
    return problems;
  }

  /** Problems of a cooperating department's opinions; an opinion may be empty. */
  static List<String> opinions(JsonNode areaOpinions, List<UnitState> units) {
    List<String> problems = new ArrayList<>();
    JsonNode rows = areaOpinions == null ? null : areaOpinions.path("units");
    if (rows == null || rows.isMissingNode() || rows.isNull()) {
      return problems;
    }
    if (!rows.isArray()) {
      problems.add("配合意见格式不正确");
      return problems;
    }
    Map<String, UnitState> byCode = byCode(units);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String code = row.path("unitCode").asText("");
      UnitState unit = byCode.get(code);
      if (unit == null) {
        problems.add("第 " + (i + 1) + " 行的单位「" + code + "」不是本轮被考核单位");
        continue;
      }
      if (!seen.add(code)) {
        problems.add("对" + unit.name() + "的意见重复");
        continue;
      }
      JsonNode opinion = row.path("opinion");
      if (!opinion.isMissingNode() && !opinion.isNull() && !opinion.isTextual()) {
        problems.add("对" + unit.name() + "的意见应为文字");
      } else if (length(opinion.asText("")) > OPINION_MAX) {
        problems.add("对" + unit.name() + "的意见共 " + length(opinion.asText()) + " 字，超过 " + OPINION_MAX + " 字");
      }
    }
    return problems;
  }

  private static void grade(JsonNode grade, String label, Set<String> gradeCodes, List<String> problems) {
    if (grade.isMissingNode() || grade.isNull() || (grade.isTextual() && grade.asText().isBlank())) {
      problems.add(label + "未选择等次");
    } else if (!grade.isTextual() || !gradeCodes.contains(grade.asText())) {
      problems.add(label + "的等次「" + grade.asText() + "」不是本单位设定的等次");
    }
  }

  private static void score(JsonNode score, String label, List<String> problems) {
    if (score.isMissingNode() || score.isNull() || (score.isTextual() && score.asText().isBlank())) {
      problems.add(label + "未填写分数");
      return;
    }
    if (!score.isNumber()) {
      problems.add(label + "的分数应为数字");
      return;
    }
    BigDecimal value = score.decimalValue();
    if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
      problems.add(label + "的分数 " + value.toPlainString() + " 应在 0 到 100 之间");
    } else if (value.stripTrailingZeros().scale() > 1) {
      problems.add(label + "的分数 " + value.toPlainString() + " 最多保留一位小数");
    }
  }

  private static Map<String, UnitState> byCode(List<UnitState> units) {
    Map<String, UnitState> byCode = new LinkedHashMap<>();
    units.forEach(unit -> byCode.put(unit.code(), unit));
    return byCode;
  }

  /** Characters as a reader counts them: one per Chinese character, whatever its UTF-16 length. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
