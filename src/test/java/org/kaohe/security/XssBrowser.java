package org.kaohe.security;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium set up as in webapp.Browser, plus a trap installed through DevTools before any page script
 * runs: alert, confirm and prompt are replaced by recorders, in every frame; the pages' Content-Security-Policy
 * is bypassed so that escaping alone is tested. A payload that executes leaves its
 * number in {@code window.__xss}; {@link #executions()} reads both after a view has settled.
 */
final class XssBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KAOHE_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("KAOHE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TRAP = "window.__dialogs = [];"
      + "['alert', 'confirm', 'prompt'].forEach(function (name) {"
      + "  window[name] = function (m) { window.__dialogs.push(name + ':' + m); return null; };"
      + "});";

  private final ChromeDriver driver;
  private final Path profile;
  private final Path shots;
  private final String base;
  private final String who;
  private int step;
  int pageLoads;

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Stored-XSS browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed "
            + "(apt-get install chromium chromium-driver fonts-wqy-zenhei; .ci/run does it)");
  }

  XssBrowser(int port, String test, String who) {
    this.base = "http://localhost:" + port;
    this.who = who;
    this.shots = Path.of("target", "browser", test);
    try {
      Files.createDirectories(shots);
      this.profile = Files.createTempDirectory("kaohe-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--lang=zh-CN", "--window-size=1400,1000", "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAP));
    // Camunda's Content-Security-Policy (a nonce with 'strict-dynamic') already blocks inline event handlers, so
    // with it on, an unescaped <img onerror> would pass unnoticed. Bypassed, the test checks Kaohe's escaping
    // itself; the policy stays a second layer in production ('unsafe-eval' leaves AngularJS injection to us).
    driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
    pageLoads++;
  }

  /** Opens an in-app route (a hash change): Tasklist and Cockpit keep the page, so the trap and globals stay. */
  void route(String app, String hash) {
    String url = base + "/camunda/app/" + app + "/default/#" + hash;
    if (driver.getCurrentUrl().startsWith(base + "/camunda/app/" + app + "/")) {
      ((JavascriptExecutor) driver).executeScript("window.location.hash = arguments[0];", hash);
    } else {
      driver.get(url);
    }
    pageLoads++;
  }

  void login(String app, String user, String password) {
    open("/camunda/app/" + app + "/default/");
    WebElement name = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[type=password]")));
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  WebElement visible(String css, String text) {
    return waitFor(d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
  }

  void click(String css, String text) {
    waitFor(d -> {
      WebElement element = visible(css, text);
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Everything the user can read on the page: the text, and the values of the form's fields. */
  String textAndValues() {
    return String.valueOf(script("var all = [document.body.innerText];"
        + "document.querySelectorAll('input, textarea').forEach(function (f) { all.push(f.value); });"
        + "return all.join('\\n');"));
  }

  /** Waits until {@code literal} is readable on the page as text (or a field's value), i.e. the view has its data. */
  void waitForLiteral(String literal) {
    waitFor(d -> textAndValues().contains(literal) ? true : null);
  }

  /**
   * What executed so far on this page: payload numbers in window.__xss and recorded dialogs, after every image
   * has loaded or failed (an onerror handler runs only then) and animations had a frame to begin.
   */
  @SuppressWarnings("unchecked")
  List<Object> executions() {
    waitFor(d -> Boolean.TRUE.equals(script(
        "return Array.prototype.every.call(document.images, function (i) { return i.complete; });")) ? true : null);
    // Two animation frames: SVG animations and autofocus handlers run by then; not a fixed pause.
    ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });");
    return (List<Object>) script("var found = [];"
        + "(window.__xss || []).forEach(function (n) { found.push('payload ' + n); });"
        + "(window.__dialogs || []).forEach(function (d) { found.push('dialog ' + d); });"
        + "return found;");
  }

  /**
   * Proves the detector can fail: a payload put into the page through innerHTML and an alert() must both be
   * found; then the page's record is cleared so the views start from nothing.
   */
  void assertDetectorWorks(String payload, int number) {
    script("var d = document.createElement('div'); d.innerHTML = arguments[0]; document.body.appendChild(d);"
        + "alert('canary');", payload);
    List<Object> found = executions();
    if (!found.contains("payload " + number) || !found.contains("dialog alert:canary")) {
      throw new AssertionError("the XSS detector missed a planted execution: " + found);
    }
    script("window.__xss = undefined; window.__dialogs = []; document.body.removeChild(document.body.lastChild);");
  }

  Path screenshot(String name) {
    step++;
    Path file = shots.resolve(String.format("%02d-%s-%s.png", step, who, name));
    try {
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind does no harm
    }
  }
}
