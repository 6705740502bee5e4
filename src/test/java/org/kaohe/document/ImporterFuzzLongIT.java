package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kaohe.document.ImporterFuzzer.Stats;
import org.kaohe.document.ImporterFuzzer.Target;

/**
 * The long fuzzing run (profile {@code long}): every importer of user files for {@link #BUDGET} in all, split evenly,
 * with a new seed each run (printed; {@code -Dfuzz.seed=N} repeats a run) so that CI explores new inputs every
 * time. A failing input is saved under target/fuzz/failures/ with its stack trace; replay it with
 * {@code ./mvnw -o -q test -Dtest=ImporterFuzzTest -Dfuzz.replay=target/fuzz/failures}, and keep it under
 * src/test/resources/fuzz/<importer>/ once fixed.
 */
class ImporterFuzzLongIT {

  /** The whole run's bound (plus at most one per-input limit for the last input). */
  static final Duration BUDGET = Duration.ofMinutes(4);
  static final Duration PER_INPUT = Duration.ofSeconds(30);

  @Test
  void everyImporterAnswersEveryMutatedFileWithItsResultOrAClearRefusal() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
    System.out.println("[fuzz] seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
    List<Target> targets = ImporterFuzzer.targets();
    Duration each = BUDGET.dividedBy(targets.size());
    ImporterFuzzer fuzzer = new ImporterFuzzer(PER_INPUT, ImporterFuzzTest.MEMORY_GUARD);
    List<String> failures = new ArrayList<>();
    int inputs = 0;
    int unhandled = 0;
    int hangs = 0;
    try {
      for (Target target : targets) {
        Stats stats = fuzzer.run(target, seed, Integer.MAX_VALUE, each);
        ImporterFuzzer.figures("ImporterFuzzLongIT", "fuzz long (seed " + seed + ", " + each.toSeconds() + " s) "
            + stats.figures());
        inputs += stats.inputs;
        unhandled += stats.unhandled;
        hangs += stats.hangs;
        failures.addAll(stats.failures);
      }
    } finally {
      fuzzer.close();
    }
    ImporterFuzzer.figures("ImporterFuzzLongIT", "fuzz long (seed " + seed + "): " + inputs + " inputs over "
        + targets.size() + " importers in " + BUDGET.toMinutes() + " min, " + unhandled + " unhandled, " + hangs
        + " hangs");
    assertThat(failures).as("unhandled exceptions and hangs (inputs under " + ImporterFuzzer.FAILURES + ")").isEmpty();
  }
}
