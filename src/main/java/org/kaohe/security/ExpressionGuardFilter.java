package org.kaohe.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400, any engine API request that carries an expression: a query parameter or a JSON key
 * ending in {@code Expression} ({@code assigneeExpression}, {@code dueBeforeExpression} …), at any depth, so
 * also inside {@code orQueries} and in the query of a filter being saved.
 *
 * <p>Camunda evaluates such keys as JUEL against the engine's beans; Kaohe lets no user-supplied expression
 * reach it. The engine's own switches ({@code enableExpressionsInAdhocQueries} and
 * {@code enableExpressionsInStoredQueries}, both off) are the second line.
 */
final class ExpressionGuardFilter extends OncePerRequestFilter {

  /** Engine API bodies are queries, variables and form submissions; uploads are multipart and not read here. */
  static final int MAX_JSON_BODY = 16 * 1024 * 1024;

  /**
   * Bodies where Camunda takes an object as a map from variable name to value (task completion, form
   * submission, process start, message correlation, modification). Queries filter variables with lists of
   * {@code {name, operator, value}}, which stay inspected.
   */
  static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
      "processVariablesLocal", "processVariablesToTriggeredScope", "correlationKeys", "localCorrelationKeys",
      "localVariables");

  private final JsonFactory json = new JsonFactory();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> inQuery = expressionParameter(request.getQueryString());
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
      inBody = expressionKey(body);
    } catch (IOException malformed) {
      JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
          "请求正文不是有效的 JSON（Request body is not valid JSON）");
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

  Optional<String> expressionKey(byte[] body) throws IOException {
    if (body.length == 0) {
      return Optional.empty();
    }
    try (JsonParser parser = json.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = parser.currentName();
        if (isExpressionKey(name)) {
          return Optional.of(name);
        }
        if (VARIABLE_MAPS.contains(name) && parser.nextToken() == JsonToken.START_OBJECT) {
          // Keys of a variable map are variable names chosen by form designers, never evaluated.
          parser.skipChildren();
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).contains("json");
  }

  private static void refuse(HttpServletResponse response, String key) throws IOException {
    JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
        "查询中不允许使用表达式：" + key + "（Expressions are not allowed in queries）");
  }
}
