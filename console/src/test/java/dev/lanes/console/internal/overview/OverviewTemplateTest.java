package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.FleetStatus.LaneRow;
import dev.lanes.console.internal.web.PageChrome;
import dev.lanes.console.internal.web.Templates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewTemplateTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:15:42Z");
  private static final MinuteBuckets HOUR = MinuteBuckets.endingWithMinuteOf(NOW);
  private static final PageChrome CHROME = new PageChrome(List.of("orders"), null, false, null);

  @Test
  void thePageHoldsTheLiveRegionTheLanesTableAndAChartPerLane() {
    String html = page(overview(true, List.of()), "");

    assertThat(html)
        .contains(
            "<div id=\"overview\" hx-get=\"/fragments/overview\" hx-trigger=\"every 5s\""
                + " hx-swap=\"outerHTML\"")
        .contains("<table id=\"lanes\"")
        .contains("<tr data-lane=\"orders\">")
        .contains("<ul id=\"partitions-orders\"")
        .contains("tasks.orders-0: <span class=\"partition-lag\">4</span>")
        .contains("tasks.orders.retry.1-1: <span class=\"partition-lag\">2</span>")
        .doesNotContain("tasks.orders.retry.1-0")
        .contains("<td class=\"num lag\">7</td>")
        .contains("<td class=\"num lag-excluding-paused\">4</td>")
        .contains("<td class=\"num tasks-per-second\">12.5</td>")
        .contains("<td class=\"num dead-letters-last-hour\">1</td>")
        .contains("<svg class=\"chart\" role=\"img\" aria-label=\"Lane orders, last hour")
        .contains("<noscript>")
        .contains("<table id=\"dependencies\"");
  }

  @Test
  void anOpenBreakerSaysSoInWordsNotOnlyInColour() {
    DependencyRow open =
        new DependencyRow(
            "payments", "OPEN", NOW.minusSeconds(75), "worker-1", null, "5 failures", Map.of());
    DependencyRow closed =
        new DependencyRow("geo", "CLOSED", NOW.minusSeconds(3600), null, null, null, Map.of());

    String html = page(overview(true, List.of(open, closed)), "");

    assertThat(html)
        .contains("<tr data-dependency=\"payments\" class=\"dependency-open\">")
        .contains("<strong>OPEN</strong> <span class=\"state-note\">(tasks paused)</span>")
        .contains("1m15s ago")
        .contains("<tr data-dependency=\"geo\" class=\"dependency-closed\">");
  }

  @Test
  void withoutFleetTopicsTheLanesShowWithANoteInsteadOfAFailure() {
    String html = page(overview(false, List.of()), "");

    assertThat(html).contains("no worker reports yet").contains("<tr data-lane=\"orders\">");
  }

  @Test
  void figuresKeptFromBeforeAFailedReadSayHowOldTheyAre() {
    String html = page(overview(true, List.of()), "Kafka did not answer: timeout. These figures");

    assertThat(html).contains("id=\"overview-stale\"").contains("Kafka did not answer: timeout");
  }

  @Test
  void textFromRecordsIsEscaped() {
    DependencyRow hostile =
        new DependencyRow(
            "x", "OPEN", NOW, "<script>alert(1)</script>", null, "<img src=x>", Map.of());

    String html = page(overview(true, List.of(hostile)), "");

    assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x>");
  }

  private static String page(Overview overview, String stale) {
    return Templates.render(
        "overview.jte", Map.of("chrome", CHROME, "overview", overview, "stale", stale));
  }

  private static Overview overview(boolean fleetReported, List<DependencyRow> dependencies) {
    long[] retries = new long[60];
    retries[50] = 2;
    long[] deadLetters = new long[60];
    deadLetters[59] = 1;
    LaneView lane =
        new LaneView(
            new LaneRow("orders", 2, 7L, 4L, 3, 12.5, 1, 1),
            "tasks.orders",
            Map.of(
                "tasks.orders-0", 4L,
                "tasks.orders-1", 3L,
                "tasks.orders.retry.1-0", 0L,
                "tasks.orders.retry.1-1", 2L),
            retries,
            deadLetters,
            Chart.of("orders", HOUR, retries, deadLetters));
    return new Overview(NOW, HOUR, fleetReported, List.of(lane), dependencies, 1, List.of());
  }
}
