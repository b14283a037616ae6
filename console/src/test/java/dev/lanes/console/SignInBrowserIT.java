package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.console.browser.Browser;
import dev.lanes.console.internal.web.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Signing in and out in a real browser: the cookie the server sets is sent back after the redirect,
 * the page's forms carry the session's CSRF token, and nothing the content security policy forbids
 * is on the page (the console's own CSS and htmx load; no inline style).
 */
class SignInBrowserIT {

  static final String TOKEN = "browser-token-42";

  @Test
  void signInReturnsToThePageAskedForAndSignOutEndsIt() {
    ConsoleSettings settings =
        new ConsoleSettings(
            Map.of("bootstrap.servers", "127.0.0.1:1", "default.api.timeout.ms", 1000),
            List.of(LaneConfig.of("orders", "orders")),
            "127.0.0.1",
            0,
            TOKEN,
            Clock.systemUTC());
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
      driver.findElement(By.id("sign-in-submit")).click();
      assertThat(driver.findElement(By.id("error")).getText()).contains("not this console's token");

      driver.findElement(By.id("token")).sendKeys(TOKEN);
      driver.findElement(By.id("sign-in-submit")).click();
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

      driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
      assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();
      driver.get(console.uri().resolve("/test/page").toString());
      assertThat(driver.findElement(By.id("who")).getText()).doesNotContain("signed in");
    }
  }
}
