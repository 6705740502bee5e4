package org.kaohe.assessment;

import java.math.BigDecimal;
import java.util.Optional;
import org.kaohe.organisation.Organisation;

/** The four weighted components of a unit's total (seed 004 三(六)); {@link #code()} is the spelling in JSON and SQL. */
public enum ComponentKind {
  INDICATOR_EVALUATION("indicatorEvaluation", "指标评价"),
  PARTY_EVALUATION("partyEvaluation", "党委评价"),
  YOUTH_SURVEY("youthSurvey", "青年评议"),
  ORAL_REPORT("oralReport", "述职评议");

  private final String code;
  private final String label;

  ComponentKind(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<ComponentKind> of(String code) {
    for (ComponentKind kind : values()) {
      if (kind.code.equals(code)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  public int weight(Organisation.Weights weights) {
    return switch (this) {
      case INDICATOR_EVALUATION -> weights.indicatorEvaluation();
      case PARTY_EVALUATION -> weights.partyEvaluation();
      case YOUTH_SURVEY -> weights.youthSurvey();
      case ORAL_REPORT -> weights.oralReport();
    };
  }

  /** The configured rule; none configured blocks, so that nothing is ever counted silently. */
  public Organisation.MissingRule rule(Organisation.MissingComponents rules) {
    Organisation.MissingRule rule = rules == null ? null : switch (this) {
      case INDICATOR_EVALUATION -> rules.indicatorEvaluation();
      case PARTY_EVALUATION -> rules.partyEvaluation();
      case YOUTH_SURVEY -> rules.youthSurvey();
      case ORAL_REPORT -> rules.oralReport();
    };
    if (rule == null || rule.rule() == null || (!rule.blocks() && rule.value() == null)) {
      return new Organisation.MissingRule(Organisation.MissingRule.BLOCK, (BigDecimal) null);
    }
    return rule;
  }
}
