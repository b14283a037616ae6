package dev.lanes.tools;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.task.TaskCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The demo's mix of diagnostic tasks. Realtime gets quick keyed work; batch gets slower work, some
 * failures, and two records that are not tasks at all, to show they are counted, not lost.
 */
final class DemoWorkload {

  /** The demo's own task type: burns {@code ms} of CPU, the way a batch computation does. */
  static final String BURN = "demo-burn";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int REALTIME_KEYS = 20;

  private final TaskCodec codec = new TaskCodec();

  /** The built-in http task, calling {@code url} through the demo's dependency. */
  static Task httpTask(String url) {
    return Task.create(
        DiagnosticHandlers.HTTP,
        JSON.objectNode().put("url", url).put("dependency", DemoStory.DEPENDENCY));
  }

  /** A task that burns {@code millis} of CPU. */
  static Task burnTask(int millis) {
    return Task.create(BURN, JSON.objectNode().put("ms", millis));
  }

  /** The handler of {@link #BURN}: spins, so it holds a core rather than sleeping. */
  static void burn(Task task, TaskContext context) {
    long end = System.nanoTime() + task.payload().path("ms").asLong(10) * 1_000_000;
    long spins = 0;
    while (System.nanoTime() - end < 0) {
      spins++;
    }
    if (spins < 0) {
      throw new IllegalStateException("unreachable: keeps the loop from being optimised away");
    }
  }

  List<ProducerRecord<String, byte[]>> realtime(String topic, int count, String dependencyUrl) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Task task;
      if (i % 10 == 5) {
        task = httpTask(dependencyUrl);
      } else if (i < 2) {
        task =
            Task.create(DiagnosticHandlers.ECHO, JSON.objectNode().put("greeting", "hello " + i));
      } else if (i % 7 == 0) {
        task = Task.create(DiagnosticHandlers.SLEEP, JSON.objectNode().put("ms", 5));
      } else {
        task = Task.create(DiagnosticHandlers.NOOP, JSON.objectNode());
      }
      records.add(record(topic, "user-" + (i % REALTIME_KEYS), task));
    }
    return records;
  }

  List<ProducerRecord<String, byte[]>> batch(String topic, int count) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(topic, null, batchTask(i)));
    }
    records.add(new ProducerRecord<>(topic, "this is not JSON".getBytes(UTF_8)));
    records.add(new ProducerRecord<>(topic, "{\"type\":\"no-such-type\"}".getBytes(UTF_8)));
    return records;
  }

  private static Task batchTask(int i) {
    if (i % 25 == 0) {
      ObjectNode fatal = JSON.objectNode().put("failAttempts", -1).put("fatal", true);
      return Task.create(DiagnosticHandlers.FAIL, fatal);
    }
    if (i % 10 == 0) {
      return Task.create(DiagnosticHandlers.FAIL, JSON.objectNode().put("failAttempts", 2));
    }
    if (i % 5 == 0) {
      return Task.create(DiagnosticHandlers.NOOP, JSON.objectNode());
    }
    return Task.create(DiagnosticHandlers.SLEEP, JSON.objectNode().put("ms", 20));
  }

  ProducerRecord<String, byte[]> record(String topic, String key, Task task) {
    return new ProducerRecord<>(topic, key, codec.encode(task));
  }
}
