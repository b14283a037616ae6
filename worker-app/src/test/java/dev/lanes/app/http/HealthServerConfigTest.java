package dev.lanes.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthServerConfigTest {

  @Test
  void defaultsListenOnEveryInterfaceWithAThirtySecondThreshold() {
    HealthServerConfig config = HealthServerConfig.onPort(8080);

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.livenessThreshold()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void badValuesAreRefusedNamingTheFieldAndValue() {
    assertThatThrownBy(() -> HealthServerConfig.onPort(65536))
        .hasMessage("port must be between 0 and 65535, was 65536");
    assertThatThrownBy(() -> HealthServerConfig.onPort(0).withHost(" "))
        .hasMessage("host must not be blank, was  ");
    assertThatThrownBy(() -> HealthServerConfig.onPort(0).withLivenessThreshold(Duration.ZERO))
        .hasMessage("livenessThreshold must be positive, was PT0S");
  }
}
