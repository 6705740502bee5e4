package org.kaohe.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored-XSS corpus, src/test/resources/security/xss-payloads.txt: each line's {@code $X} becomes the script
 * that pushes the payload's number onto {@code window.__xss}, so an execution names the payload that caused it.
 */
final class XssPayloads {

  static final String RESOURCE = "/security/xss-payloads.txt";
  /** A long variant's tail: long texts are where truncation or a different rendering path could kick in. */
  private static final String LONG = "长".repeat(4000);

  private XssPayloads() {}

  static List<String> all() {
    List<String> lines = new ArrayList<>();
    try (InputStream in = XssPayloads.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the test class path");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("# ")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      payloads.add(lines.get(i).replace("${LONG}", LONG)
          .replace("$X", "(window.__xss=window.__xss||[]).push(" + number + ")")
          .replace("$N", String.valueOf(number)));
    }
    return payloads;
  }
}
