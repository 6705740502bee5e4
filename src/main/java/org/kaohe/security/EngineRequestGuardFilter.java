package org.kaohe.security;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 and a message that says why, engine API requests that carry what Kaohe never lets reach
 * the engine. The rule is deny-by-default: an expression marker ({@code ${} or {@code #{}) or an
 * {@code …Expression} key is refused everywhere in a request, except where Kaohe stores what users type:
 *
 * <ul>
 *   <li>the values of variables in a variable map ({@code variables}, {@code modifications} … of task completion,
 *       form submission, process start, message correlation, modification) and the body of a single variable
 *       ({@code PUT …/variables/<name>});
 *   <li>a task comment and an annotation (Cockpit).
 * </ul>
 *
 * <p>Those are stored literally and never evaluated: Camunda evaluates JUEL only in a query's {@code …Expression}
 * fields, which no one may send. Refusing markers in every other value too (query parameters, query bodies at any
 * depth, {@code orQueries}, saved filters and their properties, batch operations' nested queries) makes the claim
 * "no user-supplied expression is evaluated" hold without knowing which of Camunda's some 1,500 query fields a
 * later version might evaluate: no legitimate query value (IDs, codes, dates, names) contains one.
 *
 * <p>Variables: a Java-serialized variable ({@code application/x-java-serialized-object}) and an {@code Object}
 * variable of a type outside Kaohe's own classes (anything but {@code org.kaohe.*} in JSON) are refused, so no
 * request chooses a class to deserialize; a Json variable whose value is not JSON is named in the refusal.
 *
 * <p>The engine's own switches (expressions in ad-hoc queries off, Java serialization off, deserialization type
 * validation on) are the second line; this filter makes the refusal a clear 400 instead of an engine error.
 */
final class EngineRequestGuardFilter extends OncePerRequestFilter {

  /** Engine API bodies are queries, variables and form submissions; uploads are multipart and not read here. */
  static final int MAX_JSON_BODY = 16 * 1024 * 1024;

  /**
   * Objects that Camunda reads as a map from variable name to value (task completion, form submission, process
   * start, message correlation, modification): their keys are names chosen by form designers, not query
   * fields, and their values are data. Queries filter variables with lists of {@code {name, operator, value}},
   * which stay inspected.
   */
  static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
      "processVariablesLocal", "processVariablesToTriggeredScope", "correlationKeys", "localCorrelationKeys",
      "localVariables");

  /** Bodies that are one variable value ({@code PUT …/variables/<name>}) or free text (comments, annotations). */
  private static final Pattern FREE_TEXT_PATH = Pattern.compile(
      ".*/(?:(?:variables|localVariables)/[^/]+|task/[^/]+/comment/create|incident/[^/]+/annotation"
          + "|history/user-operation/[^/]+/(?:set|clear)-annotation)/?");

  /** What JUEL would evaluate: {@code ${…}} and {@code #{…}}, also with whitespace before the brace. */
  private static final Pattern MARKER = Pattern.compile("[$#]\\s*\\{");

  /** Kaohe's own value classes: the only object types a variable may name ({@code deserialization-allowed-packages}). */
  private static final Pattern ALLOWED_OBJECT_TYPE = Pattern.compile("org\\.kaohe\\.[A-Za-z0-9_$.]+");

  private static final String JAVA_SERIALIZED = "application/x-java-serialized-object";
  private static final String JSON_FORMAT = "application/json";

  private final ObjectMapper mapper = new ObjectMapper();

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
      inBody = problem(body, freeText(request));
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

  static boolean hasMarker(String text) {
    return text.indexOf('{') >= 0 && MARKER.matcher(text).find();
  }

  /** Whether the body of this request is a variable value or free text, where markers are stored literally. */
  static boolean freeText(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path != null && FREE_TEXT_PATH.matcher(path).matches();
  }

  /**
   * The name of the first parameter that is an {@code …Expression} or has a marker in its name or value. Reads the
   * raw query string: getParameterNames() would consume a form-encoded body.
   */
  static Optional<String> expressionParameter(String queryString) {
    for (String[] pair : pairs(queryString)) {
      if (isExpressionKey(pair[0]) || hasMarker(pair[0]) || hasMarker(pair[1])) {
        return Optional.of(pair[0]);
      }
    }
    return Optional.empty();
  }

  private static List<String[]> pairs(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return List.of();
    }
    List<String[]> pairs = new java.util.ArrayList<>();
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      pairs.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))});
    }
    return pairs;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      // Camunda would not decode it either; the raw text is what to inspect.
      return raw;
    }
  }

  /** The reason to refuse a JSON body of a query, command or form submission, if there is one. */
  Optional<String> problem(byte[] body) throws IOException {
    return problem(body, false);
  }

  /**
   * The reason to refuse a JSON body, if there is one.
   *
   * @param freeText whether the whole body is a variable value or free text (markers allowed)
   */
  Optional<String> problem(byte[] body, boolean freeText) throws IOException {
    if (body.length == 0) {
      return Optional.empty();
    }
    JsonNode root = mapper.readTree(body);
    if (root == null) {
      return Optional.empty();
    }
    return freeText ? value(null, root) : inspect(null, root);
  }

  /** A node outside variable values: keys and strings are inspected, variable maps hand over to {@link #value}. */
  private Optional<String> inspect(String field, JsonNode node) {
    if (node.isTextual()) {
      return hasMarker(node.asText()) ? Optional.of(expression(field == null ? "（正文）" : field)) : Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> found = inspect(field, element);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    var fields = node.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      String name = entry.getKey();
      if (isExpressionKey(name) || hasMarker(name)) {
        return Optional.of(expression(name));
      }
      JsonNode child = entry.getValue();
      Optional<String> found;
      if (VARIABLE_MAPS.contains(name) && child.isObject()) {
        found = variableMap(child);
      } else {
        found = inspect(name, child);
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<String> variableMap(JsonNode map) {
    var variables = map.fields();
    while (variables.hasNext()) {
      var variable = variables.next();
      Optional<String> found = value(variable.getKey(), variable.getValue());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A variable value: text is data, but its type must be one Kaohe accepts. */
  private Optional<String> value(String name, JsonNode variable) {
    if (!variable.isObject()) {
      return Optional.empty();
    }
    String type = variable.path("type").asText("");
    JsonNode valueInfo = variable.path("valueInfo");
    String format = valueInfo.path("serializationDataFormat").asText("").trim();
    String label = name == null ? "" : name + " ";
    if (format.equalsIgnoreCase(JAVA_SERIALIZED)) {
      return Optional.of("不接受 Java 序列化格式的变量，请使用 JSON（Java-serialized variables are not accepted）");
    }
    if (type.equalsIgnoreCase("object")) {
      String objectType = valueInfo.path("objectTypeName").asText("").trim();
      if (!ALLOWED_OBJECT_TYPE.matcher(objectType).matches() || !format.equalsIgnoreCase(JSON_FORMAT)) {
        return Optional.of("不接受变量 " + label + "的对象类型 " + (objectType.isEmpty() ? "（未指定）" : objectType)
            + "，请使用 JSON 类型（Object variables of this type are not accepted）");
      }
    } else if (type.equalsIgnoreCase("xml")) {
      return Optional.of("不接受 XML 类型的变量 " + label + "，请使用 JSON（XML variables are not accepted）");
    } else if (type.equalsIgnoreCase("json") && variable.path("value").isTextual()) {
      try {
        mapper.readTree(variable.get("value").asText());
      } catch (IOException malformed) {
        return Optional.of("变量 " + label + "的值不是有效的 JSON（Invalid JSON value）");
      }
    } else if (!type.equalsIgnoreCase("json") && variable.path("value").isContainerNode()) {
      // Camunda would store an untyped map or list as a serialized Java collection object.
      return Optional.of("不接受对象或列表形式的变量 " + label + "，请使用 Json 类型（Structured values must be of type Json）");
    }
    return Optional.empty();
  }

  private static String expression(String key) {
    return "请求中不允许使用表达式（${…} 或 #{…}）：" + key + "（Expressions are not allowed here）";
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).contains("json");
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException", message);
  }
}
