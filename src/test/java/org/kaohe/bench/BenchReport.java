package org.kaohe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the benchmarks' figures go: a {@code [bench]} line on stdout (the run's log is the report) and the same line
 * appended to {@code target/bench/<Benchmark>.txt}; series for the plots as CSV in {@code target/bench/<name>.csv}.
 * docs/performance.md quotes these files from the last run.
 */
final class BenchReport {

  static final Path DIR = Path.of("target", "bench");

  private BenchReport() {}

  static void print(Class<?> benchmark, String line) {
    String text = "[bench] " + line;
    System.out.println(text);
    append(DIR.resolve(benchmark.getSimpleName() + ".txt"), text);
  }

  /** Appends one row to {@code target/bench/<name>.csv}, writing the header first when the file is new. */
  static void csv(String name, List<String> header, List<?> row) {
    Path file = DIR.resolve(name + ".csv");
    if (!Files.exists(file)) {
      append(file, String.join(",", header));
    }
    append(file, row.stream().map(String::valueOf).collect(Collectors.joining(",")));
  }

  private static void append(Path file, String line) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
