package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter topic refuses writes for a while: its {@code max.message.bytes} is set below the
 * size of any dead letter, as a misconfigured topic would. Tasks bound for it cannot be forwarded,
 * so their offsets must not be committed, while the tasks around them keep running. When the topic
 * accepts them again, every dead letter arrives.
 *
 * <p>(Asking for two in-sync replicas on this one-broker cluster did not refuse the writes on Kafka
 * 4.4, so the drill uses the size limit, which the broker enforces on every write.)
 */
@Tag("drill")
class DeadLetterOutageDrillIT {

  private static final int HTTP_TASKS = 2_000;
  private static final int FATAL_TASKS = 60;

  @TempDir Path dir;

  @Test
  void anUnwritableDeadLetterTopicHoldsCommitsAndLosesNothing() throws Exception {
    DrillLane lane = DrillLane.named("dlt-outage");
    try (DrillRig rig = DrillRig.start(dir, lane);
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.broker().bootstrapServers()))) {
      rig.startWorker();
      String sizeLimit = maxMessageBytes(admin, lane.deadLetterTopic());
      setMaxMessageBytes(admin, lane.deadLetterTopic(), "64");
      rig.note("dead-letter topic refuses writes");

      rig.producer().produceHttpTasks(HTTP_TASKS / 2);
      rig.producer().produceFatalTasks(FATAL_TASKS);
      rig.producer().produceHttpTasks(HTTP_TASKS / 2);
      // Absolute, not "HTTP_TASKS more than now": tasks finish while the rest are produced.
      rig.awaitDoneCount(HTTP_TASKS, Duration.ofMinutes(2));
      LanesProcess.sleep(Duration.ofSeconds(5));
      rig.note("every http task done, dead letters held back");
      assertThat(rig.doneCount())
          .as("no dead letter got through while the topic refused writes")
          .isEqualTo(HTTP_TASKS);

      setMaxMessageBytes(admin, lane.deadLetterTopic(), sizeLimit);
      rig.note("dead-letter topic accepts writes again");
      rig.awaitAllDone(Duration.ofMinutes(3));
      rig.note("drained");
      DrillReport report = rig.finish("dlt-unavailable");

      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(report.deadLettered()).isEqualTo(FATAL_TASKS);
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
    }
  }

  private static String maxMessageBytes(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
        .value();
  }

  private static void setMaxMessageBytes(Admin admin, String topic, String value) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp op =
        new AlterConfigOp(
            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value), AlterConfigOp.OpType.SET);
    admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
  }
}
