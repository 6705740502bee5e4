package org.kaohe.webapp;

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
 * One person in Debian's Chromium, driven through its chromedriver: a fresh profile, a Chinese browser
 * (Accept-Language zh-CN), screenshots of every step under {@code target/browser/<test>/}. Waits are for
 * conditions on the page, never fixed pauses.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KAOHE_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("KAOHE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final Path profile;
  private final Path shots;
  private final String base;
  private final String who;
  private int step;

  /** Skips the calling test, saying why, where Chromium or its driver is not installed (.ci/run installs both). */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed "
            + "(apt-get install chromium chromium-driver fonts-wqy-zenhei; .ci/run does it)");
  }

  Browser(int port, String test, String who) {
    this.base = "http://localhost:" + port;
    this.who = who;
    this.shots = Path.of("target", "browser", test);
    try {
      Files.createDirectories(shots);
      this.profile = Files.createTempDirectory("kaohe-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Selenium Manager must not try to download a browser or driver: only Debian's are used.
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
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
  }

  /** Logs in on the webapps' own login page of {@code app} (tasklist, cockpit). */
  void login(String app, String user, String password) {
    open("/camunda/app/" + app + "/default/");
    WebElement name = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")));
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[type=password]")));
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    // Angular re-renders lists while data arrives: an element found a moment ago may be gone, so look again.
    return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** The first visible element whose text contains {@code text}, among those {@code css} selects. */
  WebElement visible(String css, String text) {
    return waitFor(d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
  }

  WebElement visible(String css) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Clicks the first visible element whose text contains {@code text}, looking again if the page re-rendered it. */
  void click(String css, String text) {
    waitFor(d -> {
      WebElement element = visible(css, text);
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  /** Scrolls the element to the middle first, where no sticky header covers it. */
  void click(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    waitFor(ExpectedConditions.elementToBeClickable(element)).click();
  }

  void typeInto(WebElement field, String text) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Sets a date field as its calendar does: typed digits depend on the browser's date order, so the value is set
   * and the input event fired, which is what the form listens to.
   */
  void pickDate(WebElement field, String isoDate) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, isoDate);
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves what the person sees now as {@code NN-who-name.png}, full height of Tasklist's scrolled panes. */
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

  /** Numbers later screenshots after those of an earlier person, so a folder reads as one story. */
  Browser continuingFrom(Browser earlier) {
    this.step = earlier.step;
    return this;
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
