package dev.lanes.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.Task;
import dev.lanes.task.MalformedTaskException;
import dev.lanes.task.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TaskCodec#decode(byte[], long)}, which every record pays for on a worker thread before its
 * handler runs: a typical envelope as {@code lanes bench} produces it (about 100 bytes), one with a
 * payload of about 2 KB, and a malformed one (a value cut short), whose rejection must stay cheap
 * enough that a flood of bad records cannot starve the good ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeDecodeBenchmark {

  private static final long RECORD_TIMESTAMP = 1_700_000_000_000L;

  private final TaskCodec codec = new TaskCodec();
  private byte[] typical;
  private byte[] largePayload;
  private byte[] malformed;

  @Setup
  public void envelopes() {
    typical = Envelopes.typical(codec);
    largePayload = codec.encode(Task.create("resize-image", largePayload(codec)));
    String whole = new String(typical, StandardCharsets.UTF_8);
    malformed = whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Task typical() {
    return codec.decode(typical, RECORD_TIMESTAMP);
  }

  @Benchmark
  public Task largePayload() {
    return codec.decode(largePayload, RECORD_TIMESTAMP);
  }

  /** Returns the rejection, so the JIT cannot drop the work that built it. */
  @Benchmark
  public Object malformed() {
    try {
      return codec.decode(malformed, RECORD_TIMESTAMP);
    } catch (MalformedTaskException e) {
      return e;
    }
  }

  /** About 2 KB of what payloads hold: strings, numbers, booleans, a nested object, an array. */
  private static ObjectNode largePayload(TaskCodec codec) {
    ObjectNode payload = codec.mapper().createObjectNode();
    payload.put(
        "source", "s3://uploads/2026/11/30/customer-4711/originals/IMG_20261130_101500.jpg");
    payload.put("quality", 0.85);
    payload.put("strip-metadata", true);
    ObjectNode owner = payload.putObject("owner");
    owner.put("account", "acme-corp");
    owner.put("user", 4711);
    owner.put("email", "someone@example.com");
    var sizes = payload.putArray("sizes");
    for (int i = 0; i < 40; i++) {
      ObjectNode size = sizes.addObject();
      size.put("name", "variant-" + i);
      size.put("width", 64 * (i + 1));
      size.put("height", 48 * (i + 1));
    }
    return payload;
  }
}
