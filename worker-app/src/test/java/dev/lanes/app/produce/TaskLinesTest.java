package dev.lanes.app.produce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLinesTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final TaskLines lines = new TaskLines(new TaskCodec(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void envelopeLinesAreTakenAsTheyAre() {
    List<Task> tasks =
        parse(
            """
            {"id":"t-1","type":"email","payload":{"to":"a@example.com"},"createdAt":"2026-11-27T10:00:00Z"}
            {"type":"sleep","payload":{"ms":20}}
            """,
            null);

    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).id()).isEqualTo("t-1");
    assertThat(tasks.get(0).type()).isEqualTo("email");
    assertThat(tasks.get(0).payload().get("to").asText()).isEqualTo("a@example.com");
    assertThat(tasks.get(0).createdAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(tasks.get(1).type()).isEqualTo("sleep");
    assertThat(tasks.get(1).id()).as("generated").hasSize(36);
    assertThat(tasks.get(1).createdAt()).isEqualTo(NOW);
  }

  @Test
  void payloadLinesAreWrappedInTheGivenTypeEachWithItsOwnId() {
    List<Task> tasks = parse("{\"ms\":20}\n{\"ms\":30}\n", "sleep");

    assertThat(tasks).extracting(Task::type).containsExactly("sleep", "sleep");
    assertThat(tasks).extracting(task -> task.payload().get("ms").asInt()).containsExactly(20, 30);
    assertThat(tasks.get(0).id()).isNotEqualTo(tasks.get(1).id());
    assertThat(tasks.get(0).createdAt()).isEqualTo(NOW);
  }

  @Test
  void anEnvelopesOwnTypeWinsOverTheGivenOne() {
    List<Task> tasks = parse("{\"type\":\"email\"}\n{\"ms\":1}\n", "sleep");

    assertThat(tasks).extracting(Task::type).containsExactly("email", "sleep");
  }

  @Test
  void blankAndCommentLinesAreSkipped() {
    List<Task> tasks =
        parse(
            """
            # smoke test tasks

               \t
              # indented comment
            {"ms":1}
            """,
            "sleep");

    assertThat(tasks).hasSize(1);
  }

  @Test
  void invalidJsonIsReportedWithItsLineNumberCountingSkippedLines() {
    String input = "# header\n{\"ms\":1}\n\n{\"ms\":2}\n{\"ms\":3}\n\n{\"ms\": oops}\n{\"ms\":4}\n";

    assertThatThrownBy(() -> parse(input, "sleep"))
        .isInstanceOf(InvalidTaskLineException.class)
        .hasMessageStartingWith("line 7: not valid JSON: Unrecognized token 'oops'")
        .extracting(e -> ((InvalidTaskLineException) e).line())
        .isEqualTo(7);
  }

  @Test
  void twoObjectsOnOneLineAreNotValidJson() {
    assertThatThrownBy(() -> parse("{\"ms\":1} {\"ms\":2}\n", "sleep"))
        .hasMessageStartingWith("line 1: not valid JSON: ");
  }

  @Test
  void aPayloadLineWithoutTypeNeedsTheTypeOption() {
    assertThatThrownBy(() -> parse("{\"type\":\"email\"}\n\n{\"ms\":1}\n", null))
        .isInstanceOf(InvalidTaskLineException.class)
        .hasMessage("line 3: no \"type\" and no --type given");
  }

  @Test
  void aLineThatIsNotAnObjectIsRejected() {
    assertThatThrownBy(() -> parse("[1,2]\n", "sleep"))
        .hasMessage("line 1: must be a JSON object (an envelope or a payload), was ARRAY");
  }

  @Test
  void anInvalidEnvelopeIsRejectedWithTheCodecsReason() {
    assertThatThrownBy(() -> parse("{\"type\":\"email\",\"createdAt\":\"yesterday\"}\n", null))
        .hasMessage("line 1: createdAt must be an ISO-8601 instant, was yesterday");
    assertThatThrownBy(() -> parse("{\"type\":\"\"}\n", "sleep"))
        .hasMessage("line 1: envelope has no type");
  }

  @Test
  void aBlankTypeOptionIsRefused() {
    assertThatThrownBy(() -> parse("{\"ms\":1}\n", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("type must not be blank, was ' '");
  }

  @Test
  void readsAUtf8FileWithAByteOrderMark(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tasks.jsonl");
    Files.writeString(file, "\uFEFF{\"type\":\"email\",\"payload\":{\"to\":\"zoë\"}}\n", UTF_8);

    List<Task> tasks = lines.parse(file, null);

    assertThat(tasks)
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.type()).isEqualTo("email");
              assertThat(task.payload().get("to").asText()).isEqualTo("zoë");
            });
  }

  @Test
  void emptyInputIsNoTasks() {
    assertThat(parse("", "sleep")).isEmpty();
  }

  private List<Task> parse(String input, String type) {
    return lines.parse(new StringReader(input), type);
  }
}
