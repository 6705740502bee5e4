package org.kaohe.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link Submissions} on Kaohe's migrations: a package returned for completion after the office accepted it (the
 * review's return) is marked returned, the resubmission is the next version, and lateness for the assessment
 * stays the first version's.
 */
class SubmissionsTest {

  private static final OffsetDateTime DUE = OffsetDateTime.parse("2017-12-31T23:59:59+08:00");

  private Submissions submissions;

  @BeforeEach
  void database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:submissions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("kaohe_schema_history")
        .load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("INSERT INTO kaohe_round (round_id, organisation, round_year, title, notice_json, submission_deadline,"
        + " unit_count, published_at) VALUES ('r1', 'guangdong', 2017, 't', '{}', DATE '2017-12-31', 3, ?)", DUE);
    for (String unit : new String[] {"guangzhou", "shenzhen", "foshan"}) {
      jdbc.update("INSERT INTO kaohe_round_unit (round_id, unit_code, unit_name, unit_kind) VALUES ('r1', ?, ?, 'city')",
          unit, unit);
    }
    submissions = new Submissions(jdbc);
  }

  @Test
  void aReviewReturnAfterAcceptanceMarksTheLatestVersionAndTheResubmissionIsTheNextVersion() {
    submissions.add("r1", "guangzhou", "{\"v\":1}", DUE.minusDays(2), DUE, "guangzhou-leader", "p1");
    submissions.markReturned("r1", "guangzhou", "宣传部退回补充：请补充第 1 项的数据");

    assertThat(submissions.latest("r1", "guangzhou")).get().satisfies(latest -> {
      assertThat(latest.status()).isEqualTo("returned");
      assertThat(latest.statusComment()).isEqualTo("宣传部退回补充：请补充第 1 项的数据");
    });
    // Resubmitted after the deadline: the new version is late, the unit's first submission was not.
    Submissions.Submission second = submissions.add("r1", "guangzhou", "{\"v\":2}", DUE.plusDays(3), DUE,
        "guangzhou-leader", "p1");
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.late()).isTrue();
    assertThat(submissions.latest("r1", "guangzhou")).get()
        .satisfies(latest -> assertThat(latest.status()).isEqualTo("submitted"));

    submissions.add("r1", "shenzhen", "{}", DUE.plusMinutes(1), DUE, null, "p2");
    assertThat(submissions.firstLate("r1")).containsExactly(
        java.util.Map.entry("guangzhou", false), java.util.Map.entry("shenzhen", true));
  }
}
