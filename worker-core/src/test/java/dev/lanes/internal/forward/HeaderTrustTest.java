package dev.lanes.internal.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHeaders;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class HeaderTrustTest {

  private final HeaderTrust trust = new HeaderTrust(List.of("tasks.a.retry.1", "tasks.a.retry.2"));

  @Test
  void aMainTopicRecordIsOnAttemptOneWhateverItsAttemptHeaderSays() {
    for (String forged : List.of("2", "4", "999", "0", "x")) {
      assertThat(trust.attempt(record("tasks.a", forged))).as(forged).isEqualTo(1);
    }
    assertThat(trust.trusts(record("tasks.a", "4"))).isFalse();
  }

  @Test
  void aRetryTopicRecordIsOnTheAttemptItsHeaderSays() {
    assertThat(trust.attempt(record("tasks.a.retry.2", "3"))).isEqualTo(3);
    assertThat(trust.trusts(record("tasks.a.retry.1", "2"))).isTrue();
  }

  @Test
  void aRetryTopicOfAnotherLaneIsNotTrusted() {
    assertThat(trust.attempt(record("tasks.b.retry.1", "3"))).isEqualTo(1);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, String attempt) {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, 0L, null, new byte[0]);
    record.headers().add(LanesHeaders.ATTEMPT, attempt.getBytes(UTF_8));
    return record;
  }
}
