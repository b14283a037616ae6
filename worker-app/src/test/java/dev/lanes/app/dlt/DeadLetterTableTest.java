package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTableTest {

  private static final String MAIN = "tasks.payments";
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DeadLetterTable table =
      new DeadLetterTable(new PrintStream(bytes, true, UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

  private final List<DeadLetter> deadLetters =
      List.of(
          DeadLetterRecords.task(MAIN, "t-1", "charge")
              .partition(1)
              .exhausted(4, new IOException("down"))
              .timestamp(NOW.minus(Duration.ofSeconds(192)))
              .toDeadLetter(3),
          DeadLetterRecords.raw(MAIN, new byte[] {(byte) 0xff})
              .timestamp(NOW.minus(Duration.ofHours(2)))
              .toDeadLetter(4));

  @Test
  void tableHasOneAlignedRowPerDeadLetter() {
    table.printTable(deadLetters);

    List<String> lines = output().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly(
            "PARTITION",
            "OFFSET",
            "TASK ID",
            "TYPE",
            "ATTEMPTS",
            "REASON",
            "EXCEPTION",
            "FIRST FAILURE",
            "AGE");
    assertThat(lines.get(1).split("\\s+"))
        .containsExactly(
            "1",
            "3",
            "t-1",
            "charge",
            "4",
            "exhausted",
            "IOException",
            "2026-11-27T09:58:30Z",
            "3m12s");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly(
            "0",
            "4",
            "-",
            "-",
            "1",
            "not_json",
            "IllegalArgumentException",
            "2026-11-27T09:58:30Z",
            "2h00m");
    int ageColumn = lines.get(0).indexOf("AGE");
    assertThat(lines.get(1).indexOf("3m12s")).isEqualTo(ageColumn);
    assertThat(lines.get(2).indexOf("2h00m")).isEqualTo(ageColumn);
  }

  @Test
  void noDeadLettersSaySo() {
    table.printTable(List.of());

    assertThat(output()).isEqualTo("no dead letters" + System.lineSeparator());
  }

  @Test
  void jsonHasOneObjectPerLineWithSnakeCaseKeys() throws IOException {
    table.print(deadLetters, true);

    List<String> lines = output().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    assertThat(first.get("partition").asInt()).isEqualTo(1);
    assertThat(first.get("offset").asLong()).isEqualTo(3);
    assertThat(first.get("task_id").asText()).isEqualTo("t-1");
    assertThat(first.get("type").asText()).isEqualTo("charge");
    assertThat(first.get("attempts").asInt()).isEqualTo(4);
    assertThat(first.get("reason").asText()).isEqualTo("exhausted");
    assertThat(first.get("exception").asText()).isEqualTo("java.io.IOException");
    assertThat(first.get("first_failure").asText()).isEqualTo("2026-11-27T09:58:30Z");
    assertThat(first.get("age_seconds").asLong()).isEqualTo(192);
    JsonNode second = mapper.readTree(lines.get(1));
    assertThat(second.get("task_id").isNull()).isTrue();
    assertThat(second.get("type").isNull()).isTrue();
    assertThat(second.get("reason").asText()).isEqualTo("not_json");
  }

  private String output() {
    return bytes.toString(UTF_8);
  }
}
