package dev.lanes.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerStatusTest {

  @Test
  void describesItselfAsTheReadyBodyShowsIt() {
    assertThat(BrokerStatus.REACHABLE.describe()).isEqualTo("reachable");
    assertThat(BrokerStatus.unreachable("no answer within 2000 ms").describe())
        .isEqualTo("unreachable: no answer within 2000 ms");
  }

  @Test
  void aMultiLineReasonKeepsOnlyItsFirstLine() {
    BrokerStatus status = BrokerStatus.unreachable("  Connection refused\n\tat java.net.Socket\n");

    assertThat(status.reason()).isEqualTo("Connection refused");
  }

  @Test
  void aLongReasonIsCut() {
    assertThat(BrokerStatus.unreachable("x".repeat(1000)).reason()).hasSize(301).endsWith("…");
  }

  @Test
  void unreachableWithoutAReasonIsRefused() {
    assertThatThrownBy(() -> BrokerStatus.unreachable(" \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must not be blank when unreachable, was ''");
  }
}
