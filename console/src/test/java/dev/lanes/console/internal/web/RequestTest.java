package dev.lanes.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

  static final PageChrome CHROME = new PageChrome(List.of("a"), null, false, null);

  @Test
  void signInLinkComesBackToThisPageWithItsFilters() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("since", List.of("2h"));
    query.put("q", List.of("connection refused"));
    query.put("type", List.of("a&b", "c"));
    Request request =
        new Request(
            "GET", "/lanes/a/dead-letters", Map.of(), query, Map.of(), CHROME, "127.0.0.1:1");

    String next =
        java.net.URLDecoder.decode(
            request.signInLink().substring("/login?next=".length()),
            java.nio.charset.StandardCharsets.UTF_8);

    assertThat(request.signInLink()).startsWith("/login?next=%2Flanes%2Fa%2Fdead-letters%3F");
    assertThat(next)
        .isEqualTo("/lanes/a/dead-letters?since=2h&q=connection+refused&type=a%26b&type=c");
    assertThat(Parameters.parse(next.substring(next.indexOf('?') + 1), "query")).isEqualTo(query);
  }

  @Test
  void signInLinkOfAPageWithoutQueryIsJustItsPath() {
    Request request = new Request("GET", "/", Map.of(), Map.of(), Map.of(), CHROME, "127.0.0.1:1");
    assertThat(request.signInLink()).isEqualTo("/login?next=%2F");
  }

  @Test
  void parametersKeepTheOrderTheyCameIn() {
    // Eight names: an unordered copy keeps this order by chance once in 40,320 runs.
    Map<String, List<String>> query = Parameters.parse("z=1&a=2&m=3&b=4&y=5&c=6&x=7&d=8", "query");
    Request request = new Request("GET", "/", Map.of(), query, Map.of(), CHROME, "127.0.0.1:1");
    assertThat(request.query().keySet()).containsExactly("z", "a", "m", "b", "y", "c", "x", "d");
  }
}
