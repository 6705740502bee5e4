package org.kaohe.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Errors in the shape Camunda's REST API uses, so Tasklist and Cockpit show them like their own. */
final class JsonErrors {

  private JsonErrors() {}

  static void write(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    String json = "{\"type\":\"" + new String(encoder.quoteAsString(type)) + "\",\"message\":\""
        + new String(encoder.quoteAsString(message)) + "\"}";
    // The output stream, not the writer: a filter that buffered the resource's answer has already opened it.
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
