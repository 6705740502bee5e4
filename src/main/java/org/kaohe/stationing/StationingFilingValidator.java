package org.kaohe.stationing;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kaohe.support.JsonVariables;
import org.springframework.stereotype.Component;

/** Refuses an incomplete filing ({@link StationingFilingRules}) on completing its task; the variables stay as typed. */
@Component("stationingFilingValidator")
class StationingFilingValidator implements TaskListener {

  private final JsonVariables json;

  StationingFilingValidator(JsonVariables json) {
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    String kind = (String) task.getVariable(StationingFilingProcess.KIND);
    List<String> problems = StationingFilingRules.problems(kind, json.tree(task, StationingFilingProcess.FILING));
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("材料未能提交：" + String.join("；", problems));
    }
  }
}
