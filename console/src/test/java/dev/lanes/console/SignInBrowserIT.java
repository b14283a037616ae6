package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.console.browser.Browser;
import dev.lanes.console.internal.web.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in and out in a real browser: the cookie the server sets is sent back after the redirect,
 * the page's forms carry the session's CSRF token, and nothing the content security policy forbids
 * is on the page (the console's own CSS and htmx load; no inline style).
 */
class SignInBrowserIT {

  static final String TOKEN = "browser-token-42";

  @Test
  void theFirstTabReachesTheSkipLinkAndTheSignInFormWorksFromTheKeyboardAlone() {
    try (Console console = Console.start(settings());
        Browser browser = Browser.open()) {
      WebDriver driver = browser.driver();
      // A page of the layout without a form: the first Tab lands on the skip link.
      driver.get(console.uri().resolve("/no-such-page").toString());
      driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
      WebElement skip = driver.switchTo().activeElement();
      assertThat(skip.getAttribute("class")).contains("skip-link");
      assertThat(skip.isDisplayed()).as("the skip link shows while it has focus").isTrue();
      skip.sendKeys(Keys.ENTER);
      assertThat(driver.getCurrentUrl()).endsWith("#main");

      // The sign-in page puts the caret in the token field; Enter submits.
      driver.get(console.uri().resolve("/login").toString());
      WebElement token = driver.switchTo().activeElement();
      assertThat(token.getAttribute("id")).isEqualTo("token");
      WebElement page = driver.findElement(By.tagName("html"));
      token.sendKeys(TOKEN, Keys.ENTER);
      waitForNextPage(driver, page);
      assertThat(driver.findElements(By.id("sign-in"))).as("the sign-in link is gone").isEmpty();
      assertThat(driver.findElement(By.cssSelector("form[action='/logout'] button")).isDisplayed())
          .isTrue();
    }
  }

  private static ConsoleSettings settings() {
    return new ConsoleSettings(
        Map.of("bootstrap.servers", "127.0.0.1:1", "default.api.timeout.ms", 1000),
        List.of(LaneConfig.of("orders", "orders")),
        "127.0.0.1",
        0,
        TOKEN,
        Clock.systemUTC());
  }

  @Test
  void signInReturnsToThePageAskedForAndSignOutEndsIt() {
    ConsoleSettings settings = settings();
    try (Console console =
            Console.start(
                settings,
                router ->
                    router.get(
                        "/test/page",
                        request ->
                            Response.html(
                                200,
                                "<!DOCTYPE html><title>t</title><p id=\"who\">"
                                    + request.caller()
                                    + "</p>")));
        Browser browser = Browser.open()) {
      WebDriver driver = browser.driver();
      driver.get(console.uri().resolve("/login?next=/test/page").toString());
      assertThat(driver.getTitle()).isEqualTo("Sign in · Lanes console");
      driver.findElement(By.id("token")).sendKeys("wrong");
      click(driver, By.id("sign-in-submit"));
      assertThat(driver.findElement(By.id("error")).getText()).contains("not this console's token");

      driver.findElement(By.id("token")).sendKeys(TOKEN);
      click(driver, By.id("sign-in-submit"));
      assertThat(driver.getCurrentUrl()).endsWith("/test/page");
      assertThat(driver.findElement(By.id("who")).getText()).endsWith("(signed in)");

      driver.get(console.uri().resolve("/login").toString());
      assertThat(driver.findElements(By.id("sign-in"))).isEmpty();
      assertThat(driver.findElement(By.cssSelector("a.skip-link")).getCssValue("position"))
          .as("console.css is applied")
          .isEqualTo("absolute");
      List<LogEntry> refused =
          driver.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(e -> e.getMessage().contains("Content Security Policy"))
              .toList();
      assertThat(refused).as("what the CSP refused").isEmpty();

      click(driver, By.cssSelector("form[action='/logout'] button"));
      assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();
      driver.get(console.uri().resolve("/test/page").toString());
      assertThat(driver.findElement(By.id("who")).getText()).doesNotContain("signed in");
    }
  }

  /** Clicks, then waits until the page the click leads to has replaced this one. */
  private static void click(WebDriver driver, By button) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(button).click();
    waitForNextPage(driver, page);
  }

  private static void waitForNextPage(WebDriver driver, WebElement page) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }
}
