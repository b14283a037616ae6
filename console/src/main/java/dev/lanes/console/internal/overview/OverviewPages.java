package dev.lanes.console.internal.overview;

import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.web.Request;
import dev.lanes.console.internal.web.Response;
import dev.lanes.console.internal.web.Router;
import dev.lanes.console.internal.web.Templates;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The overview: {@code /}, its live fragment {@code /fragments/overview} (what htmx swaps in every
 * 5 s) and {@code GET /api/lanes}. All three share one cached read, so several tabs refreshing do
 * not multiply the calls to Kafka.
 */
public final class OverviewPages implements AutoCloseable {

  /** How long one read of Kafka serves every page, fragment and API call. */
  static final Duration FRESH_FOR = Duration.ofSeconds(3);

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final OverviewReader reader;
  private final OverviewCache cache;

  public OverviewPages(ConsoleSettings settings) {
    this.reader =
        new OverviewReader(
            settings.clientProperties(), settings.lanes(), timeout(settings.clientProperties()));
    this.cache = new OverviewCache(reader::read, settings.clock(), FRESH_FOR);
  }

  public void register(Router router) {
    router.get("/", request -> Templates.page(200, "overview.jte", params(request)));
    router.get(
        "/fragments/overview", request -> Templates.page(200, "overviewLive.jte", params(request)));
    router.get("/api/lanes", request -> Response.json(200, OverviewJson.document(current())));
  }

  private Map<String, Object> params(Request request) {
    OverviewCache.Answer answer = cache.get();
    if (answer.overview() == null) {
      throw answer.failure();
    }
    return Map.of(
        "chrome", request.chrome(), "overview", answer.overview(), "stale", staleNote(answer));
  }

  private Overview current() {
    OverviewCache.Answer answer = cache.get();
    if (answer.failure() != null) {
      throw answer.failure();
    }
    return answer.overview();
  }

  /** Empty while the figures are current; else why they are not and how old they are. */
  static String staleNote(OverviewCache.Answer answer) {
    if (answer.failure() == null) {
      return "";
    }
    return answer.failure().getMessage()
        + ". These figures are from "
        + TIME.format(answer.overview().at())
        + " UTC.";
  }

  /** The client's own API timeout (which {@code lanes console} sets short), else 5 s. */
  static Duration timeout(Map<String, Object> client) {
    Object value = client.get("default.api.timeout.ms");
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "default.api.timeout.ms must be a number of milliseconds, was '" + value + "'", e);
    }
  }

  /** Closes the overview's Kafka clients. */
  @Override
  public void close() {
    reader.close();
  }
}
