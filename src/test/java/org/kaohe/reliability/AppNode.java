package org.kaohe.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.kaohe.WebClient;

/**
 * The packaged application ({@code target/kaohe-*.jar}, built by {@code package} before failsafe runs) as a
 * separate JVM on PostgreSQL, the way production runs it: the real job executor, the {@code postgres} profile,
 * configuration through the same environment variables (KAOHE_DB_URL …) as in {@code docker/}. Shared harness of
 * the crash tests and the two-node cluster tests.
 *
 * <pre>{@code
 * PgDatabase db = PgDatabase.start().create("kaohe_crash");
 * AppNode node = new AppNode("a", db).demoUsers("secret").mail("127.0.0.1", 3725)
 *     .arg("--camunda.bpm.job-execution.lock-time-in-millis=20000");
 * node.start();                 // waits until /engine-rest answers the admin, fails with the log's tail
 * node.kill();                  // SIGKILL (destroyForcibly), asserts the process is gone
 * node.start();                 // same port, same database
 * }</pre>
 *
 * Output goes to {@code target/nodes/<name>.log}, appended across restarts with a marker line per start.
 */
public final class AppNode implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "reliability-admin-secret";
  public static final Duration START_DEADLINE = Duration.ofMinutes(4);

  private final String name;
  private final String dbUrl;
  private final String dbUser;
  private final String dbPassword;
  private final int port;
  private final Path log;
  private final List<String> profiles = new ArrayList<>(List.of("postgres"));
  private final List<String> args = new ArrayList<>();
  private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
  private final Map<String, String> env = new LinkedHashMap<>();
  private Process process;
  private Duration lastStartTime;

  /** A node on the database's current {@link PgDatabase#url() URL}. */
  public AppNode(String name, PgDatabase db) {
    this(name, db.url(), PgDatabase.USER, PgDatabase.PASSWORD);
  }

  public AppNode(String name, String dbUrl, String dbUser, String dbPassword) {
    this.name = name;
    this.dbUrl = dbUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.port = freePort();
    this.log = Path.of("target", "nodes", name + ".log");
    env.put("KAOHE_ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  /**
   * Adds the {@code demo} profile (PostgreSQL stays: the datasource comes from the {@code postgres} profile only):
   * the demo users {@code <unit>-staff}, {@code <unit>-leader}, office-staff … with this password.
   */
  public AppNode demoUsers(String password) {
    if (!profiles.contains("demo")) {
      profiles.add("demo");
    }
    return env("KAOHE_DEMO_PASSWORD", password);
  }

  /** SMTP server for reminders and letters (e.g. a GreenMail in the test JVM). */
  public AppNode mail(String host, int smtpPort) {
    env("KAOHE_MAIL_HOST", host);
    return env("KAOHE_MAIL_PORT", Integer.toString(smtpPort));
  }

  /** Any application argument, e.g. {@code --camunda.bpm.job-execution.lock-time-in-millis=20000}. */
  public AppNode arg(String argument) {
    args.add(argument);
    return this;
  }

  public AppNode jvmArg(String argument) {
    jvmArgs.add(argument);
    return this;
  }

  public AppNode env(String variable, String value) {
    env.put(variable, value);
    return this;
  }

  public String name() {
    return name;
  }

  /** The HTTP port, the same across restarts. */
  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** A fresh client (own cookies) on this node. */
  public WebClient client() {
    return new WebClient(port);
  }

  /** Basic-auth header of the administrator, for {@code /engine-rest}. */
  public static String[] admin() {
    return WebClient.basic(ADMIN, ADMIN_PASSWORD);
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " never started");
    }
    return process.pid();
  }

  /** How long the last {@link #start()} took until the node answered. */
  public Duration lastStartTime() {
    return lastStartTime;
  }

  /** Starts the process and waits until it is healthy; fails with the log's tail if it dies or takes too long. */
  public AppNode start() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is running");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar().toString());
    command.add("--server.port=" + port);
    command.add("--spring.profiles.active=" + String.join(",", profiles));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("KAOHE_DB_URL", dbUrl);
    builder.environment().put("KAOHE_DB_USER", dbUser);
    builder.environment().put("KAOHE_DB_PASSWORD", dbPassword);
    builder.environment().putAll(env);
    Instant begin = Instant.now();
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "\n===== " + begin + " start " + name + ": " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    awaitHealthy(START_DEADLINE);
    lastStartTime = Duration.between(begin, Instant.now());
    return this;
  }

  /**
   * Waits until the engine answers the administrator over {@code /engine-rest} (the web server starts after the
   * models are deployed and the users set up). Not {@code /engine-rest/engine}: Camunda lets that path through
   * unauthenticated, so Kaohe's REST filter answers it with 401 whoever asks.
   */
  public void awaitHealthy(Duration deadline) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/process-definition/count"))
        .headers(admin()).timeout(Duration.ofSeconds(5)).GET().build();
    Poll.until(name + " healthy on port " + port, deadline, () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " while starting\n" + logTail(80));
      }
      try {
        return Optional.of(http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode())
            .filter(status -> status == 200);
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, () -> logTail(80));
  }

  /** kill -9: {@link Process#destroyForcibly()} is SIGKILL on Linux; no shutdown hook, no graceful anything. */
  public void kill() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
    long pid = process.pid();
    appendMarker("kill -9 (pid " + pid + ")");
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new AssertionError(name + " (pid " + pid + ") survived SIGKILL");
    }
  }

  /** Graceful stop (SIGTERM: Spring closes the context, the job executor finishes and unlocks). */
  public void stop() {
    if (!isRunning()) {
      return;
    }
    appendMarker("stop (SIGTERM)");
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Graceful stop, then start again on the same port and database. */
  public AppNode restart() {
    stop();
    return start();
  }

  /**
   * Creates a user through the admin REST API (for set-ups without the demo profile) and adds it to the groups,
   * e.g. {@code Groups.unit("guangzhou")}. The node must be running.
   */
  public void createUser(String id, String password, String... groups) {
    WebClient client = client();
    String body = "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"" + id + "\",\"lastName\":\"测试\","
        + "\"email\":\"" + id + "@kaohe.invalid\"},\"credentials\":{\"password\":\"" + password + "\"}}";
    HttpResponse<String> created = client.postJson("/engine-rest/user/create", body, admin());
    if (created.statusCode() != 204) {
      throw new AssertionError("create user " + id + ": " + created.statusCode() + " " + created.body());
    }
    for (String group : groups) {
      HttpResponse<String> member = client.send(client.request("/engine-rest/group/" + group + "/members/" + id,
          admin()).PUT(HttpRequest.BodyPublishers.noBody()).build());
      if (member.statusCode() != 204) {
        throw new AssertionError("add " + id + " to " + group + ": " + member.statusCode() + " " + member.body());
      }
    }
  }

  /** The last lines of the node's log (all its starts). */
  public String logTail(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log " + log + ")";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "----- " + log + " (last " + lines + " lines)\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public Path log() {
    return log;
  }

  /** Kills the node if it still runs: a test that failed half-way leaves no process behind. */
  @Override
  public void close() {
    if (isRunning()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }

  private void awaitExit(Duration deadline) {
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " (pid " + process.pid() + ") still alive after " + deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void appendMarker(String what) {
    try {
      Files.writeString(log, "\n===== " + Instant.now() + " " + what + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The marker only helps reading the log.
    }
  }

  /** The jar that {@code package} built; the plain {@code .jar.original} is not executable. */
  static Path jar() {
    Path target = Path.of("target");
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "kaohe-*.jar")) {
      found.forEach(jars::add);
    } catch (IOException e) {
      throw new IllegalStateException("no target/ folder: run ./mvnw package (failsafe runs after it)", e);
    }
    if (jars.size() != 1) {
      throw new IllegalStateException("expected one target/kaohe-*.jar, found " + jars
          + ": run ./mvnw package (failsafe runs after it)");
    }
    return jars.get(0).toAbsolutePath();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
