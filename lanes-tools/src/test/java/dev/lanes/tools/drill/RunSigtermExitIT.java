package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README promises exit 0 on success: a clean SIGTERM drain is one. */
@KafkaTest
class RunSigtermExitIT {

  @TempDir Path dir;

  @Test
  void runExitsZeroAfterACleanSigtermDrain(TestKafka kafka) throws IOException {
    String lane = kafka.uniqueName("sigterm-exit");
    Path config = dir.resolve("lanes.yaml");
    Files.writeString(
        config,
        """
        topics:
          replication-factor: 1
          min-insync-replicas: 1
        lanes:
          %s:
            partitions: 1
            retention: 1h
            threads: 1
        """
            .formatted(lane));
    LanesProcess worker =
        LanesProcess.start(
            "worker",
            dir,
            List.of(
                "run",
                "--bootstrap-server",
                kafka.bootstrapServers(),
                "--config",
                config.toString(),
                "--http-port",
                "0"));
    worker.awaitOutput("lanes: running lanes [" + lane + "]", Duration.ofSeconds(60));

    int exit = worker.terminate(Duration.ofSeconds(60));

    assertThat(exit).as(worker.output()).isZero();
    assertThat(worker.output())
        .contains("lanes: stopping: draining in-flight tasks and committing")
        .containsPattern("(?m)^" + lane + "\\s+0\\s+0\\s+0\\s+0$");
  }
}
