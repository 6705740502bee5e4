package org.kaohe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kaohe.WebClient;
import org.kaohe.round.RoundDriver;
import org.kaohe.submission.UnitSubmissionProcess;

/**
 * Issue 8, item 6: kill -9 of the application on PostgreSQL, and what the restart finds. One node
 * ({@link AppNode}, the packaged jar with the real job executor), one database, one Guangdong round driven over
 * HTTP exactly as the users do (Tasklist's engine API, logged in as each unit's staff and principal leader):
 *
 * <ol>
 *   <li><b>Burst.</b> {@value #BURST_UNITS} units submit (staff) and approve (leader, 审定 — the step that writes the
 *       Kaohe record {@code kaohe_submission} in the same transaction) concurrently; the client notes each 2xx;
 *       the node is killed (SIGKILL) once {@value #KILL_AFTER_APPROVALS} approvals were acknowledged, with the
 *       others in flight. After the restart every acknowledged step is there, and every unit is consistent: a
 *       record exists iff the approval completed iff the office's receive task is open — nothing half-written.
 *       The interrupted units then finish normally.</li>
 *   <li><b>Timers due during the outage.</b> With the node down, the 7-day reminder timers of the units left out of
 *       the burst are moved into the past in {@code act_ru_job.duedate_} (they fell due while the node was dead).
 *       After the restart each fires exactly once: its reminder task once in the history, its mail once per
 *       recipient, the timer job gone.</li>
 * </ol>
 *
 * <p>Not covered here (see the report): kill -9 during aggregation and feedback-letter generation.
 *
 * <p>The child runs with {@code camunda.bpm.job-execution.lock-time-in-millis=20000}: a job locked by a node that
 * died stays locked for the lock time (Camunda's default 5 minutes, which production keeps) before another
 * acquisition takes it again; the shorter time keeps this test bounded.
 *
 * <p>Mail leaves after the engine's transaction commits (submission.Notifier): a job retried after a crash does not
 * mail twice, but a crash between the commit and the SMTP conversation loses that mail. The figures count mails
 * per (recipient, subject).
 */
@Timeout(value = CrashLongIT.BOUND_MINUTES, unit = TimeUnit.MINUTES)
class CrashLongIT {

  /** The whole class stays within this bound (two node starts dominate: about a minute each on a loaded CI box). */
  static final int BOUND_MINUTES = 10;
  static final int BURST_UNITS = 30;
  static final int KILL_AFTER_APPROVALS = 10;
  static final int SMTP_PORT = 3725;
  static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
      .withPerMethodLifecycle(false);

  private static PgDatabase db;

