package org.kaohe.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kaohe's Chinese files for Camunda's webapps against the English ones of the camunda-webapp-webjar on the class
 * path: after a Camunda upgrade this test lists the keys to translate (see docs/webapp-translation.md).
 */
class TranslationCompletenessTest {

  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  /** Camunda matches only the language part of navigator.language, so zh-CN browsers load "zh". */
  private static final String CHINESE = "zh";

  /** Words that are the same in Chinese: product names and abbreviations. */
  private static final Set<String> SAME_IN_CHINESE = Set.of("Camunda", "Optimize", "ID", "DI", "EDE", "FNI", "PI",
      "TU", "BPMN", "DMN", "CMMN", "DRD", "JSON", "XML", "CSV", "API", "URL", "LDAP", "null", "true", "false");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");
  /** HTML by element name: "<null>" or "<definition>" in English are words in brackets, to be translated. */
  private static final Pattern MARKUP = Pattern.compile(
      "</?(?:a|b|br|code|div|em|i|li|ol|p|pre|small|span|strong|u|ul)\\b[^>]*>|&[a-zA-Z]+;|%[sd]");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseHasExactlyTheKeysOfTheShippedEnglish(String app) {
    Map<String, String> english = flatten(english(app));
    Map<String, String> chinese = flatten(chinese(app));

    List<String> missing = new ArrayList<>(english.keySet());
    missing.removeAll(chinese.keySet());
    List<String> unknown = new ArrayList<>(chinese.keySet());
    unknown.removeAll(english.keySet());

    assertSoftly(soft -> {
      soft.assertThat(missing).as("%s: keys of the shipped en.json missing from %s.json", app, CHINESE).isEmpty();
      soft.assertThat(unknown).as("%s: keys of %s.json that the shipped en.json does not have", app, CHINESE)
          .isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseKeepsEveryPlaceholderAndTag(String app) {
    Map<String, String> english = flatten(english(app));
    List<String> differing = new ArrayList<>();
    flatten(chinese(app)).forEach((key, value) -> {
      String original = english.get(key);
      if (original != null && !(sorted(PLACEHOLDER, original).equals(sorted(PLACEHOLDER, value))
          && sorted(MARKUP, original).equals(sorted(MARKUP, value)))) {
        differing.add(key + ": " + original + " -> " + value);
      }
    });
    assertThat(differing).as("%s: values whose {{…}} placeholders, HTML tags, entities or %%s/%%d differ", app)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void noTextIsLeftInEnglish(String app) {
    Map<String, String> english = flatten(english(app));
    List<String> untranslated = new ArrayList<>();
    flatten(chinese(app)).forEach((key, value) -> {
      boolean dateFormat = key.startsWith("dateLocales.longDateFormat.");
      if (!dateFormat && value.equals(english.get(key)) && hasEnglishWords(value)) {
        untranslated.add(key + ": " + value);
      }
    });
    assertThat(untranslated).as("%s: values still identical to the English text", app).isEmpty();
  }

  /** Header, login, error pages and widgets are the same in every app, so they must read the same. */
  @Test
  void aTextTheAppsShareIsTranslatedAlikeEverywhere() {
    Map<String, String> firstApp = new LinkedHashMap<>();
    Map<String, String> firstChinese = new LinkedHashMap<>();
    List<String> differing = new ArrayList<>();
    for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
      Map<String, String> english = flatten(english(app).path("labels"));
      flatten(chinese(app).path("labels")).forEach((key, value) -> {
        String shared = key + "\u0000" + english.get(key);
        String earlier = firstChinese.putIfAbsent(shared, value);
        firstApp.putIfAbsent(shared, app);
        if (earlier != null && !earlier.equals(value)) {
          differing.add(key + ": " + firstApp.get(shared) + " " + earlier + ", " + app + " " + value);
        }
      });
    }
    assertThat(differing).as("same key and English text, different Chinese").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void datesFollowTheSameChineseConventionsInEveryApp(String app) {
    JsonNode dates = chinese(app).path("dateLocales");

    assertThat(dates).as("%s: dateLocales", app).isEqualTo(chinese("tasklist").path("dateLocales"));
    assertThat(dates.path("months").get(0).asText()).isEqualTo("一月");
    assertThat(dates.path("weekdays").get(0).asText()).isEqualTo("星期日");
    assertThat(dates.path("longDateFormat").path("LL").asText()).isEqualTo("YYYY年M月D日");
    assertThat(dates.path("week").path("dow").asInt()).as("weeks start on Monday").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersChineseAndServesOurs(String app) {
    String config = ourConfig(app);

    Matcher available = Pattern.compile("availableLocales:\\s*\\[([^]]*)]").matcher(config);
    assertThat(available.find()).as("%s config.js sets locales.availableLocales", app).isTrue();
    assertThat(available.group(1)).contains("'" + CHINESE + "'", "'en'");
    assertThat(config).containsPattern("fallbackLocale: language === '" + CHINESE + "' \\? '" + CHINESE + "' : 'en'");
  }

  /**
   * The file is named after what Camunda matches: if an upgrade changes the matching (e.g. to the full tag zh-CN),
   * this fails, and the locale name must be checked again.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void camundaStillMatchesOnlyTheLanguagePartOfTheBrowserLocale(String app) {
    String bootstrap = text(resource(APP + app + "/camunda-" + app + "-bootstrap.js"));

    assertThat(bootstrap).containsPattern(
        "\\.split\\(\"-\"\\),\\w+=\\w+\\.indexOf\\(\\w+\\[0\\]\\.toLowerCase\\(\\)\\)");
  }

  private static boolean hasEnglishWords(String value) {
    String text = PLACEHOLDER.matcher(MARKUP.matcher(value).replaceAll(" ")).replaceAll(" ");
    Matcher words = WORD.matcher(text);
    while (words.find()) {
      if (!SAME_IN_CHINESE.contains(words.group())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> sorted(Pattern pattern, String value) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(value);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    Collections.sort(found);
    return found;
  }

  /** Keys as paths ("labels.SAVE", "dateLocales.months[0]") with their text. */
  private static Map<String, String> flatten(JsonNode node) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", node, flat);
    return flat;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> flat) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field ->
          flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), flat));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), flat);
      }
    } else {
      flat.put(path, node.asText());
    }
  }

  private JsonNode english(String app) {
    URL url = resource(APP + app + "/locales/en.json");
    assertThat(url.toString()).as("the English file comes from Camunda's webjar").contains("camunda-webapp-webjar");
    return read(url);
  }

  private JsonNode chinese(String app) {
    return read(resource(APP + app + "/locales/" + CHINESE + ".json"));
  }

  /** Ours must be the config.js the class loader finds first, as the Spring Boot starter serves that one. */
  private static String ourConfig(String app) {
    URL url = resource(APP + app + "/scripts/config.js");
    assertThat(url.toString()).as("%s config.js found before the webjar's", app)
        .doesNotContain("camunda-webapp-webjar");
    return text(url);
  }

  private static URL resource(String name) {
    URL url = TranslationCompletenessTest.class.getClassLoader().getResource(name);
    assertThat(url).as(name + " on the class path").isNotNull();
    return url;
  }

  private JsonNode read(URL url) {
    try (InputStream in = url.openStream()) {
      // Jackson skips the byte order mark the shipped en.json files start with.
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(url.toString(), e);
    }
  }

  private static String text(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(url.toString(), e);
    }
  }
}
