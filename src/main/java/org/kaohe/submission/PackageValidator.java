package org.kaohe.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.kaohe.document.PoiSummaryDocument;

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
  private final PoiSummaryDocument summaryDocuments;

  PackageValidator(JsonVariables json, PoiSummaryDocument summaryDocuments) {
    this.json = json;
    this.summaryDocuments = summaryDocuments;
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
    List<String> problems = new java.util.ArrayList<>(PackageRules.check(pkg, notice, kind));
    summaryDocumentProblem(scope, notice).ifPresent(problems::add);
    return problems;
  }

  /**
   * The form's upload stores the summary document only once it has been read; the engine API could still set the
   * variable to anything, and the leader and the office download it. So the kept file must be a readable .docx.
   */
  private java.util.Optional<String> summaryDocumentProblem(VariableScope scope, Notice notice) {
    Object value = scope.getVariableTyped(UnitSubmissionProcess.SUMMARY_DOCUMENT);
    if (value == null) {
      return java.util.Optional.empty();
    }
    if (!(value instanceof FileValue file) || file.getValue() == null) {
      return java.util.Optional.of("工作总结原文件应为上传的 Word 文档，请删除后重新上传");
    }
    byte[] bytes;
    try (InputStream in = file.getValue()) {
      bytes = in.readNBytes(PoiSummaryDocument.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PoiSummaryDocument.SummaryImport read = summaryDocuments.read(bytes, notice.year());
    return read.ok() ? java.util.Optional.empty()
        : java.util.Optional.of("工作总结原文件“" + file.getFilename() + "”无法读取（" + read.problem() + "）");
  }

  private static String message(List<String> problems) {
    return "报送材料未通过检查：" + String.join("；", problems);
  }
}
