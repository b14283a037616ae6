package dev.lanes.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics and reports existing topics that differ from their spec. Safe to run on
 * every start and from several instances at once. Drift is reported, never fixed: changing a
 * partition count silently breaks key ordering, so that is an operator's decision.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final Admin admin;
  private final Duration timeout;
  private final LeaderAwait leaders;

  /**
   * {@code timeout} bounds one whole {@link #provision} or {@link #provisionLanes} call, leader
   * wait included.
   */
  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.leaders = new LeaderAwait(admin);
  }

  /**
   * Returns once every topic exists and every partition of each new topic has a leader that serves
   * it, so callers can produce right away.
   *
   * @throws TopicProvisioningException if a Kafka call fails or the timeout passes
   */
  public ProvisioningReport provision(Collection<TopicSpec> topics) {
    return run(topics).report();
  }

  /**
   * Provisions every topic of the lanes like {@link #provision}, then refuses to run a lane whose
   * topics disagree on the cluster: a topic that existed before with another partition count is
   * drift {@link #provision} only reports, but for a lane it would lose or misroute failed records.
   *
   * @throws TopicLayoutException naming each such lane, its topics and their partition counts
   * @throws TopicProvisioningException if a Kafka call fails or the timeout passes
   */
  public ProvisioningReport provisionLanes(List<LaneTopics> lanes) {
    return provisionLanes(lanes, List.of());
  }

  /**
   * Everything the catalog describes: its lanes' topics as {@link #provisionLanes} does, and the
   * fleet's topics ({@link TopicCatalog#fleetTopics}), in one report.
   *
   * @throws TopicLayoutException naming each lane whose topics disagree on partition count
   * @throws TopicProvisioningException if a Kafka call fails or the timeout passes
   */
  public ProvisioningReport provisionCatalog(TopicCatalog catalog) {
    return provisionLanes(catalog.lanes(), catalog.fleetTopics());
  }

  /** Like {@link #check(List)}, for every topic the catalog describes, the fleet's included. */
  public TopicCheck check(TopicCatalog catalog) {
    return checkTopics(catalogTopics(catalog.lanes(), catalog.fleetTopics()));
  }

  private ProvisioningReport provisionLanes(List<LaneTopics> lanes, List<TopicSpec> others) {
    Provisioned provisioned = run(catalogTopics(lanes, others));
    TopicLayout.requireEach(lanes, provisioned.partitions());
    return provisioned.report();
  }

  /**
   * Compares the lanes' topics on the cluster with the catalog without changing anything: which are
   * missing, which match, and every drifted setting.
   *
   * @throws TopicProvisioningException if a Kafka call fails or the timeout passes
   */
  public TopicCheck check(List<LaneTopics> lanes) {
    return checkTopics(catalogTopics(lanes, List.of()));
  }

  private TopicCheck checkTopics(List<TopicSpec> topics) {
    Map<String, TopicSpec> specs = byName(topics);
    Deadline deadline = Deadline.after(timeout);
    Map<String, TopicDescription> existing = describeExisting(specs.keySet(), deadline);
    List<String> missing =
        specs.keySet().stream().filter(name -> !existing.containsKey(name)).toList();
    ProvisioningReport found =
        report(specs, List.of(), existing, describeConfigs(existing.keySet(), deadline));
    return new TopicCheck(missing, found.unchanged(), found.drift());
  }

  private Provisioned run(Collection<TopicSpec> topics) {
    Map<String, TopicSpec> specs = byName(topics);
    if (specs.isEmpty()) {
      return new Provisioned(new ProvisioningReport(List.of(), List.of(), List.of()), Map.of());
    }
    Deadline deadline = Deadline.after(timeout);

    Map<String, TopicDescription> existing = describeExisting(specs.keySet(), deadline);
    List<TopicSpec> missing =
        specs.values().stream().filter(spec -> !existing.containsKey(spec.name())).toList();
    List<String> created = create(missing, deadline);
    // Also wait for topics a concurrent creator won: our caller may produce to them next.
    Map<String, TopicDescription> appeared =
        leaders.await(missing.stream().map(TopicSpec::name).toList(), deadline);
    Map<String, Integer> partitions = new HashMap<>();
    existing.forEach((name, description) -> partitions.put(name, description.partitions().size()));
    appeared.forEach((name, description) -> partitions.put(name, description.partitions().size()));
    // A concurrent creator's topics are checked for drift like any other existing topic.
    appeared.forEach(
        (name, description) -> {
          if (!created.contains(name)) {
            existing.put(name, description);
          }
        });
    return new Provisioned(
        report(specs, created, existing, describeConfigs(existing.keySet(), deadline)), partitions);
  }

  private static ProvisioningReport report(
      Map<String, TopicSpec> specs,
      List<String> created,
      Map<String, TopicDescription> existing,
      Map<String, Config> configs) {
    List<String> unchanged = new ArrayList<>();
    List<TopicDrift> drift = new ArrayList<>();
    for (TopicSpec spec : specs.values()) {
      if (!existing.containsKey(spec.name())) {
        continue;
      }
      List<TopicDrift> found =
          DriftDetector.detect(spec, existing.get(spec.name()), configs.get(spec.name()));
      if (found.isEmpty()) {
        unchanged.add(spec.name());
      }
      found.forEach(TopicProvisioner::logDrift);
      drift.addAll(found);
    }
    return new ProvisioningReport(created, unchanged, drift);
  }

  private Map<String, TopicDescription> describeExisting(
      Collection<String> names, Deadline deadline) {
    Map<String, TopicDescription> existing = new HashMap<>();
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(names).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
      try {
        existing.put(
            entry.getKey(), deadline.await(entry.getValue(), "describe topic " + entry.getKey()));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new TopicProvisioningException(
              "describe topic " + entry.getKey() + " failed", e.getCause());
        }
      }
    }
    return existing;
  }

  /**
   * Names of the topics this call created; a concurrent creator's topics are left out. A topic
   * whose replication factor exceeds the brokers registered with the cluster is tried again until
   * the deadline: brokers that are still starting register in the meantime.
   */
  private List<String> create(List<TopicSpec> missing, Deadline deadline) {
    List<String> created = new ArrayList<>();
    List<TopicSpec> pending = missing;
    while (!pending.isEmpty()) {
      Map<TopicSpec, Throwable> tooFewBrokers = createOnce(pending, deadline, created);
      if (!tooFewBrokers.isEmpty() && deadline.remaining().compareTo(RETRY_PAUSE) < 0) {
        throw tooFewBrokers(tooFewBrokers, deadline);
      }
      if (!tooFewBrokers.isEmpty()) {
        log.info(
            "topics wait for brokers to register topics={} reason={}",
            tooFewBrokers.keySet().stream().map(TopicSpec::name).toList(),
            tooFewBrokers.values().iterator().next().getMessage());
        pause();
      }
      pending = List.copyOf(tooFewBrokers.keySet());
    }
    return created;
  }

  /** Creates {@code specs}; returns those refused for too few brokers, with Kafka's reason. */
  private Map<TopicSpec, Throwable> createOnce(
      List<TopicSpec> specs, Deadline deadline, List<String> created) {
    Map<String, KafkaFuture<Void>> futures =
        admin.createTopics(specs.stream().map(TopicProvisioner::newTopic).toList()).values();
    Map<TopicSpec, Throwable> tooFewBrokers = new LinkedHashMap<>();
    for (TopicSpec spec : specs) {
      try {
        deadline.await(futures.get(spec.name()), "create topic " + spec.name());
        created.add(spec.name());
        log.info(
            "topic created name={} partitions={} rf={}",
            spec.name(),
            spec.partitions(),
            spec.replicationFactor());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof InvalidReplicationFactorException) {
          tooFewBrokers.put(spec, e.getCause());
        } else if (!(e.getCause() instanceof TopicExistsException)) {
          throw new TopicProvisioningException(
              "create topic " + spec.name() + " failed", e.getCause());
        } else {
          log.debug("topic created concurrently name={}", spec.name());
        }
      }
    }
    return tooFewBrokers;
  }

  private static TopicProvisioningException tooFewBrokers(
      Map<TopicSpec, Throwable> refused, Deadline deadline) {
    TopicSpec first = refused.keySet().iterator().next();
    Throwable reason = refused.get(first);
    return new TopicProvisioningException(
        "cannot create topics "
            + refused.keySet().stream().map(TopicSpec::name).toList()
            + " with replication factor "
            + first.replicationFactor()
            + ": the cluster has fewer brokers registered, and still had after "
            + deadline.timeout()
            + " (Kafka: "
            + reason.getMessage()
            + "). Start the missing brokers, or lower the replication factor",
        reason);
  }

  // Brokers register within seconds of starting; a second between attempts is plenty.
  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("interrupted while waiting for brokers to register", e);
    }
  }

  private Map<String, Config> describeConfigs(Collection<String> names, Deadline deadline) {
    if (names.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources =
        names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    try {
      Map<String, Config> configs = new HashMap<>();
      deadline
          .await(admin.describeConfigs(resources).all(), "describe configs of " + names)
          .forEach((resource, config) -> configs.put(resource.name(), config));
      return configs;
    } catch (ExecutionException e) {
      throw new TopicProvisioningException(
          "describe configs of " + names + " failed", e.getCause());
    }
  }

  private static List<TopicSpec> catalogTopics(List<LaneTopics> lanes, List<TopicSpec> others) {
    Objects.requireNonNull(lanes, "lanes");
    List<TopicSpec> topics = new ArrayList<>();
    for (LaneTopics lane : lanes) {
      topics.addAll(Objects.requireNonNull(lane, "lanes must not contain null").allTopics());
    }
    topics.addAll(Objects.requireNonNull(others, "others"));
    return topics;
  }

  private static Map<String, TopicSpec> byName(Collection<TopicSpec> topics) {
    Objects.requireNonNull(topics, "topics");
    Map<String, TopicSpec> specs = new LinkedHashMap<>();
    for (TopicSpec spec : topics) {
      Objects.requireNonNull(spec, "topics must not contain null");
      if (specs.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException(
            "topics must have unique names, '" + spec.name() + "' appears twice");
      }
    }
    return specs;
  }

  private static NewTopic newTopic(TopicSpec spec) {
    return new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
        .configs(spec.configs());
  }

  private static void logDrift(TopicDrift drift) {
    log.warn(
        "topic drift name={} setting={} actual={} expected={} action=none",
        drift.topic(),
        drift.setting(),
        drift.actual(),
        drift.expected());
  }

  /** The report, and the partition count of every topic as the cluster now has it. */
  private record Provisioned(ProvisioningReport report, Map<String, Integer> partitions) {}
}
