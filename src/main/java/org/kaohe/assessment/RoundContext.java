package org.kaohe.assessment;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.kaohe.organisation.Organisation;
import org.kaohe.round.AnnualAssessmentProcess;
import org.kaohe.round.Notice;
import org.kaohe.support.JsonVariables;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What every assessment step needs to know about its round: its notice, its assessed units, its dates. */
@Component
class RoundContext {

  private final JsonVariables json;
  private final AssessmentSources sources;
  private final Organisation organisation;
  private final ZoneId zone;

  RoundContext(JsonVariables json, AssessmentSources sources, Organisation organisation,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.json = json;
    this.sources = sources;
    this.organisation = organisation;
    this.zone = zone;
  }

  Notice notice(VariableScope round) {
    return json.read(round, AnnualAssessmentProcess.NOTICE, Notice.class);
  }

  List<Organisation.Unit> assessedUnits(String roundId) {
    return sources.assessedUnits(roundId);
  }

  List<ComponentRules.UnitRef> unitRefs(String roundId) {
    return assessedUnits(roundId).stream().map(u -> new ComponentRules.UnitRef(u.code(), u.name())).toList();
  }

  List<String> areaCodes(Notice notice) {
    return notice.catalogue() == null ? List.of()
        : notice.catalogue().areas().stream().map(Organisation.Area::code).toList();
  }

  String unitName(String code) {
    return organisation.unit(code).map(Organisation.Unit::name).orElse(code);
  }

  String gradeName(String code) {
    return organisation.grades().stream().filter(g -> g.code().equals(code)).map(Organisation.Grade::name)
        .findFirst().orElse(code == null ? "" : code);
  }

  LocalDate date(VariableScope round, String variable) {
    Object value = round.getVariable(variable);
    return value instanceof Date date ? date.toInstant().atZone(zone).toLocalDate() : null;
  }

  LocalDate today() {
    return Now.in(zone).toLocalDate();
  }

  java.time.OffsetDateTime now() {
    return Now.in(zone);
  }
}
