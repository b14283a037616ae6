package dev.lanes.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lanes.MetricNames;
import dev.lanes.internal.lane.LaneMetrics;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchTallyTest {

  private static final long MS = 1_000_000;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LaneMetrics metrics = new LaneMetrics(registry, "batch", Set.of("email", "sms"), 3);

  @Test
  void successesAndHandlerTimesOfEveryTypeCountWhenTheBatchPublishes() {
    BatchTally tally = new BatchTally(metrics);
    TypeMeters email = tally.metersFor("email");
    tally.succeeded(email, 2 * MS);
    tally.succeeded(email, 5 * MS);
    assertThat(succeeded("email")).as("nothing before the batch ends").isZero();
    tally.succeeded(tally.metersFor("sms"), 7 * MS);
    tally.succeeded(email, 1 * MS);

    tally.publish();
    tally.publish();

    assertThat(succeeded("email")).isEqualTo(3);
    assertThat(succeeded("sms")).isEqualTo(1);
    FunctionTimer emailTime = handlerTime("email");
    assertThat(emailTime.count()).isEqualTo(3);
    assertThat(emailTime.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(8, within(1e-6));
    assertThat(handlerMax("email")).isEqualTo(5);
    assertThat(handlerMax("sms")).isEqualTo(7);
  }

  @Test
  void everyFirstAttemptsWaitCountsInTheTimerBehindADependencyOrNot() {
    BatchTally tally = new BatchTally(metrics);
    tally.waited(30, false);
    tally.waited(4_000, true);
    tally.waited(-2, false);
    tally.publish();

    FunctionTimer waits = registry.get(MetricNames.TASK_WAIT).functionTimer();
    assertThat(waits.count()).isEqualTo(3);
    assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(4_030, within(1e-6));
    assertThat(registry.get(MetricNames.TASK_WAIT_MAX).timeGauge().value(TimeUnit.MILLISECONDS))
        .isEqualTo(4_000);
  }

  @Test
  void aBusyWorkersTallyPublishesEverySixtyFourTasksAndAtOnceWhenABatchFailed() {
    BatchTally tally = new BatchTally(metrics);
    TypeMeters email = tally.metersFor("email");
    for (int i = 0; i < BatchTally.PUBLISH_EVERY - 1; i++) {
      tally.succeeded(email, MS);
    }
    tally.batchEnded(false);
    assertThat(succeeded("email")).as("63 tasks wait for more").isZero();

    tally.succeeded(email, MS);
    tally.batchEnded(false);
    assertThat(succeeded("email")).isEqualTo(64);

    tally.succeeded(email, MS);
    tally.batchEnded(true);
    assertThat(succeeded("email")).as("a failed batch publishes at once").isEqualTo(65);
  }

  @Test
  void aTypeNameDecodedAgainFindsItsMetersAndAnotherTypeItsOwn() {
    BatchTally tally = new BatchTally(metrics);

    TypeMeters first = tally.metersFor(new String("email"));

    assertThat(tally.metersFor(new String("email"))).isSameAs(first);
    assertThat(tally.metersFor("sms")).isSameAs(metrics.forType("sms")).isNotSameAs(first);
    assertThatThrownBy(() -> tally.metersFor("fax")).hasMessageContaining("unregistered type fax");
  }

  private double succeeded(String type) {
    return registry
        .get(MetricNames.TASKS)
        .tag(MetricNames.TAG_TYPE, type)
        .tag(MetricNames.TAG_OUTCOME, MetricNames.OUTCOME_SUCCEEDED)
        .counter()
        .count();
  }

  private FunctionTimer handlerTime(String type) {
    return registry
        .get(MetricNames.HANDLER_DURATION)
        .tag(MetricNames.TAG_TYPE, type)
        .functionTimer();
  }

  private double handlerMax(String type) {
    return registry
        .get(MetricNames.HANDLER_DURATION_MAX)
        .tag(MetricNames.TAG_TYPE, type)
        .timeGauge()
        .value(TimeUnit.MILLISECONDS);
  }
}
