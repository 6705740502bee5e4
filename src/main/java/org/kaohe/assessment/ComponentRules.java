package org.kaohe.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the office's and the organisation department's entries must hold before a task completes: the party
 * evaluations, the youth survey, the oral-report scores, the entries for missing components, result adjustments and
 * the confirmation of dispatch. Pure, so that each rule is tested without an engine; every problem is reported, in
 * Chinese, at once.
 */
final class ComponentRules {

  static final BigDecimal MAX_SCORE = BigDecimal.valueOf(100);
  static final BigDecimal MAX_TOTAL = BigDecimal.valueOf(200);
  static final int PARTY_TEXT_MAX = 2000;
  static final int REMARKS_MAX = 1000;
  static final int REASON_MAX = 1000;
  static final Set<String> DISPATCH_METHODS = Set.of("mail", "post", "hand", "confidential");

  private ComponentRules() {}

  /** An assessed unit as the rules need it. */
  record UnitRef(String code, String name) {}

  /** A number field: absent or blank is null; text that is a number is accepted, since HTML inputs send text. */
  record Num(BigDecimal value, boolean invalid) {
    static Num of(JsonNode row, String field) {
      JsonNode node = row == null ? null : row.get(field);
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
        return new Num(null, false);
      }
      if (node.isNumber()) {
        return new Num(node.decimalValue(), false);
      }
      if (node.isTextual()) {
        try {
          return new Num(new BigDecimal(node.asText().strip()), false);
        } catch (NumberFormatException e) {
          return new Num(null, true);
        }
      }
      return new Num(null, true);
    }

