package dev.lanes;

import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.dependency.FleetBreakers;
import dev.lanes.internal.fleet.Fleet;
import dev.lanes.internal.fleet.FleetSettings;
import dev.lanes.internal.fleet.LaneSource;
import dev.lanes.internal.fleet.WorkerIdentity;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneAssembly;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneWorker;
import dev.lanes.internal.poll.GroupMembership;
import dev.lanes.internal.priority.YieldController;
import dev.lanes.task.TaskCodec;
import dev.lanes.topics.TopicLayout;
import dev.lanes.versions.FoundVersions;
import dev.lanes.versions.VersionCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

  /** How long the start waits for the cluster to describe the lanes' topics. */
  private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);

  /** How long the start reads the fleet's breaker states before it goes on without them. */
  private static final Duration FLEET_BREAKERS_READ = Duration.ofSeconds(10);

  private final List<LaneWorker> workers;
  private final List<LaneConfig> configs;
  private final Map<String, Object> adminConfig;
  private final Duration longestGrace;
  private final MeterRegistry registry;
  private final DependencyRegistry dependencies;
  private final YieldController yieldController;
  private final Duration yieldInterval;
  private final String workerId;
  private final Instant startedAt = Instant.now();
  private final Supplier<? extends Collection<WorkerReport>> liveWorkers;
  private FleetBreakers fleetBreakers;
  private final FleetSettings fleetSettings;
  // Set by start(), read by the live-worker supplier from other threads.
  private volatile Fleet fleet = Fleet.OFF;
  private boolean started;
  private boolean closed;

  private LanesRuntime(Builder builder) {
    this.registry = builder.registry;
    this.dependencies = new DependencyRegistry(builder.dependencies, registry);
    this.configs = List.copyOf(builder.lanes.values());
    this.adminConfig = new HashMap<>(builder.clientOverrides);
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
    Map<String, Object> consumerOverrides = new HashMap<>(builder.clientOverrides);
    consumerOverrides.putAll(builder.consumerOverrides);
    Map<String, Object> producerOverrides = new HashMap<>(builder.clientOverrides);
    producerOverrides.putAll(builder.producerOverrides);
    TaskCodec codec = new TaskCodec();
    List<LaneWorker> workers = new ArrayList<>();
    Duration grace = Duration.ZERO;
    try {
      for (LaneConfig laneConfig : builder.lanes.values()) {
        workers.add(
            LaneAssembly.build(
                laneConfig,
                builder.bootstrapServers,
                consumerOverrides,
                producerOverrides,
                builder.handlers,
                codec,
                registry,
                builder.workerId,
                builder.membership(),
                dependencies,
                KafkaClients.REAL,
                LaneClock.SYSTEM));
        grace =
            laneConfig.shutdownGrace().compareTo(grace) > 0 ? laneConfig.shutdownGrace() : grace;
      }
    } catch (RuntimeException | Error e) {
      // A bad setting for one lane must not leak the clients already made for the others; each
      // lane closed what it had made of its own before it threw.
      workers.forEach(LaneWorker::discard);
      dependencies.close();
      throw e;
    }
    this.workers = List.copyOf(workers);
    this.longestGrace = grace;
    this.yieldInterval = builder.yieldInterval;
    this.workerId = builder.workerId;
    // The fleet's view of its workers unless a test gives its own; asked on each use, so it may
    // be taken before the fleet starts.
    this.liveWorkers = builder.liveWorkers != null ? builder.liveWorkers : liveWorkers();
    this.fleetSettings =
        new FleetSettings(
            builder.fleet,
            builder.fleetInterval,
            builder.workerId,
            zone(consumerOverrides),
            adminConfig);
    this.yieldController =
        builder.yielding ? LaneAssembly.yieldController(configs, this.workers, registry) : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks that every lane's topics exist with the same partition count, then starts every lane's
   * poll loop. A lane whose topics disagree would misroute retries, so nothing starts then.
   *
   * @throws dev.lanes.topics.TopicLayoutException when a lane's topics are missing or disagree
   */
  public synchronized LanesRuntime start() {
    if (started) {
      throw new IllegalStateException("runtime already started");
    }
    started = true;
    try {
      verifyTopics();
      // First, so that its view of the fleet's live workers has loaded by the time a breaker
      // asks who probes.
      fleet = startFleet();
      // Before the first call: a worker starting mid-outage finds the fleet's open breakers first.
      fleetBreakers =
          FleetBreakers.start(
                  dependencies,
                  workerId,
                  startedAt,
                  liveWorkers,
                  adminConfig,
                  KafkaClients.REAL,
                  LaneClock.SYSTEM,
                  FLEET_BREAKERS_READ)
              .orElse(null);
    } catch (RuntimeException e) {
      closed = true;
      stopYielding();
      workers.forEach(LaneWorker::discard);
      fleet.close();
      dependencies.close();
      throw e;
    }
    workers.forEach(LaneWorker::start);
    if (yieldController != null) {
      yieldController.start(yieldInterval);
    }
    log.info("runtime started lanes={}", laneStates().keySet());
    return this;
  }

  /** The state of each lane, in configuration order. */
  public Map<String, LaneState> laneStates() {
    Map<String, LaneState> states = new LinkedHashMap<>();
    workers.forEach(worker -> states.put(worker.name(), worker.state()));
    return states;
  }

  /** Every lane's and dependency's health, for health endpoints; safe from any thread. */
  public RuntimeHealth health() {
    return new RuntimeHealth(
        workers.stream().map(LaneWorker::health).toList(), dependencies.health());
  }

  /** The process's dependencies, the same ones handlers reach through their task context. */
  public Dependencies dependencies() {
    return dependencies;
  }

  public MeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Graceful stop: every lane stops fetching, finishes in-flight tasks within its shutdown grace,
   * commits and leaves its group (a static member stays in it until {@code session.timeout.ms}, so
   * a restart with the same worker id gets its partitions back). Lanes stop in parallel.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      // Never started: nothing to drain, but the lanes' clients are open.
      stopYielding();
      workers.forEach(LaneWorker::discard);
      dependencies.close();
      return;
    }
    stopYielding();
    workers.forEach(LaneWorker::requestStop);
    awaitLanes(longestGrace.plus(CLOSE_MARGIN));
    stopFleetBreakers();
    // After the lanes: the fleet sees this worker until its partitions are really let go.
    fleet.close();
    dependencies.close();
  }

  /**
   * Stops every lane as a crash would, as far as offsets go: nothing more is committed and
   * in-flight tasks are abandoned. For tests of at-least-once delivery.
   */
  synchronized void halt() {
    closed = true;
    stopYielding();
    workers.forEach(LaneWorker::halt);
    awaitLanes(CLOSE_MARGIN);
    stopFleetBreakers();
    fleet.halt();
    dependencies.close();
  }

  private void stopFleetBreakers() {
    if (fleetBreakers != null) {
      fleetBreakers.close();
    }
  }

  /**
   * The live workers of the fleet, as {@code lanes.fleet} tells; none while the fleet is off. Asks
   * the fleet on each call, so it may be taken before {@link #start()}.
   */
  Supplier<Collection<WorkerReport>> liveWorkers() {
    return () -> fleet.liveWorkers().get();
  }

  private Fleet startFleet() {
    if (!fleetSettings.enabled()) {
      return Fleet.OFF;
    }
    List<LaneSource> sources = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      sources.add(LaneSource.of(configs.get(i), workers.get(i), registry));
    }
    Fleet.Setup setup =
        new Fleet.Setup(
            WorkerIdentity.of(
                fleetSettings.workerId(),
                fleetSettings.zone(),
                startedAt,
                fleetSettings.interval()),
            sources,
            dependencies::health,
            dependencies::isShared,
            fleetSettings.clientConfig(),
            KafkaClients.REAL,
            LaneClock.SYSTEM);
    return Fleet.start(setup);
  }

  // The worker's zone is its consumers' rack, which fetches from the closest replica.
  private static String zone(Map<String, Object> consumerConfig) {
    Object rack = consumerConfig.get(ConsumerConfig.CLIENT_RACK_CONFIG);
    return rack == null || rack.toString().isBlank() ? null : rack.toString();
  }

  private void stopYielding() {
    if (yieldController != null) {
      yieldController.close();
    }
  }

  private void verifyTopics() {
    try (Admin admin = Admin.create(adminConfig)) {
      for (LaneConfig laneConfig : configs) {
        TopicLayout.verify(admin, laneConfig.name(), laneConfig.allTopics(), TOPIC_CHECK_TIMEOUT);
      }
    }
  }

  private void awaitLanes(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (LaneWorker worker : workers) {
      try {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!worker.awaitStopped(left)) {
          log.warn("lane did not stop in time lane={} timeout={}", worker.name(), timeout);
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
    private final Map<String, Object> producerOverrides = new HashMap<>();
    private final Map<String, Object> clientOverrides = new HashMap<>();
    private final Map<String, DependencyPolicy> dependencies = new LinkedHashMap<>();
    private String workerId = defaultWorkerId();
    private boolean workerIdGiven;
    private boolean staticMembership;
    private MeterRegistry registry = new SimpleMeterRegistry();
    private Supplier<Map<String, String>> foundVersions = FoundVersions::onClasspath;
    private boolean yielding = true;
    private Duration yieldInterval = Duration.ofSeconds(1);
    // Null: the fleet's own view of lanes.fleet.
    private Supplier<? extends Collection<WorkerReport>> liveWorkers;
    private boolean fleet = true;
    private Duration fleetInterval = FleetSettings.DEFAULT_INTERVAL;

    private Builder() {}

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    public Builder handlers(HandlerRegistry handlers) {
      this.handlers = handlers;
      return this;
    }

    public Builder lane(LaneConfig laneConfig) {
      Objects.requireNonNull(laneConfig, "lane");
      if (lanes.putIfAbsent(laneConfig.name(), laneConfig) != null) {
        throw new IllegalArgumentException("lane " + laneConfig.name() + " is configured twice");
      }
      return this;
    }

    /** A Kafka consumer setting for every lane; {@code enable.auto.commit=true} is refused. */
    public Builder consumerProperty(String key, Object value) {
      consumerOverrides.put(key, value);
      return this;
    }

    /**
     * An external dependency handlers call as {@code context.dependency(name).call(...)}, guarded
     * by {@code policy}: one breaker per dependency, shared by every lane of this runtime.
     */
    public Builder dependency(String name, DependencyPolicy policy) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("dependency name must not be blank, was " + name);
      }
      Objects.requireNonNull(policy, "policy");
      if (dependencies.putIfAbsent(name, policy) != null) {
        throw new IllegalArgumentException("dependency " + name + " is configured twice");
      }
      return this;
    }

    /** A Kafka producer setting for the lanes' retry and dead-letter forwarding. */
    public Builder producerProperty(String key, Object value) {
      producerOverrides.put(key, value);
      return this;
    }

    /**
     * A setting for every Kafka client the runtime makes (consumers, producers, admin): security
     * and other connection settings belong here.
     */
    public Builder clientProperty(String key, Object value) {
      clientOverrides.put(key, value);
      return this;
    }

    /** Names this process in the headers of records it forwards; host and pid by default. */
    public Builder workerId(String workerId) {
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank, was " + workerId);
      }
      this.workerId = workerId;
      this.workerIdGiven = true;
      return this;
    }

    /**
     * Whether the lanes' group consumers are static members named after {@link #workerId} (off by
     * default): a worker that restarts with the same id within {@code session.timeout.ms} gets its
     * partitions back without a rebalance, and a stopped or killed one keeps them until then. Needs
     * an explicit worker id that is stable across restarts and unique in the fleet, made of ASCII
     * letters, digits, '.', '_' and '-'.
     */
    public Builder staticMembership(boolean staticMembership) {
      this.staticMembership = staticMembership;
      return this;
    }

    /**
     * Whether lower-priority lanes of this process yield to a lane that misses its objective
     * ({@link LaneConfig#maxWait()}); on by default. Off, every lane always runs its full pool.
     */
    public Builder yielding(boolean yielding) {
      this.yielding = yielding;
      return this;
    }

    /** For tests: how often the yield controller decides (1 s by default). */
    Builder yieldInterval(Duration interval) {
      if (interval == null || interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("yieldInterval must be > 0, was " + interval);
      }
      this.yieldInterval = interval;
      return this;
    }

    /**
     * Whether this worker takes part in the fleet: publishes its state on {@code lanes.fleet} and
     * reads the others'; on by default, and off by itself when the topic does not exist.
     */
    public Builder fleet(boolean fleet) {
      this.fleet = fleet;
      return this;
    }

    /** How often this worker publishes its state when nothing changes; 5 s by default. */
    public Builder fleetInterval(Duration interval) {
      this.fleetInterval = FleetSettings.requireInterval(interval);
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
      checkMembership();
      // Before any client is made: a library too old fails here with its name, not later with a
      // NoSuchMethodError from inside it.
      VersionCheck.verify(foundVersions.get());
      return new LanesRuntime(this);
    }

    /**
     * Refuses now what {@link #build()} would refuse about static membership (no explicit worker
     * id, or one Kafka would not take as the lanes' {@code group.instance.id}), for a caller that
     * must check before it touches the cluster.
     *
     * @throws IllegalArgumentException naming the worker id and the rule it breaks
     */
    public void checkMembership() {
      GroupMembership membership = membership();
      lanes.values().forEach(membership::requireFits);
    }

    private GroupMembership membership() {
      if (!staticMembership) {
        return GroupMembership.dynamic();
      }
      if (!workerIdGiven) {
        // host-pid changes on every start: each start would be a new static member, which only
        // keeps the old one's partitions idle until its session times out.
        throw new IllegalArgumentException(
            "staticMembership needs an explicit workerId, was the default " + workerId);
      }
      return GroupMembership.staticAs(workerId);
    }

    /** The live workers' reports, for the choice of the fleet's prober of an open breaker. */
    Builder liveWorkers(Supplier<? extends Collection<WorkerReport>> liveWorkers) {
      this.liveWorkers = Objects.requireNonNull(liveWorkers, "liveWorkers");
      return this;
    }

    /** For tests: the library versions the build checks instead of the classpath's. */
    Builder foundVersions(Supplier<Map<String, String>> foundVersions) {
      this.foundVersions = Objects.requireNonNull(foundVersions, "foundVersions");
      return this;
    }

    private static String defaultWorkerId() {
      // HOSTNAME is the pod or container name where it matters; no DNS lookup that could hang.
      String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
      return host + "-" + ProcessHandle.current().pid();
    }
  }
}
