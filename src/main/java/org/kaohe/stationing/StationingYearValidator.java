package org.kaohe.stationing;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.kaohe.organisation.Organisation;
import org.springframework.stereotype.Component;

/**
 * The start form's field {@code year}: refuses an organisation without stationing, a year outside 2000..2100 and a year
 * that already runs, so that Tasklist answers 400 with the Chinese message (an exception of the start listener would
 * be a 500). FormFieldValidator is engine-internal API, used as PackageValidator does.
 */
@Component("stationingYearValidator")
class StationingYearValidator implements FormFieldValidator {

  private final Organisation organisation;
  private final RuntimeService runtimeService;

  StationingYearValidator(Organisation organisation, RuntimeService runtimeService) {
    this.organisation = organisation;
    this.runtimeService = runtimeService;
  }

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    String problem = problem(submittedValue);
    if (problem != null) {
      throw new FormFieldValidatorException(StationingProcess.YEAR, "驻点年度", context.getConfiguration(), submittedValue,
          problem);
    }
    return true;
  }

  String problem(Object value) {
    if (organisation.stationing() == null) {
      return organisation.name() + "未配置驻点工作，不能开始驻点年度";
    }
    int year;
    try {
      year = StationingDelegates.year(value);
    } catch (BadUserRequestException e) {
      return e.getMessage();
    }
    if (runtimeService.createProcessInstanceQuery().processDefinitionKey(StationingProcess.KEY)
        .processInstanceBusinessKey(StationingProcess.businessKey(year)).count() > 0) {
      return year + "年驻点工作已经开始，不能重复开始";
    }
    return null;
  }
}