    boolean present() {
      return value != null || invalid;
    }
  }

  /** A score 0-100 with at most 2 decimals; adds a problem and returns null when it is not. */
  static BigDecimal score(JsonNode row, String field, String label, List<String> problems) {
    return bounded(row, field, label, BigDecimal.ZERO, MAX_SCORE, problems);
  }

  private static BigDecimal bounded(JsonNode row, String field, String label, BigDecimal min, BigDecimal max,
      List<String> problems) {
    Num num = Num.of(row, field);
    if (num.invalid()) {
      problems.add(label + "应为数字");
      return null;
    }
    BigDecimal value = num.value();
    if (value == null) {
      return null;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(label + "应在 " + min.toPlainString() + "-" + max.toPlainString() + " 之间");
      return null;
    }
    if (value.stripTrailingZeros().scale() > 2) {
      problems.add(label + "最多保留两位小数");
      return null;
    }
    return value;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private interface RowCheck {
    void check(JsonNode row, UnitRef unit, String label);
  }

  /** The rows of {@code {"units": [...]}}: each of an assessed unit, none twice. */
  private static void unitRows(JsonNode value, String what, List<UnitRef> units, List<String> problems,
      RowCheck check) {
    if (value == null || !value.path("units").isArray()) {
      problems.add(what + "格式不正确");
      return;
    }
    Map<String, UnitRef> known = new LinkedHashMap<>();
    units.forEach(u -> known.put(u.code(), u));
    Set<String> seen = new HashSet<>();
    JsonNode rows = value.path("units");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String code = text(row, "unitCode");
      UnitRef unit = known.get(code);
      if (unit == null) {
        problems.add(what + "第 " + (i + 1) + " 行的单位「" + code + "」不是本轮考核对象");
        continue;
      }
      if (!seen.add(code)) {
        problems.add(what + "中" + unit.name() + "重复");
        continue;
      }
      check.check(row, unit, unit.name());
    }
  }

  /** {@code partyEvaluations}: a grade, a score or both per received unit; units not received stay empty. */
  static List<String> partyEvaluations(JsonNode value, List<UnitRef> units, Set<String> gradeCodes) {
    List<String> problems = new ArrayList<>();
    unitRows(value, "党委评价", units, problems, (row, unit, label) -> {
      String grade = text(row, "grade").strip();
      if (!grade.isEmpty() && !gradeCodes.contains(grade)) {
        problems.add(label + "的评价等次「" + grade + "」不在可选等次中");
      }
      BigDecimal score = score(row, "score", label + "的评价分数", problems);
      String evaluation = text(row, "text");
      if (length(evaluation) > PARTY_TEXT_MAX) {
        problems.add(label + "的评价内容超过 " + PARTY_TEXT_MAX + " 字");
      }
      if (grade.isEmpty() && score == null && !Num.of(row, "score").present() && !evaluation.isBlank()) {
        problems.add(label + "填写了评价内容，但未填写评价等次或分数");
      }
    });
    return problems;
  }

  /** A party evaluation counts as received when it has a grade or a score. */
  static boolean received(JsonNode row) {
    return !text(row, "grade").isBlank() || Num.of(row, "score").value() != null;
  }

  /** {@code youthSurvey} when finishing: a row is empty (missing component) or complete, never half filled. */
  static List<String> youthSurvey(JsonNode value, List<UnitRef> units) {
    List<String> problems = new ArrayList<>();
    unitRows(value, "青年评议", units, problems, (row, unit, label) -> {
      boolean any = Num.of(row, "sampleSize").present() || Num.of(row, "awareness").present()
          || Num.of(row, "satisfaction").present();
      if (!any) {
        return;
      }
      Num sample = Num.of(row, "sampleSize");
      if (sample.value() == null || sample.value().stripTrailingZeros().scale() > 0 || sample.value().signum() <= 0
          || sample.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        problems.add(label + "的抽样人数应为正整数");
      }
      if (score(row, "awareness", label + "的知晓度", problems) == null && !Num.of(row, "awareness").invalid()
          && Num.of(row, "awareness").value() == null) {
        problems.add(label + "未填写知晓度");
      }
      if (score(row, "satisfaction", label + "的满意度", problems) == null && !Num.of(row, "satisfaction").invalid()
          && Num.of(row, "satisfaction").value() == null) {
        problems.add(label + "未填写满意度");
      }
    });
    return problems;
  }

  /** Whether a survey row is filled (the validator has made sure it is then complete). */
  static boolean surveyed(JsonNode row) {
    return Num.of(row, "awareness").value() != null && Num.of(row, "satisfaction").value() != null
        && Num.of(row, "sampleSize").value() != null;
  }

  /** {@code oralReports}: a score 0-100 per unit heard; units not scored stay empty (missing component). */
  static List<String> oralReports(JsonNode value, List<UnitRef> units) {
    List<String> problems = new ArrayList<>();
    unitRows(value, "述职评议得分", units, problems, (row, unit, label) -> {
      score(row, "score", label + "的述职评议得分", problems);
      if (length(text(row, "remarks")) > REMARKS_MAX) {
        problems.add(label + "的备注超过 " + REMARKS_MAX + " 字");
      }
    });
    return problems;
  }

  /** {@code componentEntries}: exactly one entry, with a reason, for every entry of {@code missingComponents}. */
  static List<String> componentEntries(JsonNode entries, JsonNode missingComponents) {
    List<String> problems = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    if (missingComponents != null) {
      for (JsonNode m : missingComponents) {
        missing.put(text(m, "unitCode") + "/" + text(m, "component"),
            text(m, "unitName") + "的" + ComponentKind.of(text(m, "component")).map(ComponentKind::label).orElse(""));
      }
    }
    if (entries == null || !entries.isArray()) {
      problems.add("补录分项格式不正确");
      return problems;
    }
    Set<String> entered = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String key = text(e, "unitCode") + "/" + text(e, "component");
      String label = missing.get(key);
      if (label == null) {
        problems.add("第 " + (i + 1) + " 条补录不是缺失的分项");
        continue;
      }
      if (!entered.add(key)) {
        problems.add(label + "重复补录");
        continue;
      }
      if (score(e, "score", label + "得分", problems) == null && !Num.of(e, "score").present()) {
        problems.add(label + "未填写得分");
      }
      String reason = text(e, "reason").strip();
      if (reason.isEmpty()) {
        problems.add(label + "请填写补录理由");
      } else if (length(reason) > REASON_MAX) {
        problems.add(label + "的补录理由超过 " + REASON_MAX + " 字");
      }
    }
    missing.forEach((key, label) -> {
      if (!entered.contains(key)) {
        problems.add(label + "尚未补录");
      }
    });
    return problems;
  }

  /** {@code resultAdjustments}: a total (0-200, 2 decimals) or a grade code, with a reason, once per unit and field. */
  static List<String> resultAdjustments(JsonNode adjustments, Map<String, String> resultUnits, Set<String> gradeCodes) {
    List<String> problems = new ArrayList<>();
    if (adjustments == null || adjustments.isNull()) {
      return problems;
    }
    if (!adjustments.isArray()) {
      problems.add("结果调整格式不正确");
      return problems;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < adjustments.size(); i++) {
      JsonNode a = adjustments.get(i);
      String unitCode = text(a, "unitCode");
      String name = resultUnits.get(unitCode);
      if (name == null) {
        problems.add("第 " + (i + 1) + " 条调整的单位「" + unitCode + "」没有考核结果");
        continue;
      }
      String field = text(a, "field");
      String label;
      if ("total".equals(field)) {
        label = name + "的总分";
        if (bounded(a, "value", label, BigDecimal.ZERO, MAX_TOTAL, problems) == null && !Num.of(a, "value").present()) {
          problems.add(label + "未填写调整后的值");
        }
      } else if ("grade".equals(field)) {
        label = name + "的等次";
        if (!gradeCodes.contains(text(a, "value"))) {
          problems.add(label + "应为可选等次之一");
        }
      } else {
        problems.add("第 " + (i + 1) + " 条调整请选择调整总分或等次");
        continue;
      }
      if (!seen.add(unitCode + "/" + field)) {
        problems.add(label + "有多条调整");
      }
      String reason = text(a, "reason").strip();
      if (reason.isEmpty()) {
        problems.add(label + "的调整请填写理由");
      } else if (length(reason) > REASON_MAX) {
        problems.add(label + "的调整理由超过 " + REASON_MAX + " 字");
      }
    }
    return problems;
  }

  /** {@code dispatch}: every unit that has a letter is confirmed, with how it went. */
  static List<String> dispatch(JsonNode dispatch, Map<String, String> letterUnits) {
    List<String> problems = new ArrayList<>();
    if (dispatch == null || !dispatch.path("units").isArray()) {
      problems.add("送达情况格式不正确");
      return problems;
    }
    Set<String> confirmed = new HashSet<>();
    for (JsonNode row : dispatch.path("units")) {
      String code = text(row, "unitCode");
      String name = letterUnits.get(code);
      if (name == null) {
        problems.add("单位「" + code + "」没有反馈函");
        continue;
      }
      if (!row.path("dispatched").asBoolean(false)) {
        continue;
      }
      if (!DISPATCH_METHODS.contains(text(row, "method"))) {
        problems.add(name + "请选择送达方式");
      }
      if (length(text(row, "remarks")) > REMARKS_MAX) {
        problems.add(name + "的备注超过 " + REMARKS_MAX + " 字");
      }
      confirmed.add(code);
    }
    letterUnits.forEach((code, name) -> {
      if (!confirmed.contains(code)) {
        problems.add(name + "的反馈函尚未确认送达");
      }
    });
    return problems;
  }
}
