package dev.lanes.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.MetricNames;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.priority.WaitWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchTallyTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TypeMeters email = new TypeMeters(registry, "batch", "email");
  private final TypeMeters sms = new TypeMeters(registry, "batch", "sms");

  @Test
  void successesOfEveryTypeCountWhenTheBatchPublishes() {
    BatchTally tally = new BatchTally(new WaitWindow(1));
    tally.succeeded(email);
    tally.succeeded(email);
    assertThat(succeeded("email")).as("nothing before the batch ends").isZero();
    tally.succeeded(sms);
    tally.succeeded(email);

    tally.publish();
    tally.publish();

    assertThat(succeeded("email")).isEqualTo(3);
    assertThat(succeeded("sms")).isEqualTo(1);
  }

  @Test
  void aTypeNameDecodedAgainFindsItsMetersAndAnotherTypeItsOwn() {
    LaneMetrics metrics = new LaneMetrics(registry, "other", Set.of("email", "sms"), 3);
    BatchTally tally = new BatchTally(metrics.recentWaits());

    TypeMeters first = tally.metersFor(new String("email"), metrics);

    assertThat(tally.metersFor(new String("email"), metrics)).isSameAs(first);
    assertThat(tally.metersFor("sms", metrics)).isSameAs(metrics.forType("sms")).isNotSameAs(first);
    assertThatThrownBy(() -> tally.metersFor("fax", metrics))
        .hasMessageContaining("unregistered type fax");
  }

  private double succeeded(String type) {
    return registry
        .get(MetricNames.TASKS)
        .tag(MetricNames.TAG_TYPE, type)
        .tag(MetricNames.TAG_OUTCOME, MetricNames.OUTCOME_SUCCEEDED)
        .counter()
        .count();
  }
}
