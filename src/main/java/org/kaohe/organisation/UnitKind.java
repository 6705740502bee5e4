package org.kaohe.organisation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a unit is; decides which forms and which steps of a round apply to it. */
public enum UnitKind {
  @JsonProperty("city")
  CITY("city", "地市团委"),
  @JsonProperty("department")
  DEPARTMENT("department", "部室"),
  @JsonProperty("affiliated-unit")
  AFFILIATED_UNIT("affiliated-unit", "直属单位");

  private final String code;
  private final String label;

  UnitKind(String code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The spelling used in YAML files and as Camunda group type. */
  public String code() {
    return code;
  }

  public String label() {
    return label;
  }
}
