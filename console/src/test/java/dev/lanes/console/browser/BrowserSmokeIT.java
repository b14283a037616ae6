package dev.lanes.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowserSmokeIT {
  @Test
  void chromiumRendersAPage() {
    try (Browser browser = Browser.open()) {
      browser.driver().get("data:text/html,<title>hello</title><p id=x>hi</p>");
      assertThat(browser.driver().getTitle()).isEqualTo("hello");
    }
  }
}
