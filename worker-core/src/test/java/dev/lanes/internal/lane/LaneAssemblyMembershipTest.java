package dev.lanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.poll.GroupMembership;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class LaneAssemblyMembershipTest {

  private final LaneConfig lane = LaneConfig.of("batch", "tasks.batch").withPollers(2);
  private final List<Map<String, Object>> consumerConfigs = new ArrayList<>();
  private final KafkaClients clients =
      new KafkaClients(
          config -> {
            consumerConfigs.add(config);
            return new MockConsumer<>("earliest");
          },
          config ->
              new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));

  @Test
  void aStaticWorkersLoopsEachJoinWithTheirOwnInstanceId() {
    build(GroupMembership.staticAs("worker-1"));

    assertThat(consumerConfigs)
        .extracting(
            config -> config.get(ConsumerConfig.GROUP_ID_CONFIG),
            config -> config.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lanes.batch", "worker-1.batch.main-1"),
            org.assertj.core.groups.Tuple.tuple("lanes.batch", "worker-1.batch.main-2"),
            org.assertj.core.groups.Tuple.tuple("lanes.batch.retry", "worker-1.batch.retry"));
  }

  @Test
  void aDynamicWorkersLoopsJoinWithoutInstanceIds() {
    build(GroupMembership.dynamic());

    assertThat(consumerConfigs)
        .hasSize(3)
        .allSatisfy(
            config ->
                assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  private void build(GroupMembership membership) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DependencyRegistry dependencies = new DependencyRegistry(Map.of(), registry)) {
      LaneAssembly.build(
              lane,
              "broker:9092",
              Map.of(),
              Map.of(),
              DiagnosticHandlers.registry(),
              new TaskCodec(),
              registry,
              "worker-1",
              membership,
              dependencies,
              clients,
              LaneClock.SYSTEM)
          .discard();
    }
  }
}
