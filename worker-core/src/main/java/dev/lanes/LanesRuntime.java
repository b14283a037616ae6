package dev.lanes;

import dev.lanes.internal.LaneWorker;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of lanes in this process. Each lane has its own consumer, poll thread and worker pool;
 * a process may run any subset of lanes, so each lane can also be its own deployment.
 *
 * <pre>{@code
 * try (LanesRuntime runtime = LanesRuntime.builder()
 *     .bootstrapServers("localhost:9092")
 *     .handlers(handlers)
 *     .lane(LaneConfig.of("realtime", "tasks.realtime"))
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 */
public final class LanesRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LanesRuntime.class);

  /** Beyond each lane's own shutdown grace, time allowed for commits and leaving the group. */
  private static final Duration CLOSE_MARGIN = Duration.ofSeconds(45);

  private final List<LaneWorker> lanes;
  private final Duration longestGrace;
  private final MeterRegistry registry;
  private boolean started;
  private boolean closed;

  private LanesRuntime(Builder builder) {
    this.registry = builder.registry;
    TaskCodec codec = new TaskCodec();
    List<LaneWorker> workers = new ArrayList<>();
    Duration grace = Duration.ZERO;
    try {
      for (LaneConfig lane : builder.lanes.values()) {
        workers.add(
            new LaneWorker(
                lane,
                builder.bootstrapServers,
                builder.consumerOverrides,
                builder.handlers,
                codec,
                registry));
        grace = lane.shutdownGrace().compareTo(grace) > 0 ? lane.shutdownGrace() : grace;
      }
    } catch (RuntimeException e) {
      // A bad setting for one lane must not leak the consumers already made for the others.
      workers.forEach(LaneWorker::discard);
      throw e;
    }
    this.lanes = List.copyOf(workers);
    this.longestGrace = grace;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts every lane's poll loop. */
  public synchronized LanesRuntime start() {
    if (started) {
      throw new IllegalStateException("runtime already started");
    }
    started = true;
    lanes.forEach(LaneWorker::start);
    log.info("runtime started lanes={}", laneStates().keySet());
    return this;
  }

  /** The state of each lane, in configuration order. */
  public Map<String, LaneState> laneStates() {
    Map<String, LaneState> states = new LinkedHashMap<>();
    lanes.forEach(lane -> states.put(lane.name(), lane.state()));
    return states;
  }

  public MeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Graceful stop: every lane stops fetching, finishes in-flight tasks within its shutdown grace,
   * commits and leaves its group. Lanes stop in parallel.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    lanes.forEach(LaneWorker::requestStop);
    awaitLanes(longestGrace.plus(CLOSE_MARGIN));
  }

  /**
   * Stops every lane as a crash would, as far as offsets go: nothing more is committed and
   * in-flight tasks are abandoned. For tests of at-least-once delivery.
   */
  synchronized void halt() {
    closed = true;
    lanes.forEach(LaneWorker::halt);
    awaitLanes(CLOSE_MARGIN);
  }

  private void awaitLanes(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (LaneWorker lane : lanes) {
      try {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!lane.awaitStopped(left)) {
          log.warn("lane did not stop in time lane={} timeout={}", lane.name(), timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Configures a runtime; {@link #build()} validates. */
  public static final class Builder {
    private String bootstrapServers;
    private HandlerRegistry handlers;
    private final Map<String, LaneConfig> lanes = new LinkedHashMap<>();
    private final Map<String, Object> consumerOverrides = new HashMap<>();
    private MeterRegistry registry = new SimpleMeterRegistry();

    private Builder() {}

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    public Builder handlers(HandlerRegistry handlers) {
      this.handlers = handlers;
      return this;
    }

    public Builder lane(LaneConfig lane) {
      Objects.requireNonNull(lane, "lane");
      if (lanes.putIfAbsent(lane.name(), lane) != null) {
        throw new IllegalArgumentException("lane " + lane.name() + " is configured twice");
      }
      return this;
    }

    /** A Kafka consumer setting for every lane; {@code enable.auto.commit=true} is refused. */
    public Builder consumerProperty(String key, Object value) {
      consumerOverrides.put(key, value);
      return this;
    }

    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    public LanesRuntime build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers must be set, was " + bootstrapServers);
      }
      if (handlers == null) {
        throw new IllegalArgumentException("handlers must be set");
      }
      if (lanes.isEmpty()) {
        throw new IllegalArgumentException("at least one lane must be configured");
      }
      return new LanesRuntime(this);
    }
  }
}
