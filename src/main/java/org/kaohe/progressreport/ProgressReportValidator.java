package org.kaohe.progressreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.spin.json.SpinJsonNode;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * Refuses a department's report that leaves a line empty or too long when the task is completed; the task stays
 * open with what was typed (the refusal rolls back the completion only). Tasklist's submit-form reaches it as the
 * form field's validator, whose message Tasklist shows as it is; a task listener's refusal came wrapped in
 * "ENGINE-03051 There was an exception while invoking the TaskListener". The listener stays for every other way of
 * completing the task. FormFieldValidator is engine-internal API, used as StationingReportValidator does: Camunda
 * offers no public interface for custom form field validators.
 */
@Component("progressReportValidator")
class ProgressReportValidator implements TaskListener, FormFieldValidator {

  private final JsonVariables json;

  ProgressReportValidator(JsonVariables json) {
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    JsonNode lines = json.tree(task, ProgressReportProcess.LINES);
    JsonNode report = json.tree(task, ProgressReportProcess.REPORT);
    Object max = task.getVariable(ProgressReportProcess.MAX_CHARACTERS);
    List<String> problems = problems(lines, report, max instanceof Number n ? n.intValue() : 2000);
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(message(problems));
    }
  }

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    VariableScope scope = context.getVariableScope();
    JsonNode report = submittedValue == null ? json.tree(scope, ProgressReportProcess.REPORT)
        : json.read(submittedValue instanceof SpinJsonNode node ? node.toString() : String.valueOf(submittedValue),
            JsonNode.class, "推进情况");
    Object max = scope.getVariable(ProgressReportProcess.MAX_CHARACTERS);
    List<String> problems = problems(json.tree(scope, ProgressReportProcess.LINES), report,
        max instanceof Number n ? n.intValue() : 2000);
    if (!problems.isEmpty()) {
      throw new FormFieldValidatorException(ProgressReportProcess.REPORT, "推进情况", context.getConfiguration(), null,
          message(problems));
    }
    return true;
  }

  private static String message(List<String> problems) {
    return "推进情况未能报送：" + String.join("；", problems);
  }

  /**
   * What is wrong with the report on the department's lines, in Chinese: every line needs both columns (本月无新进展
   * is an answer; empty is not), none longer than {@code maxCharacters}, and no line that is not the department's.
   */
  static List<String> problems(JsonNode lines, JsonNode report, int maxCharacters) {
    List<String> problems = new ArrayList<>();
    Map<Integer, JsonNode> byNumber = new HashMap<>();
    if (report != null && report.isArray()) {
      for (JsonNode entry : report) {
        byNumber.put(entry.path("number").asInt(-1), entry);
      }
    }
    java.util.Set<Integer> own = new java.util.HashSet<>();
    for (JsonNode line : lines == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : lines) {
      int number = line.path("number").asInt();
      own.add(number);
      JsonNode entry = byNumber.get(number);
      String label = "第" + number + "项“" + line.path("title").asText() + "”";
      check(problems, label, "本月推进情况", entry == null ? "" : entry.path("progress").asText(""), maxCharacters);
      check(problems, label, "下一步推进计划", entry == null ? "" : entry.path("nextPlan").asText(""), maxCharacters);
    }
    for (Integer number : byNumber.keySet()) {
      if (!own.contains(number)) {
        problems.add("第" + number + "项不是本部门负责的重点工作");
      }
    }
    return problems;
  }

  private static void check(List<String> problems, String label, String column, String text, int max) {
    if (text.isBlank()) {
      problems.add(label + "的" + column + "未填写（没有新进展请填写“本月无新进展”）");
    } else if (text.codePointCount(0, text.length()) > max) {
      problems.add(label + "的" + column + "超过" + max + "字");
    }
  }
}
