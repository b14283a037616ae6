package dev.lanes.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.app.LanesMain;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@KafkaTest
class DemoCommandIT {

  @Test
  void demoTellsTheWholeStoryAndTheBooksBalance(TestKafka kafka) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        LanesMain.run(
            List.of(
                "demo",
                "--tasks",
                "60",
                "--outage-seconds",
                "5",
                "--bootstrap-server",
                kafka.bootstrapServers()),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8));

    String story = out.toString(UTF_8);
    assertThat(exit).as(story + err.toString(UTF_8)).isZero();
    assertThat(story)
        .contains("all records processed")
        .contains("lost 0")
        .contains("retry     batch")
        .contains("dead      batch")
        .contains("yield     batch yields to realtime: concurrency 8 -> 4")
        .contains("grow      batch grows back: concurrency")
        .contains("batch is back at all its threads")
        .contains("breaker   http OPEN")
        .contains("pause     tasks.realtime-")
        .contains("breaker   http CLOSED")
        .contains("resume    tasks.realtime-");
    long[] realtime = row(story, "realtime");
    assertThat(realtime[1]).as("every realtime task completed").isEqualTo(realtime[0]);
    assertThat(realtime[3]).as("no realtime dead letters, outage or not").isZero();
    // Batch: 60 tasks plus 2 records that are not tasks, then the CPU-bound burst; every 25th task
    // of the 60 fails fatally, every other 10th transiently.
    long[] batch = row(story, "batch");
    int batchRecords = 62 + DemoYieldChapter.BATCH_TASKS;
    assertThat(batch[0]).isEqualTo(batchRecords);
    assertThat(batch[1] + batch[3]).as("succeeded + dead-lettered").isEqualTo(batchRecords);
    assertThat(batch[2]).as("retries: 4 tasks failing twice").isEqualTo(8);
    assertThat(batch[3]).as("dead letters: 3 fatal, 2 not tasks").isEqualTo(5);
    assertThat(batch[4]).as("rejected records").isEqualTo(2);
    Matcher calls = Pattern.compile("the broken dependency got (\\d+) calls").matcher(story);
    assertThat(calls.find()).as(story).isTrue();
    // 5 s with a 2 s breaker delay: the calls that opened it, then a probe every 2 s.
    assertThat(Long.parseLong(calls.group(1))).isLessThanOrEqualTo(3 + 5 / 2 + 1);
  }

  /** records, succeeded, failed, fatal, rejected of a lane's report row. */
  private static List<Long> rowList(String report, String lane) {
    Matcher m =
        Pattern.compile("(?m)^" + lane + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)")
            .matcher(report);
    assertThat(m.find()).as("report row for " + lane + " in:\n" + report).isTrue();
    return List.of(
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)),
        Long.parseLong(m.group(5)));
  }

  private static long[] row(String report, String lane) {
    return rowList(report, lane).stream().mapToLong(Long::longValue).toArray();
  }
}
