package org.kaohe.stationing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.List;
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
 * Refuses an incomplete or inconsistent monthly report ({@link StationingReportRules}) with the problems in Chinese:
 * as the form field's validator (Tasklist shows the message, the form keeps what was typed) and as the task's complete
 * listener (every other way of completing the task). FormFieldValidator is engine-internal API, used as
 * PackageValidator does: Camunda offers no public interface for custom form field validators.
 */
@Component("stationingReportValidator")
class StationingReportValidator implements TaskListener, FormFieldValidator {

  private final JsonVariables json;

  StationingReportValidator(JsonVariables json) {
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = StationingReportRules.problems(json.tree(task, StationingReportProcess.REPORT), month(task));
    if (!problems.isEmpty()) {
      throw new BadUserRequestException(StationingReportRules.message(problems));
    }
  }

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    VariableScope scope = context.getVariableScope();
    JsonNode report = submittedValue == null ? json.tree(scope, StationingReportProcess.REPORT)
        : json.read(submittedValue instanceof SpinJsonNode node ? node.toString() : String.valueOf(submittedValue),
            JsonNode.class, "驻点月报");
    List<String> problems = StationingReportRules.problems(report, month(scope));
    if (!problems.isEmpty()) {
      throw new FormFieldValidatorException(StationingReportProcess.REPORT, "驻点月报", context.getConfiguration(), null,
          StationingReportRules.message(problems));
    }
    return true;
  }

  private static YearMonth month(VariableScope scope) {
    return YearMonth.of(((Number) scope.getVariable(StationingReportProcess.YEAR)).intValue(),
        ((Number) scope.getVariable(StationingReportProcess.MONTH)).intValue());
  }
}
