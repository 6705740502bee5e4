package org.kaohe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.UnitSubmissionProcess;

/**
 * The production topology of docs/deployment-docker-postgres.md: two Kaohe processes (the packaged jar, real job
 * executors) on one PostgreSQL. (a) Every unit's first-reminder timer, made due at once, runs exactly once — one
 * success in Camunda's job log, one comment on the task, one mail per unit — and both nodes run some. (b) A
 * Tasklist login made on node 1 (session cookie and CSRF token) reads and completes a task on node 2. (c) Node 1 is
 * killed with SIGKILL while it holds locked jobs: node 2 still serves the session, and runs node 1's jobs once their
 * lock has expired, each still exactly once.
 *
 * <p>The nodes are told apart in the database by Camunda's {@code hostname} (written to ACT_HI_JOB_LOG.HOSTNAME_)
 * and, for locks still held, by their lock time: node 1 locks for {@value #NODE_1_LOCK_MILLIS} ms, node 2 for
 * {@value #NODE_2_LOCK_MILLIS} ms, so a lock that expires within node 1's lock time of now is node 1's (Camunda's
 * lock owner is a random id per process and cannot be configured in the starter).
 *
 * <p>Bounded: {@link #START_BOUND} for the starts, {@link #PHASE_BOUND} for each phase; about 4–6 minutes on two
 * cores. Runs with {@code -Plong}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLongIT {

  static final Duration START_BOUND = Duration.ofMinutes(5);
  static final Duration PHASE_BOUND = Duration.ofMinutes(2);
  static final int SMTP_PORT = 3825;
  static final int NODE_1_LOCK_MILLIS = 10_000;
  static final int NODE_2_LOCK_MILLIS = 90_000;
  static final String NODE_1 = "node-1";
  static final String NODE_2 = "node-2";
  static final String ENGINE_API = RoundDriver.ENGINE_API;
  /** ACT_HI_JOB_LOG.JOB_STATE_ of a successful run. */
  static final int JOB_SUCCESSFUL = 2;

  static GreenMail mail;
  static PgDatabase db;
  static AppNode node1;
  static AppNode node2;
  static RoundDriver driver;
  static final Map<String, String> figures = new LinkedHashMap<>();
  /** The login of phase (b), reused after the kill in phase (c). */
  static String sessionCookie;
  static String csrfToken;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    db = PgDatabase.start().create("kaohe_cluster");
    node1 = node(NODE_1, NODE_1_LOCK_MILLIS)
        // One job at a time but six locked per acquisition: node 1 holds locked, waiting jobs during a burst, which
        // is what the kill in phase (c) must catch.
        .arg("--camunda.bpm.job-execution.core-pool-size=1")
        .arg("--camunda.bpm.job-execution.max-pool-size=1")
        .arg("--camunda.bpm.job-execution.queue-capacity=6")
        .arg("--camunda.bpm.job-execution.max-jobs-per-acquisition=6");
    node2 = node(NODE_2, NODE_2_LOCK_MILLIS);

    // The very first start creates Camunda's schema, which Camunda does without a lock: one node alone, as
    // docker/compose.yaml does. Then both start together on the existing schema: the start-up writes (grants,
    // ready filters, models) must neither fail nor be duplicated.
    Instant first = Instant.now();
    node1.start();
    figures.put("first start (schema)", seconds(Duration.between(first, Instant.now())));
    node1.stop();
    Instant together = Instant.now();
    CompletableFuture<AppNode> one = CompletableFuture.supplyAsync(node1::start);
    CompletableFuture<AppNode> two = CompletableFuture.supplyAsync(node2::start);
    CompletableFuture.allOf(one, two).get(START_BOUND.toSeconds(), TimeUnit.SECONDS);
    figures.put("both nodes started together", seconds(Duration.between(together, Instant.now())));
    driver = new RoundDriver(node1.port(), null);
  }

  private static AppNode node(String name, int lockMillis) {
    return new AppNode("cluster-" + name, db).demoUsers(RoundDriver.PASSWORD).mail("127.0.0.1", SMTP_PORT)
        .arg("--camunda.bpm.generic-properties.properties.hostname=" + name)
        .arg("--camunda.bpm.job-execution.lock-time-in-millis=" + lockMillis)
        // An idle job executor waits up to 60 s between acquisitions by default; the test makes jobs due by SQL,
        // which no node is told about.
        .arg("--camunda.bpm.job-execution.max-wait=1000");
  }

  @AfterAll
  static void stop() {
    for (AppNode node : new AppNode[] {node1, node2}) {
      if (node != null) {
        node.close();
      }
    }
    if (db != null) {
      db.close();
    }
    if (mail != null) {
      mail.stop();
    }
    figures.forEach((name, value) -> figure(name + ": " + value));
  }

  @Test
  @Order(0)
  void startingTogetherWritesTheStartUpDataOnce() {
    assertThat(db.rows("SELECT name_, count(*) AS n FROM act_ru_filter GROUP BY name_, owner_ HAVING count(*) > 1"))
        .as("ready filters written twice").isEmpty();
    assertThat(db.count("SELECT count(*) FROM act_ru_filter")).isPositive();
    assertThat(db.rows("SELECT key_, version_, count(*) FROM act_re_procdef GROUP BY key_, version_ HAVING count(*) > 1"))
        .isEmpty();
    assertThat(db.count("SELECT max(version_) FROM act_re_procdef WHERE key_ = ?", UnitSubmissionProcess.KEY))
        .as("an unchanged model is not deployed again by the second node").isEqualTo(1);
  }

  @Test
  @Order(1)
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void eachDueTimerRunsOnceAcrossBothNodes() {
    int units = publishRound();
    List<String> jobs = makeDue(UnitSubmissionProcess.FIRST_REMINDER);
    assertThat(jobs).as("first-reminder timers of " + units + " units").isNotEmpty();

    Instant due = Instant.now();
    awaitDone(jobs, PHASE_BOUND);
    figures.put("(a) first-reminder timers run by two nodes in", seconds(Duration.between(due, Instant.now())));

    Map<String, Long> runs = runsPerJob(UnitSubmissionProcess.FIRST_REMINDER);
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(jobs);
    assertThat(runs.values()).as("successful runs per job").containsOnly(1L);
    Map<String, Long> byNode = jobsByNode(UnitSubmissionProcess.FIRST_REMINDER);
    assertThat(byNode.keySet()).as("both nodes took part: " + byNode).containsExactlyInAnyOrder(NODE_1, NODE_2);

    // Kaohe's own record of each run: one reminder comment on each open task (a city has two: package, bonus).
    assertThat(reminderComments("提醒：本单位材料将于%", "task_id_").values()).containsOnly(1L);
    assertThat(reminderComments("提醒：本单位材料将于%", "proc_inst_id_")).hasSize(jobs.size());

    // One mail per unit's staff member: the mail leaves after the job's transaction commits, so once.
    Map<String, Long> mails = pollMails(jobs.size(), false);
    assertThat(mails.values()).as("first reminders per address " + mails).containsOnly(1L);
    figures.put("(a) jobs", jobs.size() + " (units " + units + ")" + ", runs per job " + runs.values().stream().distinct().toList()
        + ", jobs by node " + byNode + ", reminder mails " + mails.size() + " staff addresses, once each");
  }

  @Test
  @Order(2)
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aLoginOnNodeOneWorksOnNodeTwo() {
    WebClient browser = new WebClient(node1.port());
    assertThat(browser.loginToTasklist("guangzhou-staff", RoundDriver.PASSWORD).statusCode()).isEqualTo(200);
    sessionCookie = browser.cookie("JSESSIONID");
    csrfToken = browser.cookie("XSRF-TOKEN");

    // The control: node 2 without the cookie refuses, so the answer below comes from the shared session.
    assertThat(onNode2("GET", tasksPath(), null, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> tasks = onNode2("GET", tasksPath(), sessionCookie, null, null);
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    JsonNode list = driver.tree(tasks.body());
    assertThat(list).as("guangzhou's package task, seen through node 2").hasSize(1);
    String task = list.get(0).get("id").asText();

    ObjectNode pkg = driver.validPackage(driver.variableJson("guangzhou-staff", task, "notice"), "city", "广州市团委");
    String body = "{\"variables\":{\"submissionPackage\":" + driver.jsonVariable(pkg) + "}}";
    HttpResponse<String> submitted = onNode2("POST", ENGINE_API + "/task/" + task + "/submit-form", sessionCookie,
        csrfToken, body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

    assertThat(db.count("SELECT count(*) FROM act_hi_taskinst WHERE id_ = ? AND end_time_ IS NOT NULL", task)).isEqualTo(1);
    // And node 1 sees the same session's work done.
    assertThat(driver.tree(browser.get(tasksPath()).body())).isEmpty();

    // The CSRF token is checked against the shared session too: a wrong one is refused on node 2, and Camunda's
    // answer, ending that session, holds on node 1 as well. (A second login: the user's first one goes on.)
    WebClient other = new WebClient(node1.port());
    assertThat(other.loginToTasklist("shenzhen-staff", RoundDriver.PASSWORD).statusCode()).isEqualTo(200);
    String otherSession = other.cookie("JSESSIONID");
    assertThat(onNode2("GET", tasksPath(), otherSession, null, null).statusCode()).isEqualTo(200);
    assertThat(onNode2("POST", ENGINE_API + "/task/" + task + "/claim", otherSession, "wrong-token",
        "{\"userId\":\"shenzhen-staff\"}").statusCode()).isEqualTo(403);
    assertThat(other.get(tasksPath()).statusCode()).as("session ended on node 2, asked on node 1").isEqualTo(401);
    figures.put("(b) session", "login on node 1, task list and submit-form on node 2: 200/204;"
        + " without cookie 401; wrong CSRF token on node 2 403 and that session ended on node 1 too (401)");
  }

  @Test
  @Order(3)
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void whenNodeOneIsKilledNodeTwoCarriesOn() {
    List<String> jobs = makeDue(UnitSubmissionProcess.LAST_REMINDER);
    assertThat(jobs).isNotEmpty();

    // Kill node 1 the moment it holds a lock: a lock expiring within node 1's lock time is node 1's.
    Poll.until("node 1 holding a locked last-reminder job", PHASE_BOUND,
        () -> !lockedByNode1(jobs, Instant.now()).isEmpty());
    node1.kill();
    Instant killed = Instant.now();
    Map<String, Timestamp> orphaned = lockedByNode1(jobs, killed);
    assertThat(orphaned).as("jobs node 1 had locked when it died").isNotEmpty();

    // The user's session goes on through node 2.
    HttpResponse<String> stillIn = onNode2("GET", ENGINE_API + "/task?taskDefinitionKey="
        + UnitSubmissionProcess.APPROVE_PACKAGE, sessionCookie, null, null);
    assertThat(stillIn.statusCode()).as("the session after node 1 died").isEqualTo(200);

    awaitDone(jobs, PHASE_BOUND);
    Duration failover = Duration.between(killed, lastRun(orphaned.keySet()));

    Map<String, Long> runs = runsPerJob(UnitSubmissionProcess.LAST_REMINDER);
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(jobs);
    assertThat(runs.values()).as("successful runs per job, across the kill").containsOnly(1L);
    for (Map.Entry<String, Timestamp> job : orphaned.entrySet()) {
      Map<String, Object> run = db.rows("SELECT hostname_, timestamp_ FROM act_hi_job_log WHERE job_id_ = ?"
          + " AND job_state_ = ?", job.getKey(), JOB_SUCCESSFUL).get(0);
      assertThat(run.get("hostname_")).as("orphaned job " + job.getKey()).isEqualTo(NODE_2);
      assertThat(((Timestamp) run.get("timestamp_")).toInstant())
          .as("run only once node 1's lock had expired").isAfterOrEqualTo(job.getValue().toInstant());
    }
    assertThat(reminderComments("提醒：本单位材料将于明天%", "task_id_").values())
        .as("last-reminder comments per task").containsOnly(1L);
    assertThat(reminderComments("提醒：本单位材料将于明天%", "proc_inst_id_")).hasSize(jobs.size());
    // A mail leaves after its job commits: a node killed between the two loses that one mail, never sends twice.
    Map<String, Long> mails = pollMails(jobs.size() - 1, true);
    assertThat(mails.values()).as("last reminders per address " + mails).containsOnly(1L);

    figures.put("(c) failover", "node 1 killed holding " + orphaned.size() + " locked jobs (lock "
        + NODE_1_LOCK_MILLIS + " ms); node 2 ran them " + seconds(failover) + " after the kill; " + jobs.size()
        + " jobs, runs per job " + runs.values().stream().distinct().toList() + ", jobs by node "
        + jobsByNode(UnitSubmissionProcess.LAST_REMINDER) + ", mails " + mails.size() + " of " + jobs.size()
        + ", none twice; session on node 2: 200");
  }

  // ---- the round and its jobs

  /** The office publishes a round for every unit (on node 1); returns how many units' instances it started. */
  private static int publishRound() {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(40);
    String roundId = driver.start(deadline.getYear());
    String draft = driver.onlyTask("office-staff", roundId, "UserTask_DraftNotice");
    ObjectNode notice = (ObjectNode) driver.variableJson("office-staff", draft, "notice");
    driver.schedule(notice, deadline, null, code -> true);
    driver.complete("office-staff", draft, Map.of("notice", driver.jsonVariable(notice)));
    driver.complete("office-leader", driver.onlyTask("office-leader", roundId, "UserTask_ApproveNotice"),
        Map.of("noticeApproved", RoundDriver.booleanVariable(true)));
    int units = notice.get("units").size();
    // The publishing job runs on whichever node acquires it and starts one instance per unit.
    Poll.until(units + " units' instances", PHASE_BOUND, () -> db.count("SELECT count(*) FROM act_ru_execution e"
        + " JOIN act_re_procdef d ON e.proc_def_id_ = d.id_ WHERE e.parent_id_ IS NULL AND d.key_ = ?",
        UnitSubmissionProcess.KEY) == units);
    return units;
  }

  private static List<String> timerJobs(String timer) {
    return db.jdbc().queryForList("SELECT j.id_ FROM act_ru_job j JOIN act_ru_jobdef d ON j.job_def_id_ = d.id_"
        + " WHERE d.act_id_ = ?", String.class, timer);
  }

  /** Moves every timer of this activity to a minute ago, as if its date had come: all at once for both nodes. */
  private static List<String> makeDue(String timer) {
    List<String> jobs = timerJobs(timer);
    db.update("UPDATE act_ru_job SET duedate_ = ? WHERE job_def_id_ IN"
        + " (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = ?)", Timestamp.from(Instant.now().minusSeconds(60)), timer);
    return jobs;
  }

  private static void awaitDone(List<String> jobs, Duration deadline) {
    Poll.until("all " + jobs.size() + " jobs run", deadline, () -> remaining(jobs) == 0);
  }

  private static long remaining(List<String> jobs) {
    return db.jdbc().queryForList("SELECT id_ FROM act_ru_job", String.class).stream().filter(jobs::contains).count();
  }

  /** The jobs of the list locked until at most node 1's lock time after {@code at}, with their lock's expiry. */
  private static Map<String, Timestamp> lockedByNode1(List<String> jobs, Instant at) {
    Map<String, Timestamp> locked = new TreeMap<>();
    for (Map<String, Object> row : db.rows("SELECT id_, lock_exp_time_ FROM act_ru_job WHERE lock_owner_ IS NOT NULL")) {
      Timestamp expiry = (Timestamp) row.get("lock_exp_time_");
      String id = (String) row.get("id_");
      if (jobs.contains(id) && expiry != null
          && expiry.toInstant().isBefore(at.plusMillis(NODE_1_LOCK_MILLIS + 1_000))) {
        locked.put(id, expiry);
      }
    }
    return locked;
  }

  private static Instant lastRun(Iterable<String> jobIds) {
    Instant last = Instant.EPOCH;
    for (String id : jobIds) {
      Timestamp run = db.jdbc().queryForObject("SELECT max(timestamp_) FROM act_hi_job_log WHERE job_id_ = ?"
          + " AND job_state_ = ?", Timestamp.class, id, JOB_SUCCESSFUL);
      if (run != null && run.toInstant().isAfter(last)) {
        last = run.toInstant();
      }
    }
    return last;
  }

  private static Map<String, Long> runsPerJob(String timer) {
    Map<String, Long> runs = new TreeMap<>();
    db.rows("SELECT job_id_, count(*) AS n FROM act_hi_job_log WHERE act_id_ = ? AND job_state_ = ?"
        + " GROUP BY job_id_", timer, JOB_SUCCESSFUL)
        .forEach(row -> runs.put((String) row.get("job_id_"), ((Number) row.get("n")).longValue()));
    return runs;
  }

  private static Map<String, Long> jobsByNode(String timer) {
    Map<String, Long> byNode = new TreeMap<>();
    db.rows("SELECT hostname_, count(*) AS n FROM act_hi_job_log WHERE act_id_ = ? AND job_state_ = ?"
        + " GROUP BY hostname_", timer, JOB_SUCCESSFUL)
        .forEach(row -> byNode.put((String) row.get("hostname_"), ((Number) row.get("n")).longValue()));
    return byNode;
  }

  /** Reminder comments (Notifier's record on the unit's open tasks) per task_id_ or proc_inst_id_. */
  private static Map<String, Long> reminderComments(String like, String per) {
    Map<String, Long> comments = new TreeMap<>();
    db.rows("SELECT " + per + " AS k, count(*) AS n FROM act_hi_comment WHERE message_ LIKE ? GROUP BY " + per, like)
        .forEach(row -> comments.put((String) row.get("k"), ((Number) row.get("n")).longValue()));
    return comments;
  }

  /**
   * Reminder mails per staff address, once at least {@code expected} staff addresses have one (mails leave after
   * the commit, a moment after the job's history row). {@code last}: the 1-day reminders, else the 7-day ones.
   */
  private static Map<String, Long> pollMails(int expected, boolean last) {
    return Poll.until(expected + " staff addresses reminded", Duration.ofSeconds(30), () -> {
      Map<String, Long> perAddress = reminderMails(last);
      return perAddress.size() >= expected ? Optional.of(perAddress) : Optional.empty();
    }, () -> "mails so far: " + reminderMails(last));
  }

  /**
   * Reminder mails to each staff member. GreenMail keeps one copy of a message per recipient and finds a message
   * for every address it names, so messages are told apart by their Message-ID.
   */
  private static Map<String, Long> reminderMails(boolean last) {
    Map<String, Long> perAddress = new TreeMap<>();
    for (GreenMailUser user : mail.getUserManager().listUser()) {
      if (!user.getEmail().endsWith("-staff@kaohe.invalid")) {
        continue;
      }
      Set<String> reminders = new HashSet<>();
      for (MimeMessage message : mail.getReceivedMessagesForDomain(user.getEmail())) {
        try {
          String subject = message.getSubject();
          // getReceivedMessagesForDomain matches the end of an address: school-staff@ also finds league-school-staff@.
          boolean toThisUser = Arrays.stream(message.getAllRecipients())
              .anyMatch(to -> to.toString().equalsIgnoreCase(user.getEmail()));
          if (toThisUser && subject.startsWith("【提醒】") && subject.contains("明天") == last) {
            reminders.add(message.getMessageID());
          }
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      if (!reminders.isEmpty()) {
        perAddress.put(user.getEmail(), (long) reminders.size());
      }
    }
    return perAddress;
  }

  // ---- requests to node 2 with a cookie taken from node 1

  private static String tasksPath() {
    return ENGINE_API + "/task?taskDefinitionKey=" + UnitSubmissionProcess.SUBMIT_PACKAGE;
  }

  /** A request with only the cookies given: nothing from node 2 itself, no cookie jar. */
  private static HttpResponse<String> onNode2(String method, String path, String session, String csrf, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node2.baseUrl() + path))
        .timeout(Duration.ofSeconds(30));
    if (session != null) {
      request.header("Cookie", "JSESSIONID=" + session);
    }
    if (csrf != null) {
      request.header("X-XSRF-TOKEN", csrf);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- figures

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static void figure(String text) {
    String line = "[figures] cluster: " + text;
    System.out.println(line);
    try {
      Path file = Path.of("target", "figures", ClusterLongIT.class.getSimpleName() + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
