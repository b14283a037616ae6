package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.console.internal.ConsoleProblem;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterQueryTest {

  private static final Instant TEN = Instant.parse("2026-11-27T10:00:00Z");

  private static DeadLetterQuery parse(String... nameValues) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      parameters.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return DeadLetterQuery.parse(parameters, DeadLetterQuery.PAGE_LIMIT);
  }

  private static void rejects(String message, String... nameValues) {
    assertThatThrownBy(() -> parse(nameValues))
        .isInstanceOf(ConsoleProblem.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((ConsoleProblem) e).status()).isEqualTo(400));
  }

  @Test
  void readsEveryFilterAndKeepsWhatWasGivenForTheForm() {
    DeadLetterQuery query =
        parse(
            "type",
            "charge",
            "reason",
            "exhausted",
            "error",
            "IOException",
            "q",
            "Timeout",
            "since",
            "2h",
            "from",
            "2026-11-27T09:00",
            "until",
            "2026-11-27T11:30:15",
            "after",
            "1764237600000.1.7",
            "limit",
            "20");

    assertThat(query.type()).isEqualTo("charge");
    assertThat(query.reason()).isEqualTo("exhausted");
    assertThat(query.errorClass()).isEqualTo("IOException");
    assertThat(query.text()).isEqualTo("Timeout");
    assertThat(query.since()).isEqualTo(Duration.ofHours(2));
    assertThat(query.from()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(query.until()).isEqualTo(Instant.parse("2026-11-27T11:30:15Z"));
    assertThat(query.after()).isEqualTo(new Cursor(Instant.ofEpochMilli(1764237600000L), 1, 7));
    assertThat(query.limit()).isEqualTo(20);
    assertThat(query.given()).containsEntry("since", "2h").doesNotContainKey("after");
  }

  @Test
  void blankParametersSelectEverythingWithTheDefaultLimit() {
    DeadLetterQuery query = parse("type", "", "since", " ");

    assertThat(query.type()).isNull();
    assertThat(query.since()).isNull();
    assertThat(query.given()).isEmpty();
    assertThat(query.limit()).isEqualTo(DeadLetterQuery.PAGE_LIMIT);
    assertThat(query.describe()).isEqualTo("none");
  }

  @Test
  void sinceTakesSecondsMinutesHoursAndDays() {
    assertThat(parse("since", "45s").since()).isEqualTo(Duration.ofSeconds(45));
    assertThat(parse("since", "30m").since()).isEqualTo(Duration.ofMinutes(30));
    assertThat(parse("since", "1d").since()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void badValuesAreRefusedNamingTheParameterAndTheValue() {
    rejects("since must be a positive duration like 30m, 2h or 1d, was 'soon'", "since", "soon");
    rejects("since must be a positive duration like 30m, 2h or 1d, was '0m'", "since", "0m");
    rejects(
        "from must be a UTC date and time like 2026-11-27T10:00, was 'yesterday'",
        "from",
        "yesterday");
    rejects(
        "until must be a UTC date and time like 2026-11-27T10:00, was '2026-13-01T00:00'",
        "until",
        "2026-13-01T00:00");
    rejects(
        "from must be before until, was from '2026-11-27T10:00' and until '2026-11-27T09:00'",
        "from",
        "2026-11-27T10:00",
        "until",
        "2026-11-27T09:00");
    rejects("limit must be a number from 1 to 500, was 'abc'", "limit", "abc");
    rejects("limit must be a number from 1 to 500, was '501'", "limit", "501");
    rejects("limit must be a number from 1 to 500, was '0'", "limit", "0");
    rejects(
        "after must be a cursor like 1764237480000.0.17 (from a next-page link), was '3@4'",
        "after",
        "3@4");
  }

  @Test
  void errorClassMatchesTheFullOrTheSimpleName() {
    DeadLetter io =
        DeadLetterSeeds.task("tasks.q", "t-1", "charge")
            .exhausted(4, new IOException("Read timed out"))
            .toDeadLetter(0);

    assertThat(parse("error", "IOException").matchesBeyondFilter(io)).isTrue();
    assertThat(parse("error", "java.io.IOException").matchesBeyondFilter(io)).isTrue();
    assertThat(parse("error", "IllegalStateException").matchesBeyondFilter(io)).isFalse();
    assertThat(parse("error", "IOExcept").matchesBeyondFilter(io)).isFalse();
  }

  @Test
  void textMatchesAnyPartOfTheMessageIgnoringCase() {
    DeadLetter io =
        DeadLetterSeeds.task("tasks.q", "t-1", "charge")
            .exhausted(4, new IOException("Read timed out"))
            .toDeadLetter(0);

    assertThat(parse("q", "TIMED").matchesBeyondFilter(io)).isTrue();
    assertThat(parse("q", "refused").matchesBeyondFilter(io)).isFalse();
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    DeadLetter atTen =
        DeadLetterSeeds.task("tasks.q", "t-1", "charge").timestamp(TEN).toDeadLetter(0);

    assertThat(parse("from", "2026-11-27T10:00").matchesBeyondFilter(atTen)).isTrue();
    assertThat(parse("from", "2026-11-27T10:01").matchesBeyondFilter(atTen)).isFalse();
    assertThat(parse("until", "2026-11-27T10:00").matchesBeyondFilter(atTen)).isFalse();
    assertThat(parse("until", "2026-11-27T10:00:01").matchesBeyondFilter(atTen)).isTrue();
  }

  @Test
  void typeReasonAndSinceGoToTheClisFilterWithTheLimitAsked() {
    DeadLetterQuery query = parse("type", "charge", "reason", "fatal", "since", "30m");

    assertThat(query.filter(7))
        .isEqualTo(
            new dev.lanes.app.dlt.DeadLetterFilter("charge", "fatal", Duration.ofMinutes(30), 7));
    assertThat(query.describe()).isEqualTo("type=charge,reason=fatal,since=30m");
  }
}
