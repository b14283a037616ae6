package dev.lanes.internal.fleet;

import dev.lanes.DependencyHealth;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.topics.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This worker's part in the fleet: its {@link FleetPublisher} and its {@link FleetView} of the
 * others. When {@code lanes.fleet} does not exist the worker runs without both and says so once;
 * nothing in the runtime waits for the fleet topics.
 */
public final class Fleet implements AutoCloseable {

  /** No fleet: nothing published, no other worker seen. */
  public static final Fleet OFF = new Fleet(null, null);

  /** How long the start asks the cluster whether the fleet topic exists. */
  static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(Fleet.class);

  private final FleetPublisher publisher;
  private final FleetView view;

  private Fleet(FleetPublisher publisher, FleetView view) {
    this.publisher = publisher;
    this.view = view;
  }

  /** What a worker needs to take part: its identity, its lanes and dependencies, its clients. */
  public record Setup(
      WorkerIdentity identity,
      List<LaneSource> lanes,
      Supplier<List<DependencyHealth>> dependencies,
      Predicate<String> sharedDependencies,
      Map<String, Object> clientConfig,
      KafkaClients clients,
      LaneClock clock) {
    public Setup {
      Objects.requireNonNull(identity, "identity");
      lanes = List.copyOf(lanes);
      Objects.requireNonNull(dependencies, "dependencies");
      Objects.requireNonNull(sharedDependencies, "sharedDependencies");
      clientConfig = Map.copyOf(clientConfig);
      Objects.requireNonNull(clients, "clients");
      Objects.requireNonNull(clock, "clock");
    }
  }

  /**
   * Starts publishing and reading when {@code lanes.fleet} exists, else {@link #OFF}; never throws:
   * a fleet that cannot start leaves the worker running alone.
   */
  public static Fleet start(Setup setup) {
    if (!fleetTopicExists(setup.clientConfig())) {
      return OFF;
    }
    try {
      return started(setup);
    } catch (RuntimeException e) {
      warnOff("its clients could not be made: " + e);
      return OFF;
    }
  }

  private static Fleet started(Setup setup) {
    WorkerReports reports =
        new WorkerReports(
            setup.identity(), setup.lanes(), setup.dependencies(), setup.sharedDependencies());
    FleetPublisher publisher =
        new FleetPublisher(
            setup.clients().producer(FleetClientSettings.producer(setup)),
            TopicNames.FLEET,
            setup.identity().workerId(),
            reports,
            setup.clock(),
            setup.identity().interval());
    FleetView view =
        new FleetView(
            setup.clients().consumer(FleetClientSettings.consumer(setup)),
            TopicNames.FLEET,
            wallClock(setup.clock()));
    publisher.start();
    view.start();
    log.info(
        "fleet state on topic={} worker={} interval={}",
        TopicNames.FLEET,
        setup.identity().workerId(),
        setup.identity().interval());
    return new Fleet(publisher, view);
  }

  public boolean isOn() {
    return publisher != null;
  }

  /** Something changed the fleet should see soon: an assignment, a pause, a breaker. */
  public void publishSoon() {
    if (publisher != null) {
      publisher.publishSoon();
    }
  }

  /** The live workers, this one included once its first report is back; none when off. */
  public Supplier<Collection<WorkerReport>> liveWorkers() {
    return view == null ? List::of : view;
  }

  /** Stops publishing and leaves a tombstone: the fleet sees this worker leave now. */
  @Override
  public void close() {
    if (view != null) {
      view.close();
    }
    if (publisher != null) {
      publisher.close();
    }
  }

  /** Stops publishing as a crash would: no tombstone, the report ages out. For tests. */
  public void halt() {
    if (view != null) {
      view.close();
    }
    if (publisher != null) {
      publisher.halt();
    }
  }

  private static boolean fleetTopicExists(Map<String, Object> clientConfig) {
    try (Admin admin = Admin.create(clientConfig)) {
      admin
          .describeTopics(List.of(TopicNames.FLEET))
          .allTopicNames()
          .get(TOPIC_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      String why =
          e.getCause() instanceof UnknownTopicOrPartitionException
              ? "topic " + TopicNames.FLEET + " does not exist"
              : "topic " + TopicNames.FLEET + " could not be described: " + e.getCause();
      warnOff(why);
    } catch (TimeoutException e) {
      warnOff("topic " + TopicNames.FLEET + " was not described within " + TOPIC_CHECK_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      warnOff("topic " + TopicNames.FLEET + " could not be described: " + e);
    }
    return false;
  }

  private static void warnOff(String why) {
    log.warn(
        "fleet state off: {}; this worker is not in lanes status and does not see the fleet's live workers."
            + " Create the fleet topics with 'lanes topics apply'",
        why);
  }

  // The view judges liveness by the same wall clock the reports are stamped with.
  private static Clock wallClock(LaneClock clock) {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(clock.nowMillis());
      }
    };
  }
}
