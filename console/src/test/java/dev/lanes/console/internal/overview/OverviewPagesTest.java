package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewPagesTest {

  @Test
  void kafkaCallsWaitAsLongAsTheClientsApiTimeout() {
    assertThat(OverviewPages.timeout(Map.of("default.api.timeout.ms", "2500")))
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(OverviewPages.timeout(Map.of("default.api.timeout.ms", 4000)))
        .isEqualTo(Duration.ofMillis(4000));
    assertThat(OverviewPages.timeout(Map.of())).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aTimeoutThatIsNotANumberIsRefusedWithItsValue() {
    assertThatThrownBy(() -> OverviewPages.timeout(Map.of("default.api.timeout.ms", "5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("default.api.timeout.ms must be a number of milliseconds, was '5s'");
  }
}
