package org.kaohe.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;

/**
 * Complex values travel as Spin JSON variables (never Java-serialized objects) and are bound to Kaohe's
 * records with the application's Jackson mapper.
 */
@Component
public class JsonVariables {

  private final ObjectMapper mapper;

  JsonVariables(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JsonValue value(Object object) {
    try {
      return SpinValues.jsonValue(mapper.writeValueAsString(object)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + object.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The variable's JSON text, whether it was stored as Spin JSON or as a plain string; null if absent. */
  public String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof SpinJsonNode node) {
      return node.toString();
    }
    if (value instanceof String string) {
      return string;
    }
    throw new BadUserRequestException("变量 " + name + " 应为 JSON");
  }

  public JsonNode tree(VariableScope scope, String name) {
    String text = text(scope, name);
    if (text == null) {
      return null;
    }
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadUserRequestException("变量 " + name + " 不是有效的 JSON");
    }
  }

  public <T> T read(VariableScope scope, String name, Class<T> type) {
    String text = text(scope, name);
    if (text == null) {
      return null;
    }
    return read(text, type, name);
  }

  public <T> T read(String text, Class<T> type, String what) {
    try {
      return mapper.readValue(text, type);
    } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
      // A value of the wrong form (a date "明天"): name the field and the value, not Jackson's English.
      throw new BadUserRequestException(what + " 中 " + path(e) + " 的值“" + e.getValue() + "”格式不正确");
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new BadUserRequestException(what + " 中 " + path(e) + " 的内容格式不正确");
    } catch (JsonProcessingException e) {
      throw new BadUserRequestException(what + " 不是有效的 JSON");
    }
  }

  /** Jackson's path as a reader would write it: {@code assessmentDeadlines.review}, {@code units[2].code}. */
  public static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(根)" : path.toString();
  }

  public String write(Object object) {
    try {
      return mapper.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
