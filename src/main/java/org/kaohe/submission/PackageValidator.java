package org.kaohe.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.spin.json.SpinJsonNode;
import org.kaohe.round.Notice;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * Checks the package of {@code UserTask_SubmitPackage} against {@link PackageRules}, twice over:
 *
 * <ul>
 *   <li>as the validator of the task's form field {@code submissionPackage}: a form submitted from Tasklist
 *       with a bad package gets 400 and the list of problems (Camunda answers a form-field validation error
 *       with 400, any other exception with 500);
 *   <li>as its complete listener: no other way of completing the task (Java API, plain complete) skips it.
 * </ul>
 *
 * <p>A refusal rolls back only this completion; the draft saved before stays as it was.
 */
@Component("packageValidator")
class PackageValidator implements TaskListener, FormFieldValidator {

  private final JsonVariables json;

  PackageValidator(JsonVariables json) {
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = problems(task, json.tree(task, UnitSubmissionProcess.PACKAGE));
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(message(problems));
    }
  }

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    VariableScope scope = context.getVariableScope();
    JsonNode pkg = submittedValue == null ? json.tree(scope, UnitSubmissionProcess.PACKAGE) : parse(submittedValue);
    List<String> problems = problems(scope, pkg);
    if (!problems.isEmpty()) {
      throw new FormFieldValidatorException(UnitSubmissionProcess.PACKAGE, "报送材料", context.getConfiguration(),
          null, message(problems));
    }
    return true;
  }

  private JsonNode parse(Object value) {
    String text = value instanceof SpinJsonNode node ? node.toString() : String.valueOf(value);
    return json.read(text, JsonNode.class, "报送材料");
  }

  private List<String> problems(VariableScope scope, JsonNode pkg) {
    Notice notice = json.read(scope, UnitSubmissionProcess.NOTICE, Notice.class);
    String kind = (String) scope.getVariable(UnitSubmissionProcess.UNIT_KIND);
    return PackageRules.check(pkg, notice, kind);
  }

  private static String message(List<String> problems) {
    return "报送材料未通过检查：" + String.join("；", problems);
  }
}
