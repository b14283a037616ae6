package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A build that fails part-way closes every client, pool and timer it already made: nothing may keep
 * reconnecting to a broker for the life of the process. Each case fails at another step.
 */
@KafkaTest
class BuildFailureIT {

  /** Threads a runtime's construction can start: Kafka clients' and the runtime's own. */
  private static final List<String> RUNTIME_THREADS =
      List.of(
          "kafka-producer-network-thread",
          "consumer_background_thread",
          "kafka-coordinator-heartbeat-thread",
          "lanes-");

  @Test
  void aBadProducerPropertyLeavesNoThreadBehind(TestKafka kafka) {
    assertBuildFailsWithoutLeaks(
        kafka, builder -> builder.producerProperty("compression.type", "bogus"), "bogus");
  }

  @Test
  void aBadConsumerPropertyLeavesNoThreadBehind(TestKafka kafka) {
    assertBuildFailsWithoutLeaks(
        kafka, builder -> builder.consumerProperty("fetch.min.bytes", "many"), "many");
  }

  @Test
  void aMeterRegistryFailingAtEachStepLeavesNoThreadBehind(TestKafka kafka) {
    for (String meter :
        List.of(
            MetricNames.TASKS_REJECTED,
            MetricNames.COMMIT_FAILURES,
            MetricNames.CONSUMER_LAG,
            MetricNames.CONSUMER_LAG_ACTIVE,
            MetricNames.CONSUMER_LAG_SECONDS,
            MetricNames.IN_FLIGHT,
            MetricNames.EXECUTOR_ACTIVE)) {
      assertBuildFailsWithoutLeaks(
          kafka,
          builder -> builder.meterRegistry(failingAt(id -> id.getName().equals(meter))),
          "refused " + meter);
    }
  }

  @Test
  void aSecondLaneFailingLeavesNoThreadOfTheFirstBehind(TestKafka kafka) {
    for (String meter : List.of(MetricNames.TASKS_REJECTED, MetricNames.CONSUMER_LAG)) {
      String second = "second";
      assertBuildFailsWithoutLeaks(
          kafka,
          builder ->
              builder
                  .lane(TestRuntimes.lane(kafka, second, kafka.uniqueName("tasks.second")))
                  .meterRegistry(
                      failingAt(
                          id ->
                              id.getName().equals(meter)
                                  && second.equals(id.getTag(MetricNames.TAG_LANE)))),
          "refused " + meter);
    }
  }

  private static void assertBuildFailsWithoutLeaks(
      TestKafka kafka, Consumer<LanesRuntime.Builder> breakIt, String failure) {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    LanesRuntime.Builder builder =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(HandlerRegistry.builder().register("work", (task, context) -> {}).build())
            .dependency("payments", DependencyPolicy.defaults())
            // The KIP-848 protocol starts a consumer's network thread at construction, so a
            // leaked consumer shows as a thread.
            .consumerProperty("group.protocol", "consumer")
            .lane(TestRuntimes.lane(kafka, "first", kafka.uniqueName("tasks.first")));
    breakIt.accept(builder);

    assertThatThrownBy(builder::build).hasMessageContaining(failure);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        Thread.getAllStackTraces().keySet().stream()
                            .filter(thread -> !before.contains(thread))
                            .filter(Thread::isAlive)
                            .map(Thread::getName)
                            .filter(name -> RUNTIME_THREADS.stream().anyMatch(name::startsWith)))
                    .as("threads left by a build that failed with: %s", failure)
                    .isEmpty());
  }

  private static SimpleMeterRegistry failingAt(Predicate<Meter.Id> step) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public MeterFilterReply accept(Meter.Id id) {
                if (step.test(id)) {
                  throw new IllegalStateException("refused " + id.getName());
                }
                return MeterFilterReply.NEUTRAL;
              }
            });
    return registry;
  }
}
