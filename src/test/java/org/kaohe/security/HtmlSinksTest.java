package org.kaohe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reason the browser tests find nothing, kept from eroding: Kaohe's forms put user text on the page only
 * through AngularJS interpolation and ng-model (escaped, never compiled again), and its Tasklist/Cockpit plugins
 * only through textContent and text nodes. A form or plugin that starts writing HTML from strings, or compiling
 * it, fails here and must show why it is safe (then add it to StoredXssInBrowserIT's views).
 */
class HtmlSinksTest {

  /** Ways to turn a string into markup or code in a page. */
  private static final Pattern SINKS = Pattern.compile(
      "\\.innerHTML\\s*[+]?=|\\.outerHTML\\s*=|insertAdjacentHTML|document\\.write|ng-bind-html|\\$compile"
          + "|trustAsHtml|\\$sce|\\.html\\(|new\\s+Function\\s*\\(|\\beval\\s*\\(|setTimeout\\(\\s*['\"]"
          + "|ng-include|srcdoc|javascript:");

  @Test
  void formsAndPluginsWriteNoMarkupFromStrings() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"));
         Stream<Path> plugins = Files.walk(Path.of("src/main/resources/plugin-webapp"))) {
      forms.filter(p -> p.toString().endsWith(".html")).forEach(files::add);
      plugins.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).forEach(files::add);
    }
    assertThat(files).as("forms and plugin scripts found").hasSizeGreaterThan(30);
    List<String> found = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = SINKS.matcher(lines.get(i));
        if (m.find()) {
          found.add(file + ":" + (i + 1) + ": " + m.group());
        }
      }
    }
    assertThat(found).as("HTML/code sinks in forms and plugins").isEmpty();
  }

  @Test
  void theSinkPatternCatchesWhatItIsMeantTo() {
    for (String bad : List.of("node.innerHTML = text;", "<div ng-bind-html=\"x\"></div>", "$compile(html)(scope)",
        "el.insertAdjacentHTML('beforeend', s)", "$('#x').html(s)", "<a href=\"javascript:void(0)\">")) {
      assertThat(SINKS.matcher(bad).find()).as(bad).isTrue();
    }
    assertThat(SINKS.matcher("node.textContent = text; {{ kh.summary }}").find()).isFalse();
  }
}
