package dev.lanes.tools.drill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The at-least-once rule, checked from outside: a committed offset {@code c} says every record
 * below {@code c} in its partition is finished, so each such record must have a known fate by the
 * time the commit is seen. Remembers how far each partition was checked, so each record is checked
 * once, when the committed offset first passes it.
 */
final class OffsetAudit {

  private final Map<TopicPartition, Long> checkedUpTo = new HashMap<>();
  private long recordsChecked;

  /**
   * Checks the records newly passed by {@code committed}; returns one line per record passed while
   * unfinished. {@code fates} must have been read after {@code committed}. A record not in the
   * index yet (its producer's acknowledgement may still be on its way) stops the partition's check
   * until the next call; on the {@code last} call it is a violation too.
   */
  List<String> check(
      Map<TopicPartition, Long> committed, RecordIndex index, TaskFates fates, boolean last) {
    List<String> violations = new ArrayList<>();
    committed.forEach(
        (partition, offset) -> {
          long at = checkedUpTo.getOrDefault(partition, 0L);
          for (; at < offset; at++) {
            TaskRecord record = index.at(partition, at);
            if (record == null) {
              if (last) {
                violations.add(
                    "committed "
                        + partition
                        + "@"
                        + offset
                        + " passes offset "
                        + at
                        + " where no record is known");
              }
              break;
            }
            recordsChecked++;
            if (!fates.isFinished(record)) {
              violations.add(
                  "committed "
                      + partition
                      + "@"
                      + offset
                      + " passes unfinished task "
                      + record.id()
                      + " (attempt "
                      + record.attempt()
                      + ") at offset "
                      + at);
            }
          }
          checkedUpTo.put(partition, at);
        });
    return violations;
  }

  long recordsChecked() {
    return recordsChecked;
  }
}
