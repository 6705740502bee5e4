package org.kaohe.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ContentDisposition;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * What the resources of Kaohe's webapp API share: the Spring context, JSON answers in the shape of Camunda's REST
 * errors ({@code type}, {@code message}) so that forms show both alike, downloads with their Chinese file names, and
 * request bodies read within a limit.
 */
public final class WebappApi {

  public static final String JSON_UTF8 = "application/json;charset=UTF-8";
  /** The header in which a form sends an uploaded file's name, percent-encoded (the body is the file itself). */
  public static final String FILE_NAME_HEADER = "X-Kaohe-File-Name";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WebappApi() {}

  public static ApplicationContext context(ServletContext servletContext) {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
  }

  public static Response json(int status, Object body) {
    try {
      return Response.status(status).type(JSON_UTF8).entity(MAPPER.writeValueAsString(body)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the answer as JSON", e);
    }
  }

  /** An error answer; {@code extra} (problems per cell …) is added beside the message. */
  public static WebApplicationException error(int status, String message, Map<String, ?> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", switch (status) {
      case 403 -> "AuthorizationException";
      case 404 -> "NotFoundException";
      case 409 -> "ConflictException";
      case 413 -> "PayloadTooLargeException";
      default -> "InvalidRequestException";
    });
    body.put("message", message);
    body.putAll(extra);
    return new WebApplicationException(message, json(status, body));
  }

  public static WebApplicationException error(int status, String message) {
    return error(status, message, Map.of());
  }

  /** An engine refusal as the form should show it: no engine internals, the user's words. */
  public static WebApplicationException forbidden(AuthorizationException e) {
    return error(403, "您没有权限执行此操作（" + e.getUserId() + "）");
  }

  public static Response download(byte[] bytes, String fileName, String mediaType) {
    return Response.ok(bytes, mediaType)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  /**
   * The request body, at most {@code limit} bytes: a declared length over the limit is refused before anything is
   * read, an undeclared one as soon as the limit is passed, so a large upload never sits in memory.
   */
  public static byte[] body(InputStream in, HttpHeaders headers, int limit, String tooLarge) {
    String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          throw error(413, tooLarge);
        }
      } catch (NumberFormatException ignored) {
        // the container rejects a malformed length itself; read within the limit below
      }
    }
    try {
      byte[] bytes = in == null ? new byte[0] : in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw error(413, tooLarge);
      }
      return bytes;
    } catch (IOException e) {
      throw error(400, "文件上传中断，请重新上传");
    }
  }

  /** The uploaded file's name from {@link #FILE_NAME_HEADER}, without folders, at most 200 characters. */
  public static String fileName(HttpHeaders headers, String fallback) {
    String raw = headers.getHeaderString(FILE_NAME_HEADER);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String name;
    try {
      name = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return fallback;
    }
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
        .replaceAll("[\\p{Cntrl}<>:\"|?*]", "_").strip();
    if (name.isEmpty()) {
      return fallback;
    }
    return name.codePointCount(0, name.length()) > 200 ? name.substring(0, name.offsetByCodePoints(0, 200)) : name;
  }
}
