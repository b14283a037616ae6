package dev.lanes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.task.TaskCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TaskTest {

  private static final String ENVELOPE =
      "{\"id\":\"t-1\",\"type\":\"echo\",\"payload\":{\"text\":\"hi\",\"n\":[1,2]},"
          + "\"createdAt\":\"2026-11-27T10:00:00Z\"}";

  private final TaskCodec codec = new TaskCodec();

  @Test
  void aDecodedTaskEqualsTheSameTaskBuiltWithItsTree() throws Exception {
    Task decoded = codec.decode(ENVELOPE.getBytes(UTF_8), 0, "tasks", 0, 0);
    JsonNode tree = new ObjectMapper().readTree("{\"text\":\"hi\",\"n\":[1,2]}");
    Task built = new Task("t-1", "echo", tree, Instant.parse("2026-11-27T10:00:00Z"), 1);

    assertThat(decoded).isEqualTo(built);
    assertThat(built).isEqualTo(decoded);
    assertThat(decoded.hashCode()).isEqualTo(built.hashCode());
    assertThat(decoded.toString()).isEqualTo(built.toString()).contains("\"text\":\"hi\"");
  }

  @Test
  void payloadIsParsedOnceAndTheSameTreeReturnedAfter() {
    Task task = codec.decode(ENVELOPE.getBytes(UTF_8), 0, "tasks", 0, 0);

    JsonNode first = task.payload();
    ((ObjectNode) first).put("seen", true);

    assertThat(task.payload()).isSameAs(first);
    assertThat(task.payload().get("seen").asBoolean()).isTrue();
  }

  @Test
  void threadsRacingForThePayloadAllGetTheOneTree() throws Exception {
    for (int round = 0; round < 50; round++) {
      Task task = codec.decode(ENVELOPE.getBytes(UTF_8), 0, "tasks", 0, 0);
      CyclicBarrier start = new CyclicBarrier(4);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<JsonNode>> trees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          trees.add(
              pool.submit(
                  () -> {
                    start.await();
                    return task.payload();
                  }));
        }
        for (Future<JsonNode> tree : trees) {
          assertThat(tree.get()).isSameAs(trees.get(0).get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void withDeadlineKeepsEverythingElse() {
    Task task = codec.decode(ENVELOPE.getBytes(UTF_8), 0, "tasks", 0, 0);
    Instant deadline = Instant.parse("2026-11-27T10:00:30Z");

    Task later = task.withDeadline(deadline);

    assertThat(later.deadline()).isEqualTo(deadline);
    assertThat(later.withDeadline(null)).isEqualTo(task);
    assertThat(later.payload()).isEqualTo(task.payload());
  }

  @Test
  void aTaskStillNamesTheBadFieldItIsBuiltWith() {
    assertThatThrownBy(
            () -> new Task("t", "echo", new ObjectMapper().createObjectNode(), Instant.EPOCH, 0))
        .hasMessage("schemaVersion must be >= 1, was 0");
    assertThatThrownBy(() -> new Task("t", "echo", null, Instant.EPOCH, 1)).hasMessage("payload");
  }
}
