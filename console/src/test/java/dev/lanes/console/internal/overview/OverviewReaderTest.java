package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.LaneConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewReaderTest {

  @Test
  void aBootstrapAddressKafkaCannotUseFailsEachReadNotTheConsolesStart() {
    OverviewReader reader =
        new OverviewReader(
            Map.of("bootstrap.servers", "broker-without-port"),
            List.of(LaneConfig.of("orders", "tasks.orders")),
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> reader.read(Instant.now()))
        .hasMessage(
            "cannot create a Kafka client: Invalid url in bootstrap.servers: broker-without-port");
    // Tried again at the next read, so a fixed DNS entry is picked up without a restart.
    assertThatThrownBy(() -> reader.read(Instant.now()))
        .hasMessageContaining("broker-without-port");
    reader.close();
  }
}
