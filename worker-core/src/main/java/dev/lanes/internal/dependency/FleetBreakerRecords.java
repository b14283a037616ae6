package dev.lanes.internal.dependency;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.FleetRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one record of {@code lanes.dependencies}. A malformed record, or a foreign one (its key is
 * not the dependency it names), is logged with its partition and offset and skipped: it never opens
 * a breaker nor stops the board. Each record is read once, so each is logged once.
 */
final class FleetBreakerRecords {

  private static final Logger log = LoggerFactory.getLogger(FleetBreakerRecords.class);

  private FleetBreakerRecords() {}

  /** The record's report, or null when it is a tombstone or not a dependency report. */
  static DependencyReport read(FleetCodec codec, ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      // A tombstone: someone removed the dependency's entry; there is no state to follow.
      return null;
    }
    DependencyReport report;
    try {
      report = codec.decodeDependency(record.value());
    } catch (FleetRecordException e) {
      skip(record, e.getMessage());
      return null;
    }
    if (record.key() == null || !Arrays.equals(record.key(), FleetCodec.key(report.dependency()))) {
      skip(
          record,
          "key "
              + (record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8))
              + " is not the dependency it names ("
              + report.dependency()
              + ")");
      return null;
    }
    return report;
  }

  private static void skip(ConsumerRecord<byte[], byte[]> record, String why) {
    log.warn(
        "fleet breaker record skipped topic={} partition={} offset={} reason={}",
        record.topic(),
        record.partition(),
        record.offset(),
        why);
  }
}
