package org.kaohe;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Talks to a running Kaohe as a browser or an integration would: HTTP Basic for /engine-rest, and a webapp
 * session with Camunda's CSRF token for the engine API that Tasklist uses.
 */
public final class WebClient {

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  public WebClient(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return send(request(path, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A download, its bytes as they came. */
  public HttpResponse<byte[]> getBytes(String path, String... headers) {
    try {
      return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An upload as the forms send it: the file itself as the body, its name in a header. */
  public HttpResponse<String> upload(String path, byte[] file, String fileName) {
    HttpRequest.Builder builder = request(path, csrf()).header("Content-Type", "application/octet-stream");
    if (fileName != null) {
      builder.header("X-Kaohe-File-Name", URLEncoder.encode(fileName, StandardCharsets.UTF_8));
    }
    return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** For downloads: the body as bytes. */
  public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  public static String[] basic(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new String[] {"Authorization", "Basic " + token};
  }

  /** Logs in to Tasklist the way its login page does; returns the login response. */
  public HttpResponse<String> loginToTasklist(String user, String password) {
    get("/camunda/app/tasklist/default/");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = send(request("/camunda/api/admin/auth/user/default/login/tasklist", csrf())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    // Login starts a new session; like the browser loading Tasklist, fetch the new session's CSRF token.
    get("/camunda/api/admin/auth/user/default");
    return login;
  }

  /** The header that Camunda's CSRF filter expects on every modifying webapp request. */
  public String[] csrf() {
    return new String[] {"X-XSRF-TOKEN", cookie("XSRF-TOKEN")};
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("no cookie " + name + " yet"));
  }
}
