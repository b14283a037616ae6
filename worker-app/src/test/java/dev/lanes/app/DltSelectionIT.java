package dev.lanes.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesHeaders;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlt list} says when its default limit leaves dead letters out, and {@code dlt list} and
 * {@code dlt replay} select the same dead letters for the same filter.
 */
@KafkaTest
class DltSelectionIT {

  private static final int CHARGES = 130;
  private static final int EMAILS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private String lane;
  private String[] cluster;

  @BeforeEach
  void laneWithManyDeadLetters(TestKafka kafka) {
    lane = kafka.uniqueName("dlt-limit");
    Path config = CliRun.laneConfig(dir, lane, 2);
    cluster =
        new String[] {
          "--bootstrap-server", kafka.bootstrapServers(), "--config", config.toString()
        };
    CliRun apply = CliRun.of(with(new String[] {"topics", "apply"}));
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    String dlt = "tasks." + lane + ".dlt";
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < CHARGES + EMAILS; i++) {
      String type = i % 8 == 3 && i / 8 < EMAILS ? "email" : "charge";
      RecordHeaders headers = new RecordHeaders();
      headers.add(LanesHeaders.REASON, (i % 2 == 0 ? "exhausted" : "fatal").getBytes(UTF_8));
      String value = "{\"id\":\"t-" + i + "\",\"type\":\"" + type + "\",\"payload\":{}}";
      records.add(new ProducerRecord<>(dlt, i % 2, null, "k-" + i, value, headers));
    }
    kafka.send(dlt, records);
  }

  @Test
  void listWithoutLimitShowsTheOldestHundredAndSaysHowManyMoreMatch() {
    CliRun table = CliRun.of(with(new String[] {"dlt", "list", "--lane", lane}));

    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("PARTITION");
    assertThat(lines).hasSize(1 + 100 + 1);
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "50 more dead letters match beyond the oldest 100 shown; --limit 150 lists them all");

    CliRun json = CliRun.of(with(new String[] {"dlt", "list", "--lane", lane, "--json"}));

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.out().lines()).hasSize(100).allMatch(line -> line.startsWith("{"));
    assertThat(json.err())
        .contains("lanes: 50 more dead letters match beyond the oldest 100 shown; --limit 150");
  }

  @Test
  void listAndReplaySelectTheSameDeadLettersForTheSameFilter() throws Exception {
    String[][] filters = {
      {},
      {"--type", "charge"},
      {"--reason", "fatal"},
      {"--type", "email", "--reason", "exhausted"},
      {"--since", "1h", "--limit", "7"}
    };
    for (String[] filter : filters) {
      CliRun list =
          CliRun.of(with(concat(new String[] {"dlt", "list", "--lane", lane, "--json"}, filter)));
      CliRun dryRun =
          CliRun.of(
              with(concat(new String[] {"dlt", "replay", "--lane", lane, "--dry-run"}, filter)));
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();

      List<String> listed = new ArrayList<>();
      for (String line : list.out().lines().toList()) {
        JsonNode node = JSON.readTree(line);
        listed.add(node.get("partition").asInt() + "@" + node.get("offset").asLong());
      }
      long more = moreThanShown(list.err());
      List<String> replayable = new ArrayList<>();
      Matcher would = Pattern.compile("would replay \\S+-(\\d+)@(\\d+) ->").matcher(dryRun.out());
      while (would.find()) {
        replayable.add(would.group(1) + "@" + would.group(2));
      }

      String what = "filter " + String.join(" ", filter);
      if (List.of(filter).contains("--limit")) {
        // The same limit takes the same oldest ones in both.
        assertThat(replayable).as(what).containsExactlyInAnyOrderElementsOf(listed);
      } else {
        // Without one, replay takes every match and list says how many it left out.
        assertThat(listed.size() + more).as(what).isEqualTo(replayable.size());
        assertThat(replayable).as(what).containsAll(listed);
      }
    }
  }

  @Test
  void showWithRawSavesTheValueByteForByte() throws Exception {
    Path file = dir.resolve("value.bin");

    CliRun show =
        CliRun.of(
            with(
                new String[] {
                  "dlt",
                  "show",
                  "--lane",
                  lane,
                  "--partition",
                  "1",
                  "--offset",
                  "0",
                  "--raw",
                  file.toString()
                }));

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out()).contains("task id        t-1");
    assertThat(java.nio.file.Files.readString(file, UTF_8))
        .isEqualTo("{\"id\":\"t-1\",\"type\":\"charge\",\"payload\":{}}");
    assertThat(show.err()).contains("(41 bytes) to " + file);
  }

  private static long moreThanShown(String err) {
    Matcher note = Pattern.compile("(\\d+) more dead letters? match").matcher(err);
    return note.find() ? Long.parseLong(note.group(1)) : 0;
  }

  private String[] with(String[] command) {
    return concat(command, cluster);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