  @BeforeAll
  static void startPostgres() {
    db = PgDatabase.start().create("kaohe_crash");
    try {
      Files.deleteIfExists(Path.of("target", "figures", CrashLongIT.class.getSimpleName() + ".txt"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopPostgres() {
    if (db != null) {
      db.close();
    }
  }

  record Unit(String code, String name, String kind, String instance) {}

  @Test
  void killedMidBurstAndWithTimersDueLosesNoAcknowledgedSubmissionAndFiresEachTimerOnce() throws Exception {
    try (AppNode node = new AppNode("crash", db).demoUsers(RoundDriver.PASSWORD).mail("127.0.0.1", SMTP_PORT)
        .arg("--camunda.bpm.job-execution.lock-time-in-millis=20000")) {
      node.start();
      figure("crash: first start " + seconds(node.lastStartTime()) + " s");

      RoundDriver office = new RoundDriver(node.port(), null);
      String roundId = publish(office);
      List<Unit> units = units(roundId);
      assertThat(units).hasSize(36);
      List<Unit> burst = units.subList(0, BURST_UNITS);
      List<Unit> spare = units.subList(BURST_UNITS, units.size());

      // Every unit user logs in before the burst, so the burst is only submissions.
      Map<String, WebClient> sessions = login(node, burst);

      // ---- burst, killed in the middle
      Map<String, Boolean> submitAck = new ConcurrentHashMap<>();
      Map<String, Boolean> approveAck = new ConcurrentHashMap<>();
      AtomicInteger approvalsAcknowledged = new AtomicInteger();
      AtomicInteger sent = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<?>> work = new ArrayList<>();
      for (Unit unit : burst) {
        work.add(pool.submit(() -> submitAndApprove(unit, sessions, submitAck, approveAck, approvalsAcknowledged,
            sent, killed)));
      }
      Poll.until(KILL_AFTER_APPROVALS + " approvals acknowledged", DEADLINE,
          () -> approvalsAcknowledged.get() >= KILL_AFTER_APPROVALS);
      node.kill();
      killed.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
      for (Future<?> done : work) {
        done.get();
      }
      int acknowledged = (int) (submitAck.values().stream().filter(b -> b).count()
          + approveAck.values().stream().filter(b -> b).count());
      long lockedByDeadNode = db.count("select count(*) from act_ru_job where lock_owner_ is not null");

      // ---- the outage: reminders of the spare units fall due while the node is dead
      Set<String> spareInstances = new java.util.TreeSet<>();
      spare.forEach(u -> spareInstances.add(u.instance()));
      int moved = 0;
      for (Unit unit : spare) {
        moved += db.update("update act_ru_job set duedate_ = now() - interval '1 hour' where process_instance_id_ = ?"
            + " and job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = ?)", unit.instance(),
            UnitSubmissionProcess.FIRST_REMINDER);
      }
      assertThat(moved).as("one 7-day reminder timer per spare unit").isEqualTo(spare.size());

      node.start();
      Duration restart = node.lastStartTime();

      // ---- every acknowledged step is there; every unit is consistent
      int present = 0;
      for (Unit unit : burst) {
        long records = db.count("select count(*) from kaohe_submission where round_id = ? and unit_code = ?",
            roundId, unit.code());
        long approved = completedTasks(unit, UnitSubmissionProcess.APPROVE_PACKAGE);
        long submitted = completedTasks(unit, UnitSubmissionProcess.SUBMIT_PACKAGE);
        List<String> open = openTasks(unit);
        assertThat(open).as(unit.code() + ": one open task").hasSize(1);
        assertThat(records).as(unit.code() + ": a record iff the approval completed").isEqualTo(approved);
        assertThat(approved).as(unit.code() + ": at most one approval").isLessThanOrEqualTo(1);
        assertThat(open.get(0)).as(unit.code() + ": where the package stands").isEqualTo(
            approved == 1 ? UnitSubmissionProcess.RECEIVE_PACKAGE
                : submitted == 1 ? UnitSubmissionProcess.APPROVE_PACKAGE : UnitSubmissionProcess.SUBMIT_PACKAGE);
        if (Boolean.TRUE.equals(submitAck.get(unit.code()))) {
          assertThat(submitted).as(unit.code() + ": acknowledged submission present").isEqualTo(1);
          present++;
        }
        if (Boolean.TRUE.equals(approveAck.get(unit.code()))) {
          assertThat(approved).as(unit.code() + ": acknowledged approval present").isEqualTo(1);
          assertThat(records).as(unit.code() + ": its record").isEqualTo(1);
          present++;
        }
      }
      figure("crash: burst of " + burst.size() + " units (submit + approve each): " + sent.get() + " requests sent, "
          + acknowledged + " acknowledged, " + present + " acknowledged present after restart, killed after "
          + approvalsAcknowledged.get() + " approvals; " + lockedByDeadNode + " jobs locked by the dead node");
      figure("crash: restart after kill -9 " + seconds(restart) + " s");

      // ---- the interrupted units finish normally: nothing stuck
      Map<String, WebClient> again = login(node, burst);
      for (Unit unit : burst) {
        String open = openTasks(unit).get(0);
        if (open.equals(UnitSubmissionProcess.SUBMIT_PACKAGE)) {
          assertThat(submit(unit, again.get(unit.code() + "-staff"))).isTrue();
        }
        if (!open.equals(UnitSubmissionProcess.RECEIVE_PACKAGE)) {
          assertThat(approve(unit, again.get(unit.code() + "-leader"))).isTrue();
        }
      }
      assertThat(db.count("select count(*) from kaohe_submission where round_id = ?", roundId))
          .as("every burst unit recorded once").isEqualTo(burst.size());

      // ---- timers that fell due during the outage fire once
      for (String instance : spareInstances) {
        Poll.until("7-day reminder of " + instance + " after restart", DEADLINE,
            () -> historyOf(instance, UnitSubmissionProcess.SEND_FIRST_REMINDER) > 0
                && db.count("select count(*) from act_ru_job j join act_ru_jobdef d on j.job_def_id_ = d.id_"
                    + " where j.process_instance_id_ = ? and d.act_id_ = ?", instance,
                    UnitSubmissionProcess.FIRST_REMINDER) == 0);
        assertThat(historyOf(instance, UnitSubmissionProcess.FIRST_REMINDER)).as(instance + " timer").isEqualTo(1);
        assertThat(historyOf(instance, UnitSubmissionProcess.SEND_FIRST_REMINDER)).isEqualTo(1);
      }
      Set<String> spareStaff = new java.util.TreeSet<>();
      spare.forEach(u -> spareStaff.add(u.code() + "-staff@kaohe.invalid"));
      Map<String, Integer> reminders = Poll.until("a reminder mail to every spare unit's staff", DEADLINE, () -> {
        Map<String, Integer> perKey = mailsPerKey();
        Map<String, Integer> found = new TreeMap<>();
        perKey.forEach((key, count) -> {
          String recipient = key.substring(0, key.indexOf(' '));
          if (spareStaff.contains(recipient) && key.contains("【提醒】")) {
            found.put(key, count);
          }
        });
        return found.size() == spareStaff.size() ? Optional.of(found) : Optional.empty();
      }, () -> "mails: " + mailsPerKey());
      assertThat(reminders.values()).as("each reminder once per recipient").containsOnly(1);

      Map<String, Integer> perKey = mailsPerKey();
      int most = perKey.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      figure("crash: timers due during the outage: " + spare.size() + " moved into the past, " + spare.size()
          + " fired once after restart; reminder mails " + reminders.size() + " (each once)");
      figure("crash: mails " + perKey.values().stream().mapToInt(Integer::intValue).sum() + " to " + perKey.size()
          + " (recipient, subject) keys, at most " + most + " per key");
      assertThat(perKey.values()).as("no mail twice to the same recipient with the same subject").containsOnly(1);
    }
  }

  /** The office starts the round, edits the notice and its head approves; the node's job executor publishes. */
  private static String publish(RoundDriver office) {
    String roundId = office.start(LocalDate.now(ZONE).getYear());
    String draft = office.onlyTask("office-staff", roundId, "UserTask_DraftNotice");
    ObjectNode notice = (ObjectNode) office.variableJson("office-staff", draft, "notice");
    office.schedule(notice, LocalDate.now(ZONE).plusDays(30), null, code -> true);
    office.complete("office-staff", draft, Map.of("notice", office.jsonVariable(notice)));
    office.complete("office-leader", office.onlyTask("office-leader", roundId, "UserTask_ApproveNotice"),
        Map.of("noticeApproved", RoundDriver.booleanVariable(true)));
    Poll.until("the round published by the job executor", DEADLINE, () ->
        db.count("select count(*) from kaohe_round_unit where round_id = ? and process_instance_id is not null", roundId) == 36
            && db.count("select count(*) from act_ru_task where task_def_key_ = ?", UnitSubmissionProcess.SUBMIT_PACKAGE) == 36);
    return roundId;
  }

  private static List<Unit> units(String roundId) {
    List<Unit> units = new ArrayList<>();
    for (Map<String, Object> row : db.rows("select unit_code, unit_name, unit_kind, process_instance_id"
        + " from kaohe_round_unit where round_id = ? order by unit_code", roundId)) {
      units.add(new Unit((String) row.get("unit_code"), (String) row.get("unit_name"), (String) row.get("unit_kind"),
          (String) row.get("process_instance_id")));
    }
    return units;
  }

  private static Map<String, WebClient> login(AppNode node, List<Unit> units) throws Exception {
    Map<String, WebClient> sessions = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> logins = new ArrayList<>();
      for (Unit unit : units) {
        for (String user : List.of(unit.code() + "-staff", unit.code() + "-leader")) {
          logins.add(pool.submit(() -> {
            WebClient client = node.client();
            assertThat(client.loginToTasklist(user, RoundDriver.PASSWORD).statusCode()).as("login " + user).isEqualTo(200);
            sessions.put(user, client);
          }));
        }
      }
      for (Future<?> login : logins) {
        login.get();
      }
    } finally {
      pool.shutdown();
    }
    return sessions;
  }

  private static void submitAndApprove(Unit unit, Map<String, WebClient> sessions, Map<String, Boolean> submitAck,
      Map<String, Boolean> approveAck, AtomicInteger approvals, AtomicInteger sent, AtomicBoolean killed) {
    if (killed.get()) {
      return;
    }
    sent.incrementAndGet();
    boolean submitted = attempt(() -> submit(unit, sessions.get(unit.code() + "-staff")));
    submitAck.put(unit.code(), submitted);
    if (!submitted || killed.get()) {
      return;
    }
    sent.incrementAndGet();
    boolean approved = attempt(() -> approve(unit, sessions.get(unit.code() + "-leader")));
    approveAck.put(unit.code(), approved);
    if (approved) {
      approvals.incrementAndGet();
    }
  }

  /** A request that the kill interrupts (connection reset or refused) is simply not acknowledged. */
  private static boolean attempt(java.util.function.BooleanSupplier request) {
    try {
      return request.getAsBoolean();
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The staff fill the package and submit it (填报材料), as the form does. */
  private static boolean submit(Unit unit, WebClient staff) {
    String task = openTask(staff, unit, UnitSubmissionProcess.SUBMIT_PACKAGE);
    if (task == null) {
      return false;
    }
    RoundDriver json = new RoundDriver(0, null);
    JsonNode notice = tree(staff.get(RoundDriver.ENGINE_API + "/task/" + task + "/variables/notice?deserializeValue=false"));
    JsonNode noticeValue = tree(notice.get("value").asText());
    String kind = unit.kind().toLowerCase().contains("city") ? "city" : unit.kind();
    String pkg = json.jsonVariable(json.validPackage(noticeValue, kind, unit.name()));
    return submitForm(staff, task, "{\"variables\":{\"submissionPackage\":" + pkg + "}}");
  }

  /** The principal leader approves (审定): the engine records the package in the same transaction. */
  private static boolean approve(Unit unit, WebClient leader) {
    String task = openTask(leader, unit, UnitSubmissionProcess.APPROVE_PACKAGE);
    if (task == null) {
      return false;
    }
    return submitForm(leader, task, "{\"variables\":{\"packageApproved\":" + RoundDriver.booleanVariable(true) + "}}");
  }

  private static boolean submitForm(WebClient client, String task, String body) {
    HttpResponse<String> response = client.postJson(RoundDriver.ENGINE_API + "/task/" + task + "/submit-form", body,
        client.csrf());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError("submit-form " + task + ": " + response.statusCode() + " " + response.body());
    }
    return true;
  }

  private static String openTask(WebClient client, Unit unit, String key) {
    HttpResponse<String> response = client.get(RoundDriver.ENGINE_API + "/task?processInstanceId=" + unit.instance()
        + "&taskDefinitionKey=" + key);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("task query " + response.statusCode());
    }
    JsonNode tasks = tree(response);
    return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
  }

  private static JsonNode tree(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    return tree(response.body());
  }

  private static JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  private static long completedTasks(Unit unit, String key) {
    return db.count("select count(*) from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ = ?"
        + " and end_time_ is not null and delete_reason_ = 'completed'", unit.instance(), key);
  }

  /** The open tasks of the package's path; a city's bonus application (a parallel branch) is not one of them. */
  private static List<String> openTasks(Unit unit) {
    return db.jdbc().queryForList("select task_def_key_ from act_ru_task where proc_inst_id_ = ?"
        + " and task_def_key_ in (?, ?, ?)", String.class, unit.instance(), UnitSubmissionProcess.SUBMIT_PACKAGE,
        UnitSubmissionProcess.APPROVE_PACKAGE, UnitSubmissionProcess.RECEIVE_PACKAGE);
  }

  private static long historyOf(String instance, String activity) {
    return db.count("select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = ?", instance, activity);
  }

  /**
   * Mails as sent, per (recipient, subject): GreenMail keeps one copy per recipient, so copies of one message are
   * told apart from a message sent twice by the Message-ID.
   */
  private static Map<String, Integer> mailsPerKey() {
    Map<String, Set<String>> ids = new TreeMap<>();
    try {
      for (MimeMessage message : mail.getReceivedMessages()) {
        for (var address : message.getAllRecipients()) {
          ids.computeIfAbsent(address + " " + message.getSubject(), k -> new java.util.HashSet<>())
              .add(message.getMessageID());
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Integer> counts = new TreeMap<>();
    ids.forEach((key, messages) -> counts.put(key, messages.size()));
    return counts;
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f", duration.toMillis() / 1000.0);
  }

  static void figure(String line) {
    String text = "[figures] " + line;
    System.out.println(text);
    try {
      Path file = Path.of("target", "figures", CrashLongIT.class.getSimpleName() + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
