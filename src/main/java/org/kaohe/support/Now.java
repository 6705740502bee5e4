package org.kaohe.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock. Deadlines, lateness and timers must agree on one "now", and tests move this clock to
 * run a round through its deadline without waiting.
 */
public final class Now {

  private Now() {}

  public static Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static OffsetDateTime in(ZoneId zone) {
    return instant().atZone(zone).toOffsetDateTime();
  }
}
