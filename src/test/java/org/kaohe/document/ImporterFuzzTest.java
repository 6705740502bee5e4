package org.kaohe.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaohe.document.ImporterFuzzer.Stats;
import org.kaohe.document.ImporterFuzzer.Target;

/**
 * A small fixed fuzzing run of every importer of user files in the fast build ({@value #INPUTS_PER_TARGET} inputs
 * each, the same ones every time: seed {@value #SEED}), and every file a longer run once failed on (kept under
 * src/test/resources/fuzz/), replayed. The long run is {@link ImporterFuzzLongIT}.
 *
 * <p>{@code -Dfuzz.seed=N} runs other inputs; {@code -Dfuzz.replay=DIR} replays the files a run saved there.
 */
class ImporterFuzzTest {

  static final long SEED = 20261231L;
  static final int INPUTS_PER_TARGET = 60;
  /** A bound on hanging: every input here takes well under a second; the machine is shared. */
  static final Duration PER_INPUT = Duration.ofSeconds(20);
  /** A file of at most 10 MB for which the importer allocates more than this is a memory bug. */
  static final long MEMORY_GUARD = 3L * 1024 * 1024 * 1024;

  private static ImporterFuzzer fuzzer;
  private static List<Target> targets;

  @BeforeAll
  static void setUp() throws Exception {
    fuzzer = new ImporterFuzzer(PER_INPUT, MEMORY_GUARD);
    targets = ImporterFuzzer.targets();
  }

  @AfterAll
  static void tearDown() {
    fuzzer.close();
  }

  @Test
  void everyImporterAnswersEveryMutatedFileWithItsResultOrAClearRefusal() {
    long seed = Long.getLong("fuzz.seed", SEED);
    List<String> failures = new ArrayList<>();
    for (Target target : targets) {
      Stats stats = fuzzer.run(target, seed, INPUTS_PER_TARGET, Duration.ofMinutes(5));
      ImporterFuzzer.figures("ImporterFuzzTest", "fuzz (seed " + seed + ") " + stats.figures());
      assertThat(stats.inputs).isEqualTo(INPUTS_PER_TARGET);
      failures.addAll(stats.failures);
    }
    assertThat(failures).as("unhandled exceptions and hangs (inputs under " + ImporterFuzzer.FAILURES + ")").isEmpty();
  }

  @Test
  void theFilesThatOnceFailedAreAnsweredNow() throws Exception {
    List<String> failures = new ArrayList<>();
    int replayed = 0;
    for (Target target : targets) {
      Stats stats = new Stats(target.name());
      for (Path file : regressions(target)) {
        fuzzer.runOne(target, Files.readAllBytes(file), "replay-" + file.getFileName(), stats);
        replayed++;
      }
      failures.addAll(stats.failures);
    }
    System.out.println("[fuzz] replayed " + replayed + " saved files");
    assertThat(failures).isEmpty();
  }

  /** The files kept for {@code target}: src/test/resources/fuzz/<target>/, and -Dfuzz.replay's own. */
  private static List<Path> regressions(Target target) throws IOException, URISyntaxException {
    List<Path> files = new ArrayList<>();
    URL kept = ImporterFuzzTest.class.getResource("/fuzz/" + target.name());
    if (kept != null) {
      try (Stream<Path> list = Files.list(Path.of(kept.toURI()))) {
        list.sorted().forEach(files::add);
      }
    }
    String replay = System.getProperty("fuzz.replay");
    if (replay != null) {
      try (Stream<Path> list = Files.list(Path.of(replay))) {
        list.filter(p -> p.getFileName().toString().startsWith(target.name() + "-"))
            .filter(p -> !p.toString().endsWith(".txt")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
