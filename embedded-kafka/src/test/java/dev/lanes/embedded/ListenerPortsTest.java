package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenerPortsTest {

  @Test
  void aGivenBrokerPortIsKeptAndTheControllerGetsAnother() {
    ListenerPorts ports = ListenerPorts.withBrokerPort(19092);

    assertThat(ports.broker()).isEqualTo(19092);
    assertThat(ports.controller()).isPositive().isNotEqualTo(19092);
  }

  @Test
  void brokerPortZeroPicksTwoDistinctPorts() {
    ListenerPorts ports = ListenerPorts.withBrokerPort(0);

    assertThat(ports.broker()).isPositive();
    assertThat(ports.controller()).isPositive().isNotEqualTo(ports.broker());
  }
}
