package org.kaohe.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

class JsonFormTypeTest {

  private final JsonFormType type = new JsonFormType();

  @Test
  void aDeserializedJsonVariableReachesTheFormAsItsText() {
    TypedValue stored = SpinValues.jsonValue(Spin.JSON("{\"cadreInCharge\":\"王小明\",\"days\":[]}")).create();

    TypedValue forForm = type.convertToFormValue(stored);

    assertThat(forForm).isInstanceOf(SerializableValue.class);
    SerializableValue json = (SerializableValue) forForm;
    assertThat(json.isDeserialized()).isFalse();
    assertThat(Spin.JSON(json.getValueSerialized()).prop("cadreInCharge").stringValue()).isEqualTo("王小明");
  }

  @Test
  void anAlreadySerializedValueIsLeftAsItIs() {
    TypedValue serialized = SpinValues.jsonValue("{\"a\":1}").create();

    assertThat(type.convertToFormValue(serialized)).isSameAs(serialized);
  }
}
