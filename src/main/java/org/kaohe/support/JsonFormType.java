package org.kaohe.support;

import org.camunda.bpm.engine.impl.form.type.AbstractFormFieldType;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Form field type {@code json}: lets a model declare a JSON variable as a form field, so that a form-field
 * validator checks it on submission, while the value stays the Spin JSON value the embedded form sent (a
 * {@code string} field would turn it into a string of at most 4,000 characters).
 */
public final class JsonFormType extends AbstractFormFieldType {

  static final String NAME = "json";

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * Hands the form its JSON as text. The engine reads a form field's variable deserialized, whatever the REST
   * call asked, so GET form-variables?deserializeValues=false answered a Jackson dump of the SpinJsonNode
   * ({"nodeType":"OBJECT",...}); Tasklist's form SDK then ran JSON.parse on it and the form of a task with a
   * saved draft never finished loading.
   */
  @Override
  public TypedValue convertToFormValue(TypedValue modelValue) {
    if (modelValue instanceof SerializableValue json && json.isDeserialized() && json.getValue() instanceof SpinJsonNode node) {
      return SpinValues.jsonValue(node.toString()).create();
    }
    return modelValue;
  }

  @Override
  public TypedValue convertToModelValue(TypedValue propertyValue) {
    Object value = propertyValue == null ? null : propertyValue.getValue();
    if (value instanceof String text) {
      return SpinValues.jsonValue(text).create();
    }
    return propertyValue;
  }

  @Override
  public Object convertFormValueToModelValue(Object propertyValue) {
    return propertyValue instanceof String text ? SpinValues.jsonValue(text).create().getValue() : propertyValue;
  }

  @Override
  public String convertModelValueToFormValue(Object modelValue) {
    return modelValue instanceof SpinJsonNode node ? node.toString() : modelValue == null ? null : modelValue.toString();
  }
}
