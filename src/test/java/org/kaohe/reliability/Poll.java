package org.kaohe.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a condition that another process brings about (the job executor of a node, a node's start-up): asks
 * again every {@code interval} until it holds or the deadline passes. Never a fixed wait for the thing itself.
 */
public final class Poll {

  private Poll() {}

  /** Waits until {@code condition} is true; fails with {@code what} and {@code context} on the deadline. */
  public static void until(String what, Duration deadline, Supplier<Boolean> condition) {
    until(what, deadline, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty(), () -> "");
  }

  /** Waits until {@code value} yields something and returns it. */
  public static <T> T until(String what, Duration deadline, Supplier<Optional<T>> value, Supplier<String> context) {
    Instant end = Instant.now().plus(deadline);
    long interval = 50;
    RuntimeException last = null;
    while (true) {
      try {
        Optional<T> result = value.get();
        if (result.isPresent()) {
          return result.get();
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (Instant.now().isAfter(end)) {
        AssertionError error = new AssertionError("gave up after " + deadline.toSeconds() + " s waiting for: " + what
            + contextOf(context));
        if (last != null) {
          error.initCause(last);
        }
        throw error;
      }
      pause(interval);
      interval = Math.min(interval * 2, 500);
    }
  }

  private static String contextOf(Supplier<String> context) {
    try {
      String text = context.get();
      return text == null || text.isEmpty() ? "" : "\n" + text;
    } catch (RuntimeException e) {
      return "\n(context unavailable: " + e + ")";
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
