package org.kaohe.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One embedded PostgreSQL (zonky binaries from Maven Central) for a test class, with one database per
 * {@link #create(String)}: application processes ({@link AppNode}) connect to it over TCP, the test reads and
 * changes it through {@link #jdbc()} (e.g. to assert records or to move a timer's due date).
 *
 * <p>Start it in {@code @BeforeAll}, close it in {@code @AfterAll}; it outlives every node the test kills.
 */
public final class PgDatabase implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private String database;
  private JdbcTemplate jdbc;

  private PgDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on a free port. */
  public static PgDatabase start() {
    try {
      return new PgDatabase(EmbeddedPostgres.builder().start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** Creates an empty database and makes it the one {@link #url()} and {@link #jdbc()} address. */
  public PgDatabase create(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name " + name);
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("CREATE DATABASE " + name, e);
    }
    this.database = name;
    this.jdbc = new JdbcTemplate(postgres.getDatabase(USER, name));
    return this;
  }

  /** JDBC URL of the current database, for KAOHE_DB_URL. */
  public String url() {
    return postgres.getJdbcUrl(USER, current());
  }

  public int port() {
    return postgres.getPort();
  }

  public DataSource dataSource() {
    return postgres.getDatabase(USER, current());
  }

  /** Spring's JdbcTemplate on the current database, for assertions and for arranging state (timers). */
  public JdbcTemplate jdbc() {
    current();
    return jdbc;
  }

  public long count(String sql, Object... args) {
    Long count = jdbc().queryForObject(sql, Long.class, args);
    return count == null ? 0 : count;
  }

  public List<Map<String, Object>> rows(String sql, Object... args) {
    return jdbc().queryForList(sql, args);
  }

  public int update(String sql, Object... args) {
    return jdbc().update(sql, args);
  }

  private String current() {
    if (database == null) {
      throw new IllegalStateException("create(name) a database first");
    }
    return database;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
