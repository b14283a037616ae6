package dev.lanes.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.Task;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskDeadlineCodecTest {

  private final TaskCodec codec = new TaskCodec();

  @Test
  void decodesTheDeadlineAsAnInstant() {
    Task task = decode("{\"type\":\"noop\",\"deadline\":\"2026-11-27T10:00:30Z\"}");

    assertThat(task.deadline()).isEqualTo(Instant.parse("2026-11-27T10:00:30Z"));
  }

  @Test
  void aTaskWithoutDeadlineHasNone() {
    assertThat(decode("{\"type\":\"noop\"}").deadline()).isNull();
    assertThat(decode("{\"type\":\"noop\",\"deadline\":null}").deadline()).isNull();
  }

  @Test
  void roundTripsTheDeadlineAndLeavesItOutWhenAbsent() {
    Task task =
        Task.create("noop", JsonNodeFactory.instance.objectNode())
            .withDeadline(Instant.parse("2026-11-27T10:00:30.250Z"));

    assertThat(codec.decode(codec.encode(task), 0)).isEqualTo(task);
    assertThat(new String(codec.encode(task.withDeadline(null)), UTF_8)).doesNotContain("deadline");
  }

  @Test
  void aDeadlineThatIsNotAnInstantIsAnInvalidFieldNamingTheValue() {
    assertThatThrownBy(() -> decode("{\"type\":\"noop\",\"deadline\":\"in 30 seconds\"}"))
        .isInstanceOfSatisfying(
            MalformedTaskException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_FIELD))
        .hasMessage("deadline must be an ISO-8601 instant, was in 30 seconds");
  }

  @Test
  void aDeadlineThatIsNotAStringIsAnInvalidField() {
    assertThatThrownBy(() -> decode("{\"type\":\"noop\",\"deadline\":1764237630000}"))
        .isInstanceOfSatisfying(
            MalformedTaskException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_FIELD))
        .hasMessageContaining("deadline must be a string");
  }

  private Task decode(String json) {
    return codec.decode(json.getBytes(UTF_8), 0);
  }
}
