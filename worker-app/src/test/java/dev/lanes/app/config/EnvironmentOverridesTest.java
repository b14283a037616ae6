package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

  private static final LanesConfig FILE =
      LanesConfig.fromYaml(
          """
          kafka:
            bootstrap-servers: file:9092
            properties:
              security.protocol: PLAINTEXT
          lanes:
            realtime: {partitions: 6, retention: 1d, threads: 4}
            bulk-io: {partitions: 3, retention: 1d, threads: 2}
            batch: {partitions: 12, retention: 7d}
          """,
          "env.yaml");

  @Test
  void bootstrapServersFromTheEnvironmentWinOverTheFile() {
    assertThat(
            FILE.withEnvironment(Map.of("LANES_BOOTSTRAP_SERVERS", " env:9092 "))
                .bootstrapServers())
        .contains("env:9092");
  }

  @Test
  void httpPortFromTheEnvironment() {
    assertThat(FILE.withEnvironment(Map.of("LANES_HTTP_PORT", "9191")).httpPort()).isEqualTo(9191);
  }

  @Test
  void kafkaVariablesBecomeLowerCaseDottedPropertiesAndOverrideTheFile() {
    LanesConfig config =
        FILE.withEnvironment(
            Map.of(
                "LANES_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "LANES_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required password=\"p\";"));

    assertThat(config.kafkaProperties())
        .containsExactly(
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.jaas.config", "PlainLoginModule required password=\"p\";"));
  }

  @Test
  void laneThreadsAreNamedByTheUpperCasedLaneWithDashesAsUnderscores() {
    LanesConfig config =
        FILE.withEnvironment(
            Map.of("LANES_LANE_BULK_IO_THREADS", "16", "LANES_LANE_REALTIME_THREADS", "1"));

    assertThat(config.lane("bulk-io").threads()).isEqualTo(16);
    assertThat(config.lane("realtime").threads()).isEqualTo(1);
    assertThat(config.lane("batch")).isEqualTo(FILE.lane("batch"));
  }

  @Test
  void lanesVariableRunsOnlyTheNamedLanesInTheFilesOrder() {
    LanesConfig config =
        FILE.withEnvironment(
            Map.of("LANES_LANES", "batch, realtime,", "LANES_LANE_BULK_IO_THREADS", "16"));

    assertThat(config.laneNames()).containsExactly("realtime", "batch");
    assertThat(config.catalog().lanes()).hasSize(2);
  }

  @Test
  void blankLauncherAndForeignVariablesChangeNothing() {
    LanesConfig config =
        FILE.withEnvironment(
            Map.of(
                "LANES_HTTP_PORT", " ",
                "LANES_LANES", "",
                "LANES_JAVA_OPTS", "-Xmx1g",
                "LANES_WORKER_ID", "worker-0",
                "PATH", "/usr/bin",
                "KAFKA_BOOTSTRAP_SERVERS", "other:9092"));

    assertThat(config).isEqualTo(FILE);
  }

  @Test
  void consoleTokenIsForLanesConsoleAndAcceptedAndIgnoredHere() {
    assertThat(FILE.withEnvironment(Map.of("LANES_CONSOLE_TOKEN", "s3cret"))).isEqualTo(FILE);
  }

  @Test
  void unknownLanesVariableIsAnErrorListingTheAcceptedOnes() {
    assertThatThrownBy(
            () -> FILE.withEnvironment(Map.of("LANES_THREADS", "4", "LANES_HTTP_PORT", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "environment: unknown variable LANES_THREADS (accepted: LANES_BOOTSTRAP_SERVERS,"
                + " LANES_HTTP_PORT, LANES_LANES, LANES_KAFKA_<PROPERTY>,"
                + " LANES_LANE_<LANE>_THREADS, LANES_WORKER_ID, LANES_CONSOLE_TOKEN,"
                + " LANES_JAVA_OPTS, LANES_CONFIG)");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment: LANES_HTTP_PORT: must be a whole number, was 'eighty'");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_HTTP_PORT", "70000")))
        .hasMessage(
            "environment: LANES_HTTP_PORT: http.port must be 0..65535 (0: any free port), was 70000");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_LANE_REALTIME_THREADS", "0")))
        .hasMessage(
            "environment: LANES_LANE_REALTIME_THREADS: lanes.realtime.threads must be >= 1, was 0");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_LANE_EMAILS_THREADS", "2")))
        .hasMessage(
            "environment: LANES_LANE_EMAILS_THREADS: names no configured lane (configured:"
                + " [LANES_LANE_REALTIME_THREADS, LANES_LANE_BULK_IO_THREADS,"
                + " LANES_LANE_BATCH_THREADS])");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_LANES", "realtime,emails")))
        .hasMessage(
            "environment: LANES_LANES: no lane 'emails' is configured"
                + " (configured: [realtime, bulk-io, batch])");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_KAFKA_BOOTSTRAP_SERVERS", "x:1")))
        .hasMessageStartingWith(
            "environment: LANES_KAFKA_BOOTSTRAP_SERVERS: kafka.properties.bootstrap.servers is"
                + " not allowed here");
  }

  @Test
  void kubernetesServiceLinkVariablesOfLanesServicesAreIgnored() {
    Map<String, String> kubelet =
        Map.ofEntries(
            Map.entry("LANES_BATCH_SERVICE_HOST", "10.96.0.11"),
            Map.entry("LANES_BATCH_SERVICE_PORT", "8080"),
            Map.entry("LANES_BATCH_SERVICE_PORT_HTTP", "8080"),
            Map.entry("LANES_BATCH_PORT", "tcp://10.96.0.11:8080"),
            Map.entry("LANES_BATCH_PORT_8080_TCP", "tcp://10.96.0.11:8080"),
            Map.entry("LANES_BATCH_PORT_8080_TCP_PROTO", "tcp"),
            Map.entry("LANES_BATCH_PORT_8080_TCP_PORT", "8080"),
            Map.entry("LANES_BATCH_PORT_8080_TCP_ADDR", "10.96.0.11"),
            Map.entry("LANES_REALTIME_SERVICE_HOST", "10.96.0.12"),
            Map.entry("LANES_REALTIME_PORT", "tcp://10.96.0.12:8080"),
            Map.entry("LANES_REALTIME_PORT_8080_TCP_ADDR", "10.96.0.12"));

    assertThat(FILE.withEnvironment(kubelet)).isEqualTo(FILE);
  }

  @Test
  void settingsThatLookLikeServiceLinksStillApplyAndTyposStillFail() {
    Map<String, String> environment =
        Map.of("LANES_HTTP_PORT", "9191", "LANES_REALTIME_PORT", "tcp://10.96.0.12:8080");
    assertThat(FILE.withEnvironment(environment).httpPort()).isEqualTo(9191);

    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_HTTP_PROT", "9191")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("environment: unknown variable LANES_HTTP_PROT");
    assertThatThrownBy(() -> FILE.withEnvironment(Map.of("LANES_HTPP_PORT", "9191")))
        .as("a service link's name, but not its tcp://host:port value")
        .hasMessageStartingWith("environment: unknown variable LANES_HTPP_PORT");
  }
}
