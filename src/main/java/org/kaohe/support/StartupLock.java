package org.kaohe.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serialises the start-up writers of every Kaohe node on one database (the cluster of
 * docs/deployment-docker-postgres.md). Each writer checks what exists and then inserts; two nodes starting together
 * would both find nothing and both insert: a second set of ready filters (filters have no unique key), or a failed
 * start on a duplicate authorization. Holding a row lock of {@code kaohe_startup_lock} (Flyway V6) for the whole
 * write makes the second node wait and then find everything in place.
 *
 * <p>The work runs in the same Spring transaction as the lock: Camunda's services join it (the engine uses Spring's
 * transaction manager), so the lock is released only when the work is committed. A row lock rather than
 * PostgreSQL's advisory locks because it works the same on H2.
 */
@Component
public class StartupLock {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  StartupLock(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Runs {@code work} in one transaction while no other node runs start-up work. */
  public void run(Runnable work) {
    transaction.executeWithoutResult(status -> {
      jdbc.queryForList("SELECT name FROM kaohe_startup_lock WHERE name = 'startup' FOR UPDATE", String.class);
      work.run();
    });
  }
}
