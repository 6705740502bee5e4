package org.kaohe.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kaohe.submission.UnitSubmissions;
import org.kaohe.support.Actors;
import org.kaohe.support.Now;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 一键催办: urges every unit of the round that is late now, through the model's own urging (message
 * {@code kaohe.urge} to the unit's instance; its {@code ServiceTask_SendUrge} comments on the open task and mails
 * the unit), exactly as the office's follow-up task does.
 */
@Component
class LateUnitUrging {

  static final int MAX_MESSAGE = 500;
  static final String DEFAULT_MESSAGE = "贵单位材料已超过报送截止时间，请尽快完成填报，经主要负责同志审定后报送。";
  /** A unit urged this recently is not urged again: a double click or a retried request sends one reminder. */
  static final Duration REPEAT_GUARD = Duration.ofMinutes(10);

  private final UnitSubmissions unitSubmissions;
  private final IdentityService identityService;
  private final Actors actors;
  private final TransactionTemplate transaction;

  LateUnitUrging(UnitSubmissions unitSubmissions, IdentityService identityService, Actors actors,
      PlatformTransactionManager transactions) {
    this.unitSubmissions = unitSubmissions;
    this.identityService = identityService;
    this.actors = actors;
    this.transaction = new TransactionTemplate(transactions);
  }

  record Unit(String code, String name) {}

  record Skipped(String code, String name, String reason) {}

  record Result(int urged, List<Unit> units, List<Skipped> skipped) {}

  /**
   * Serialized: two requests at once (two supervisors, a double click) must see each other's urges for the
   * repeat guard. Rare and quick, so one lock for all rounds is enough.
   */
  synchronized Result urgeLateUnits(RoundProgress.RoundView view, String message) {
    String userId = actors.current();
    Authentication caller = identityService.getCurrentAuthentication();
    List<Unit> urged = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Instant now = Now.instant();
    // Neither office nor supervisors hold UPDATE on unit instances, and granting it would let them change any
    // instance from Cockpit. The endpoint has checked the caller's role; the correlation itself runs without
    // the engine's per-user check, like the office's follow-up task, whose delegate is not checked either.
    identityService.clearAuthentication();
    try {
      // the user's name is looked up here too: reading users is not granted to the office or supervisors
      String signed = message + "（催办人：" + actors.displayName(userId) + "）";
      // One transaction for all: a commit per unit made a national round's urge take a minute. The mails
      // leave after the commit (Notifier), so a failure urges nobody and tells nobody.
      transaction.executeWithoutResult(status -> {
        for (RoundProgress.UnitRow row : view.overdue()) {
          if (row.lastUrgedAt() != null && Duration.between(
              OffsetDateTime.parse(row.lastUrgedAt()).toInstant(), now).compareTo(REPEAT_GUARD) < 0) {
            skipped.add(new Skipped(row.code(), row.name(), "10分钟内已催办过"));
            continue;
          }
          // A unit that submitted meanwhile has left the preparation, whose boundary event catches the urge.
          if (unitSubmissions.urge(view.round().roundId(), row.code(), signed)) {
            urged.add(new Unit(row.code(), row.name()));
          } else {
            skipped.add(new Skipped(row.code(), row.name(), "已报送或不在填报阶段"));
          }
        }
      });
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
    return new Result(urged.size(), urged, skipped);
  }
}
