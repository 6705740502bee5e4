package org.kaohe.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints a {@code [figures]} line and appends it to target/figures/&lt;TestClass&gt;.txt for the docs. */
final class Figures {

  private Figures() {}

  static void print(Class<?> test, String line) {
    String text = "[figures] " + line;
    System.out.println(text);
    try {
      Path file = Path.of("target", "figures", test.getSimpleName() + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
