package org.kaohe.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Execution;
import org.kaohe.organisation.Organisation;
import org.kaohe.organisation.UnitKind;
import org.kaohe.round.Notice;
import org.kaohe.round.Rounds;
import org.kaohe.submission.Submissions;
import org.kaohe.submission.UnitSubmissionProcess;
import org.kaohe.support.JsonVariables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What an area review reads of its round, always from the records and the unit instances, never from variables
 * a user could have changed through the task API: the published notice, the assessed units taking part, and
 * the state of each unit's package.
 */
@Component
class ReviewRound {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final Rounds rounds;
  private final Submissions submissions;
  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final JsonVariables json;
  private final ZoneId zone;

  ReviewRound(Rounds rounds, Submissions submissions, RuntimeService runtimeService, Organisation organisation,
      JsonVariables json, @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.rounds = rounds;
    this.submissions = submissions;
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.json = json;
    this.zone = zone;
  }

  /** The round and area of an area-review instance. */
  record AreaKey(String roundId, String areaCode) {

    /**
     * From the business key {@code <roundId>:<areaCode>}, which no task form can change; the variables only
     * where an instance was started without one.
     */
    static AreaKey of(DelegateExecution execution) {
      String key = execution.getProcessBusinessKey();
      int colon = key == null ? -1 : key.indexOf(':');
      if (colon > 0 && colon < key.length() - 1) {
        return new AreaKey(key.substring(0, colon), key.substring(colon + 1));
      }
      return new AreaKey((String) execution.getVariable(AreaReviewProcess.ROUND_ID),
          (String) execution.getVariable(AreaReviewProcess.AREA_CODE));
    }
  }

  Notice notice(String roundId) {
    String text = rounds.noticeJson(roundId)
        .orElseThrow(() -> new ProcessEngineException("考核轮次 " + roundId + " 没有发布记录"));
    return json.read(text, Notice.class, "考核通知");
  }

  static Organisation.Area area(Notice notice, String areaCode) {
    return notice.catalogue().areas().stream()
        .filter(area -> area.code().equals(areaCode))
        .findFirst()
        .orElseThrow(() -> new ProcessEngineException("本轮考核目录中没有项目 " + areaCode));
  }

  String departmentName(String department) {
    return organisation.unit(department).map(Organisation.Unit::name).orElse(department);
  }

  /** The round's taking-part units whose kind is assessed, in the organisation's order. */
  List<Rounds.RoundUnit> assessedUnits(String roundId) {
    Set<String> kinds = organisation.assessment().unitKinds().stream().map(UnitKind::code).collect(Collectors.toSet());
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < organisation.units().size(); i++) {
      order.put(organisation.units().get(i).code(), i);
    }
    return rounds.units(roundId).stream()
        .filter(unit -> kinds.contains(unit.kind()))
        .sorted(Comparator.comparing(unit -> order.getOrDefault(unit.code(), Integer.MAX_VALUE)))
        .toList();
  }

  /** Each assessed unit with the status of its package as the lead department sees it now. */
  List<AreaReviewRules.UnitState> states(String roundId) {
    Map<String, Submissions.Submission> latest = latest(roundId);
    Set<String> waiting = waitingForReturn(roundId);
    return assessedUnits(roundId).stream()
        .map(unit -> new AreaReviewRules.UnitState(unit.code(), unit.name(), status(unit, latest, waiting)))
        .toList();
  }

  /** The rows of {@code reviewUnits}: status, lateness and the package's extract for the area. */
  List<ReviewUnit> reviewUnits(String roundId, String areaCode) {
    Map<String, Submissions.Submission> latest = latest(roundId);
    Map<String, Boolean> firstLate = submissions.firstLate(roundId);
    Set<String> waiting = waitingForReturn(roundId);
    return assessedUnits(roundId).stream().map(unit -> {
      Submissions.Submission submission = latest.get(unit.code());
      String status = status(unit, latest, waiting);
      if (submission == null) {
        return new ReviewUnit(unit.code(), unit.name(), status, null, null, null, "", null, null);
      }
      JsonNode pkg = json.read(submission.packageJson(), JsonNode.class, "报送材料");
      String keyWorkStatus = "";
      for (JsonNode row : pkg.path("keyWork")) {
        if (areaCode.equals(row.path("areaCode").asText())) {
          keyWorkStatus = row.path("status").asText("");
        }
      }
      JsonNode summary = pkg.path("summary").isObject() ? pkg.get("summary") : null;
      return new ReviewUnit(unit.code(), unit.name(), status, firstLate.getOrDefault(unit.code(), submission.late()),
          submission.submittedAt().atZoneSameInstant(zone).format(TIME), submission.version(), keyWorkStatus, summary,
          ReviewVariables.RETURNED.equals(status) ? submission.statusComment() : null);
    }).toList();
  }

  /**
   * A row of {@code reviewUnits}. {@code late} is the first submission's (what the assessment counts), null
   * without a package; {@code summary} is the package's four-part summary object.
   */
  record ReviewUnit(String unitCode, String unitName, String status, Boolean late, String submittedAt,
      Integer version, String keyWorkStatus, JsonNode summary, String returnedComment) {}

  private Map<String, Submissions.Submission> latest(String roundId) {
    return submissions.latestOfRound(roundId).stream()
        .collect(Collectors.toMap(Submissions.Submission::unitCode, submission -> submission));
  }

  private static String status(Rounds.RoundUnit unit, Map<String, Submissions.Submission> latest,
      Set<String> waiting) {
    Submissions.Submission submission = latest.get(unit.code());
    return AreaReviewRules.status(submission == null ? null : submission.status(),
        unit.processInstanceId() != null && waiting.contains(unit.processInstanceId()));
  }

  /** The round's unit instances that an office acceptance left waiting for a possible return. */
  private Set<String> waitingForReturn(String roundId) {
    return runtimeService.createExecutionQuery()
        .processDefinitionKey(UnitSubmissionProcess.KEY)
        .messageEventSubscriptionName(UnitSubmissionProcess.REVIEW_RETURN_MESSAGE)
        .processVariableValueEquals(UnitSubmissionProcess.ROUND_ID, roundId)
        .list().stream()
        .map(Execution::getProcessInstanceId)
        .collect(Collectors.toSet());
  }
}
