package dev.lanes.internal.forward;

import java.util.Collection;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which records carry headers the runtime wrote: only those of the lane's retry topics. Anyone can
 * produce to a main topic, and a hand-copied record must not skip its retries or land in the
 * dead-letter topic as exhausted after one attempt, so on a main topic every {@code lanes.} header
 * is foreign, whatever it says. No I/O.
 */
public final class HeaderTrust {

  private final Set<String> retryTopics;

  public HeaderTrust(Collection<String> retryTopics) {
    this.retryTopics = Set.copyOf(retryTopics);
  }

  /** True when the record's {@code lanes.} headers were written by the runtime. */
  public boolean trusts(ConsumerRecord<?, ?> record) {
    return retryTopics.contains(record.topic());
  }

  /** The attempt the record stands for: 1 on the main topic, else what its header says. */
  public int attempt(ConsumerRecord<?, ?> record) {
    return trusts(record) ? HeaderValues.attempt(record.headers()) : 1;
  }
}
