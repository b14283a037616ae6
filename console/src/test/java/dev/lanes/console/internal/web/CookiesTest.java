package dev.lanes.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookiesTest {

  @Test
  void findsTheNamedCookieAmongOthers() {
    assertThat(
            Cookies.value(List.of("a=1; lanes_console_session=abc ; b=2"), "lanes_console_session"))
        .isEqualTo("abc");
  }

  @Test
  void aCookieWhoseNameOnlyEndsTheSameDoesNotCount() {
    assertThat(Cookies.value(List.of("xlanes_console_session=abc"), "lanes_console_session"))
        .isNull();
  }
}
