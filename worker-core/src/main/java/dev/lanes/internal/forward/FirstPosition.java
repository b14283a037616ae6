package dev.lanes.internal.forward;

import dev.lanes.LanesHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Where a task's record was first produced: a main-topic record's own position, a retry's the
 * {@code lanes.original.*} headers the runtime wrote when it first forwarded the task. It names a
 * task that has no id the same way on every attempt. No I/O.
 */
public record FirstPosition(String topic, int partition, long offset) {

  /** The record's first position; its own when it is not a trusted retry or lacks the headers. */
  public static FirstPosition of(ConsumerRecord<?, ?> record, HeaderTrust trust) {
    if (trust.trusts(record)) {
      Header topic = record.headers().lastHeader(LanesHeaders.ORIGINAL_TOPIC);
      long partition =
          HeaderValues.longValue(record.headers(), LanesHeaders.ORIGINAL_PARTITION, -1);
      long offset = HeaderValues.longValue(record.headers(), LanesHeaders.ORIGINAL_OFFSET, -1);
      if (topic != null
          && topic.value() != null
          && partition >= 0
          && partition <= Integer.MAX_VALUE
          && offset >= 0) {
        return new FirstPosition(
            new String(topic.value(), StandardCharsets.UTF_8), (int) partition, offset);
      }
    }
    return new FirstPosition(record.topic(), record.partition(), record.offset());
  }
}
