package org.kaohe.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 and a message that says why, engine API requests that carry what Kaohe never lets reach
 * the engine:
 *
 * <ul>
 *   <li>an expression: a query parameter or JSON key ending in {@code Expression} ({@code assigneeExpression},
 *       {@code dueBeforeExpression} …) at any depth, so also inside {@code orQueries} and in the query of a
 *       filter being saved. Camunda would evaluate it as JUEL against the engine's beans;
 *   <li>a Java-serialized variable ({@code serializationDataFormat: application/x-java-serialized-object});
 *   <li>a Json variable whose value is not JSON.
 * </ul>
 *
 * <p>The engine's own switches (expressions in ad-hoc and stored queries off, Java serialization off) are the
 * second line; this filter makes the refusal a clear 400 instead of an engine error.
 */
final class EngineRequestGuardFilter extends OncePerRequestFilter {

  /** Engine API bodies are queries, variables and form submissions; uploads are multipart and not read here. */
  static final int MAX_JSON_BODY = 16 * 1024 * 1024;

  /**
   * Objects that Camunda reads as a map from variable name to value (task completion, form submission, process
   * start, message correlation, modification): their keys are names chosen by form designers, not query
   * fields. Queries filter variables with lists of {@code {name, operator, value}}, which stay inspected.
   */
  static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
      "processVariablesLocal", "processVariablesToTriggeredScope", "correlationKeys", "localCorrelationKeys",
      "localVariables");

  private static final String JAVA_SERIALIZED = "application/x-java-serialized-object";

  private final JsonFactory json = new JsonFactory();
  private final ObjectMapper mapper = new ObjectMapper(json);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> inQuery = expressionParameter(request.getQueryString()).map(EngineRequestGuardFilter::expression);
    if (inQuery.isPresent()) {
      refuse(response, inQuery.get());
      return;
    }
    if (!isJson(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_JSON_BODY + 1);
    }
    if (body.length > MAX_JSON_BODY) {
      JsonErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "InvalidRequestException",
          "请求正文超过 " + (MAX_JSON_BODY / 1024 / 1024) + " MB 上限");
      return;
    }
    Optional<String> inBody;
    try {
      inBody = problem(body);
    } catch (IOException malformed) {
      refuse(response, "请求正文不是有效的 JSON（Request body is not valid JSON）");
      return;
    }
    if (inBody.isPresent()) {
      refuse(response, inBody.get());
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  static boolean isExpressionKey(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  /** Reads names from the raw query string: getParameterNames() would consume a form-encoded body. */
  static Optional<String> expressionParameter(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name;
      try {
        name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException badEscape) {
        name = rawName;
      }
      if (isExpressionKey(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The reason to refuse a JSON body, if there is one. */
  Optional<String> problem(byte[] body) throws IOException {
    if (body.length == 0) {
      return Optional.empty();
    }
    // One entry per open object or array: whether it is a variable map, whose keys are variable names.
    Deque<Boolean> variableMap = new ArrayDeque<>();
    String field = null;
    try (JsonParser parser = json.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT -> variableMap.push(field != null && VARIABLE_MAPS.contains(field));
          case START_ARRAY -> variableMap.push(false);
          case END_OBJECT, END_ARRAY -> variableMap.pop();
          case FIELD_NAME -> {
            String name = parser.currentName();
            boolean variableName = !variableMap.isEmpty() && variableMap.peek();
            if (!variableName && isExpressionKey(name)) {
              return Optional.of(expression(name));
            }
          }
          case VALUE_STRING -> {
            if ("serializationDataFormat".equals(field) && parser.getText().trim().equalsIgnoreCase(JAVA_SERIALIZED)) {
              return Optional.of("不接受 Java 序列化格式的变量，请使用 JSON（Java-serialized variables are not accepted）");
            }
          }
          default -> { }
        }
        field = token == JsonToken.FIELD_NAME ? parser.currentName() : null;
      }
    }
    return invalidJsonVariable(body);
  }

  /**
   * A variable of type Json whose value does not parse: Camunda would answer 500 with Spin's English parser
   * error; the user gets a 400 naming the variable instead. Only bodies that declare a Json variable are parsed
   * a second time, as a tree.
   */
  private Optional<String> invalidJsonVariable(byte[] body) throws IOException {
    if (!new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("\"json\"")) {
      return Optional.empty();
    }
    return invalidJsonVariable(null, mapper.readTree(body));
  }

  private Optional<String> invalidJsonVariable(String name, JsonNode node) {
    if (node.isObject() && node.path("type").asText("").equalsIgnoreCase("json") && node.path("value").isTextual()) {
      try {
        mapper.readTree(node.get("value").asText());
      } catch (IOException malformed) {
        return Optional.of("变量 " + (name == null ? "" : name + " ") + "的值不是有效的 JSON（Invalid JSON value）");
      }
    }
    var fields = node.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      Optional<String> found = invalidJsonVariable(field.getKey(), field.getValue());
      if (found.isPresent()) {
        return found;
      }
    }
    for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
      Optional<String> found = invalidJsonVariable(name, element);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static String expression(String key) {
    return "查询中不允许使用表达式：" + key + "（Expressions are not allowed in queries）";
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).contains("json");
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException", message);
  }
}
