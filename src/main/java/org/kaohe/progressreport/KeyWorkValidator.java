package org.kaohe.progressreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/** Refuses a key-work draft without lines, or with a line lacking a title or a responsible department. */
@Component("keyWorkValidator")
class KeyWorkValidator implements TaskListener {

  private final JsonVariables json;
  private final Organisation organisation;

  KeyWorkValidator(JsonVariables json, Organisation organisation) {
    this.json = json;
    this.organisation = organisation;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = problems(json.tree(task, ProgressReportingProcess.KEY_WORK), responsibleUnits(organisation));
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("重点工作目录未能提交：" + String.join("；", problems));
    }
  }

  /** Departments and affiliated units: who may be responsible for a line. */
  static Set<String> responsibleUnits(Organisation organisation) {
    Set<String> codes = new HashSet<>();
    organisation.unitsOfKind(UnitKind.DEPARTMENT).forEach(u -> codes.add(u.code()));
    organisation.unitsOfKind(UnitKind.AFFILIATED_UNIT).forEach(u -> codes.add(u.code()));
    return codes;
  }

  static List<String> problems(JsonNode keyWork, Set<String> departments) {
    List<String> problems = new ArrayList<>();
    JsonNode lines = keyWork == null ? null : keyWork.path("lines");
    if (lines == null || !lines.isArray() || lines.isEmpty()) {
      problems.add("目录中没有重点工作");
      return problems;
    }
    Set<Integer> numbers = new HashSet<>();
    for (JsonNode line : lines) {
      int number = line.path("number").asInt(0);
      String label = "第" + number + "项";
      if (number <= 0 || !numbers.add(number)) {
        problems.add(label + "序号缺失或重复");
      }
      if (line.path("title").asText("").isBlank()) {
        problems.add(label + "未填写重点工作名称");
      }
      String department = line.path("department").asText("");
      if (department.isBlank()) {
        problems.add(label + "未选择责任部门");
      } else if (!departments.contains(department)) {
        problems.add(label + "的责任部门“" + department + "”不是本机关的部门或直属单位");
      }
    }
    return problems;
  }
}
