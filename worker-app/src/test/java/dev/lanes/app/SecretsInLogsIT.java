package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@KafkaTest
class SecretsInLogsIT {

  private static final String PASSWORD = "pa55-word-do-not-print";
  private static final String JAAS_SECRET = "jaas-secret-do-not-print";
  private static final String ENV_SECRET = "env-secret-do-not-print";

  @TempDir Path dir;

  @Test
  void noSecretFromTheConfigAppearsInOutputOrLogsAtAnyLevel(TestKafka kafka) throws Exception {
    String lane = kafka.uniqueName("secret");
    Path config = dir.resolve("lanes.yaml");
    // Accepted by every client and unused on a PLAINTEXT listener: the connection still works.
    Files.writeString(
        config,
        """
        kafka:
          properties:
            ssl.key.password: %s
            sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="%s";
        topics:
          replication-factor: 1
          min-insync-replicas: 1
        lanes:
          %s:
            partitions: 1
            retention: 1h
        """
            .formatted(PASSWORD, JAAS_SECRET, lane));
    Map<String, String> env = Map.of("LANES_KAFKA_SSL_TRUSTSTORE_PASSWORD", ENV_SECRET);
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.TRACE);
    CliRun show;
    CliRun apply;
    try {
      show = CliRun.of(env, "config", "show", "--config", config.toString());
      apply =
          CliRun.of(
              env,
              "topics",
              "apply",
              "--config",
              config.toString(),
              "--bootstrap-server",
              kafka.bootstrapServers());
    } finally {
      root.setLevel(level);
      root.detachAppender(logs);
    }

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out()).contains("ssl.key.password").contains("******");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(logs.list).as("something was logged at all").isNotEmpty();
    StringBuilder everything = new StringBuilder(show.toString()).append(apply);
    for (ILoggingEvent event : logs.list) {
      everything.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        everything.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertThat(everything.toString())
        .doesNotContain(PASSWORD)
        .doesNotContain(JAAS_SECRET)
        .doesNotContain(ENV_SECRET);
  }
}
