package org.kaohe.bonus;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules of a unit's bonus application ({@code bonusApplication}) and of the office's decisions
 * ({@code bonusDecisions}), seed 004 三(五)(六): innovation and award projects, 1-3 points each, the same project
 * not twice. Every problem is reported, in Chinese, at once.
 */
final class BonusRules {

  static final int MAX_PROJECTS = 5;
  static final int NAME_MAX = 100;
  static final int DESCRIPTION_MAX = 1000;
  static final int REASON_MAX = 1000;
  static final Map<String, String> KINDS = Map.of("innovation", "创新项目", "award", "表彰项目");
  /** The File variables the form may upload evidence to. */
  static final List<String> EVIDENCE_VARIABLES =
      List.of("bonusEvidence1", "bonusEvidence2", "bonusEvidence3", "bonusEvidence4", "bonusEvidence5");

  private BonusRules() {}

  /**
   * The project's identity across rounds: the name in NFKC (full-width letters and digits become ordinary ones),
   * lower case, without whitespace and punctuation, so that "“青春”助力计划" and "青春助力计划 " are one project.
   */
  static String key(String name) {
    String normal = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC);
    return normal.replaceAll("[\\s\\p{Z}\\p{P}]+", "").toLowerCase(java.util.Locale.ROOT);
  }

  /** One project as the form sent it. */
  record Project(String kind, String name, String description, String evidence) {}

  static List<Project> projects(JsonNode application) {
    List<Project> projects = new ArrayList<>();
    if (application == null) {
      return projects;
    }
    for (JsonNode p : application.path("projects")) {
      projects.add(new Project(text(p, "kind").strip(), text(p, "name").strip(), text(p, "description").strip(),
          blankToNull(text(p, "evidence").strip())));
    }
    return projects;
  }

  /** @param evidenceExists whether the named File variable was uploaded */
  static List<String> application(JsonNode application, Predicate<String> evidenceExists) {
    List<String> problems = new ArrayList<>();
    if (application == null || !application.isObject()) {
      problems.add("申报内容缺失（不申报请提交空的项目列表）");
      return problems;
    }
    JsonNode projects = application.path("projects");
    if (projects.isMissingNode() || projects.isNull()) {
      return problems;
    }
    if (!projects.isArray()) {
      problems.add("申报项目格式不正确");
      return problems;
    }
    if (projects.size() > MAX_PROJECTS) {
      problems.add("最多申报 " + MAX_PROJECTS + " 个项目，现有 " + projects.size() + " 个");
    }
    Map<String, Integer> keys = new HashMap<>();
    Set<String> evidenceUsed = new HashSet<>();
    for (int i = 0; i < projects.size(); i++) {
      JsonNode p = projects.get(i);
      String label = "第 " + (i + 1) + " 个项目";
      if (!p.isObject()) {
        problems.add(label + "格式不正确");
        continue;
      }
      String kind = text(p, "kind");
      if (!KINDS.containsKey(kind)) {
        problems.add(label + "请选择类别（创新项目或表彰项目）");
      }
      String name = text(p, "name").strip();
      if (name.isEmpty()) {
        problems.add(label + "的名称不能为空");
      } else if (length(name) > NAME_MAX) {
        problems.add(label + "的名称超过 " + NAME_MAX + " 字");
      } else {
        Integer earlier = keys.putIfAbsent(key(name), i + 1);
        if (earlier != null) {
          problems.add(label + "「" + name + "」与第 " + earlier + " 个项目重复");
        }
      }
      if (length(text(p, "description")) > DESCRIPTION_MAX) {
        problems.add(label + "的说明超过 " + DESCRIPTION_MAX + " 字");
      }
      String evidence = text(p, "evidence").strip();
      if (!evidence.isEmpty()) {
        if (!EVIDENCE_VARIABLES.contains(evidence)) {
          problems.add(label + "的证明材料「" + evidence + "」不是可上传的附件");
        } else if (!evidenceUsed.add(evidence)) {
          problems.add(label + "的证明材料与其他项目重复");
        } else if (!evidenceExists.test(evidence)) {
          problems.add(label + "的证明材料尚未上传");
        }
      }
    }
    return problems;
  }

  /**
   * @param applications the round's applications: every one needs a decision
   */
  static List<String> decisions(JsonNode decisions, List<BonusApplications.Application> applications, int minPoints,
      int maxPoints, Map<String, String> unitNames) {
    List<String> problems = new ArrayList<>();
    JsonNode rows = decisions == null ? null : decisions.path("decisions");
    if (rows == null || !rows.isArray()) {
      if (!applications.isEmpty()) {
        problems.add("尚未填写审核结果");
      }
      return problems;
    }
    Map<String, BonusApplications.Application> byId = new HashMap<>();
    applications.forEach(a -> byId.put(a.applicationId(), a));
    Set<String> decided = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String id = text(row, "applicationId");
      BonusApplications.Application application = byId.get(id);
      if (application == null) {
        problems.add("第 " + (i + 1) + " 条审核结果对应的申报不存在");
        continue;
      }
      String label = unitNames.getOrDefault(application.unitCode(), application.unitCode()) + "「"
          + application.projectName() + "」";
      if (!decided.add(id)) {
        problems.add(label + "有重复的审核结果");
        continue;
      }
      String decision = text(row, "decision");
      String reason = text(row, "reason").strip();
      if (length(reason) > REASON_MAX) {
        problems.add(label + "的理由超过 " + REASON_MAX + " 字");
      }
      if (BonusApplications.GRANTED.equals(decision)) {
        if (application.duplicateOf() != null) {
          problems.add(label + "与已申报的项目重复，同一项目不重复加分");
        }
        JsonNode points = row.path("points");
        Integer value = points.canConvertToInt() && points.isIntegralNumber() ? points.intValue()
            : points.isTextual() && points.asText().strip().matches("\\d{1,2}") ? Integer.valueOf(points.asText().strip())
            : null;
        if (value == null || value < minPoints || value > maxPoints) {
          problems.add(label + "的加分应为 " + minPoints + "-" + maxPoints + " 的整数");
        }
      } else if (BonusApplications.REFUSED.equals(decision)) {
        if (reason.isEmpty()) {
          problems.add(label + "不予加分，请填写理由");
        }
      } else {
        problems.add(label + "请选择给予加分或不予加分");
      }
    }
    for (BonusApplications.Application a : applications) {
      if (!decided.contains(a.applicationId())) {
        problems.add(unitNames.getOrDefault(a.unitCode(), a.unitCode()) + "「" + a.projectName() + "」尚未审核");
      }
    }
    return problems;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
