package org.kaohe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaohe.identity.Groups;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The production profile on a real PostgreSQL, started from binaries that Maven Central ships. */
class PostgresIT {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void startsOnPostgresWithInnerMongoliaDeploysModelsAndCreatesNoDemoUsers() throws SQLException {
    String database = freshDatabase("kaohe_im");
    try (ConfigurableApplicationContext app = start(database, "--KAOHE_ADMIN_PASSWORD=pg-admin-secret",
        "--KAOHE_ORGANISATION=inner-mongolia")) {
      assertThat(app.getBean(RepositoryService.class).createProcessDefinitionQuery()
          .processDefinitionKey("kaohe-smoke-test").count()).isEqualTo(1);
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.createGroupQuery().groupIdIn(Groups.unit("hohhot"), Groups.leaders("alxa")).count()).isEqualTo(2);
      assertThat(identity.createGroupQuery().groupId(Groups.unit("guangzhou")).count()).isZero();
      assertThat(identity.createUserQuery().userId("hohhot-staff").count()).as("demo profile is off").isZero();
      assertThat(identity.checkPassword("admin", "pg-admin-secret")).isTrue();

      String instance = app.getBean(RuntimeService.class).startProcessInstanceByKey("kaohe-smoke-test",
          Map.of("unitGroup", Groups.unit("hohhot"))).getId();
      TaskService tasks = app.getBean(TaskService.class);
      tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
      assertThat(app.getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(instance).count()).isZero();

      int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      WebClient client = new WebClient(port);
      assertThat(client.get("/engine-rest/task", WebClient.basic("admin", "pg-admin-secret")).statusCode()).isEqualTo(200);
      assertThat(client.get("/engine-rest/task").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void refusesToStartWithoutAnAdminPassword() throws SQLException {
    String database = freshDatabase("kaohe_nopassword");

    assertThatThrownBy(() -> start(database, "--KAOHE_ADMIN_PASSWORD=").close())
        .hasStackTraceContaining("KAOHE_ADMIN_PASSWORD");
  }

  private static String freshDatabase(String name) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static ConfigurableApplicationContext start(String url, String... more) {
    String[] arguments = new String[more.length + 6];
    arguments[0] = "--spring.profiles.active=postgres";
    arguments[1] = "--KAOHE_DB_URL=" + url;
    arguments[2] = "--KAOHE_DB_USER=postgres";
    arguments[3] = "--KAOHE_DB_PASSWORD=postgres";
    arguments[4] = "--server.port=0";
    arguments[5] = "--camunda.bpm.job-execution.enabled=false";
    System.arraycopy(more, 0, arguments, 6, more.length);
    return new SpringApplicationBuilder(KaoheApplication.class).run(arguments);
  }
}
