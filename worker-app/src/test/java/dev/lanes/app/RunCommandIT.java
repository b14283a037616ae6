package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KafkaTest
class RunCommandIT {

  @TempDir Path dir;

  @Test
  void topicsApplyThenRunProcessesTheBacklogAndPrintsTheCounts(TestKafka kafka) {
    String lane = kafka.uniqueName("cli");
    Path config = CliRun.laneConfig(dir, lane, 2);
    String bootstrap = kafka.bootstrapServers();

    CliRun describeBefore =
        CliRun.of(
            "topics", "describe", "--bootstrap-server", bootstrap, "--config", config.toString());
    assertThat(describeBefore.exitCode()).as(describeBefore.toString()).isEqualTo(1);
    assertThat(describeBefore.out()).contains("missing=[tasks." + lane);

    CliRun apply =
        CliRun.of(
            "topics", "apply", "--bootstrap-server", bootstrap, "--config", config.toString());
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("created=[tasks." + lane + ", tasks." + lane + ".retry.1");
    // Created here or by an earlier test of the shared broker: either way, apply covers them.
    assertThat(apply.out()).contains(TopicNames.FLEET, TopicNames.DEPENDENCIES);

    String topic = "tasks." + lane;
    List<ProducerRecord<String, String>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(new ProducerRecord<>(topic, null, "{\"type\":\"noop\",\"id\":\"ok-" + i + "\"}"));
    }
    tasks.add(
        new ProducerRecord<>(topic, null, "{\"type\":\"fail\",\"payload\":{\"fatal\":true}}"));
    tasks.add(new ProducerRecord<>(topic, null, "not a task"));
    kafka.send(topic, tasks);

    CliRun run =
        CliRun.of(
            "run",
            "--bootstrap-server",
            bootstrap,
            "--config",
            config.toString(),
            "--http-port",
            "0",
            "--exit-when-idle",
            "2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("running lanes [" + lane + "]");
    Matcher row =
        Pattern.compile("(?m)^" + lane + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)")
            .matcher(run.out());
    assertThat(row.find()).as(run.toString()).isTrue();
    assertThat(row.group(1)).as("succeeded").isEqualTo("20");
    assertThat(row.group(3)).as("dead letters").isEqualTo("2");
    assertThat(row.group(4)).as("rejected").isEqualTo("1");

    CliRun describeAfter =
        CliRun.of(
            "topics", "describe", "--bootstrap-server", bootstrap, "--config", config.toString());
    assertThat(describeAfter.exitCode()).as(describeAfter.toString()).isZero();
  }

  @Test
  void aBadConfigFileIsAOneLineErrorAndExitCodeTwo() throws Exception {
    Path config = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(config, "lanes:\n  batch:\n    partitions: 3\n    thread: 2\n");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--bootstrap-server", "x:1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("lanes: ").contains("thread").hasLineCount(1);
  }
}
