package org.kaohe.bonus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** 同一项目不重复加分: the same unit's same project in this round, or granted in another round, is a duplicate. */
class BonusApplicationsTest {

  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 20, 10, 0, 0, 0, ZoneOffset.ofHours(8));

  private BonusApplications applications;

  @BeforeEach
  void migrate() {
    var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).table("kaohe_schema_history").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("INSERT INTO kaohe_round VALUES ('r2025', 'guangdong', 2025, '考核', '{}', DATE '2025-12-31', 1, ?)", AT);
    jdbc.update("INSERT INTO kaohe_round VALUES ('r2026', 'guangdong', 2026, '考核', '{}', DATE '2026-12-31', 1, ?)", AT);
    applications = new BonusApplications(jdbc);
  }

  @Test
  void duplicates() {
    String key = BonusRules.key("青年之家");
    applications.insert(application("granted-2025", "r2025", "guangzhou", key));
    applications.decide("granted-2025", BonusApplications.GRANTED, 2, "", "office-staff", AT);
    applications.insert(application("refused-2025", "r2025", "guangzhou", BonusRules.key("青马工程")));
    applications.decide("refused-2025", BonusApplications.REFUSED, null, "不符合条件", "office-staff", AT);

    assertThat(applications.duplicateOf("r2026", "guangzhou", key)).contains("granted-2025");
    assertThat(applications.duplicateOf("r2026", "guangzhou", BonusRules.key("青马工程"))).isEmpty();
    assertThat(applications.duplicateOf("r2026", "shenzhen", key)).isEmpty();

    applications.insert(application("first-2026", "r2026", "shenzhen", key));
    assertThat(applications.duplicateOf("r2026", "shenzhen", key)).contains("first-2026");

    assertThat(applications.grantedOfRound("r2025")).extracting(BonusApplications.Application::points).containsExactly(2);
    assertThat(applications.roundYear("r2025")).contains(2025);
  }

  private static BonusApplications.Application application(String id, String round, String unit, String key) {
    return new BonusApplications.Application(id, round, unit, "innovation", key, key, "", null, null, "pi", "staff",
        AT, null, null, null, null);
  }
}
