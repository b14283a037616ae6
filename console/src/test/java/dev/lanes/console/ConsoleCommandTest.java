package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.app.LanesMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lanes console}'s options: what it refuses, and how it says so (exit 2). */
class ConsoleCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    List<String> line = new java.util.ArrayList<>(List.of("console"));
    line.addAll(List.of("--bootstrap-server", "127.0.0.1:1"));
    line.addAll(List.of(args));
    return LanesMain.run(
        line,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void isFoundOnTheClassPathAndDocumentsItsOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--port")
        .contains("default: 8090")
        .contains("--bind")
        .contains("default: 127.0.0.1")
        .contains("--timeout")
        .contains("default: 5s")
        .contains("--bootstrap-server")
        .contains("--config");
  }

  @Test
  void portOutOfRangeIsUsageErrorNamingIt() {
    assertThat(run("--port", "70000")).isEqualTo(2);
    assertThat(err()).contains("--port must be 0..65535, was 70000");
  }

  @Test
  void timeoutUnderASecondIsUsageErrorNamingIt() {
    assertThat(run("--timeout", "500ms")).isEqualTo(2);
    assertThat(err()).contains("--timeout must be at least 1s, was 500ms");
  }

  @Test
  void portInUseIsUsageErrorNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThat(run("--port", String.valueOf(port))).isEqualTo(2);
      assertThat(err()).contains("cannot listen on port " + port + " of 127.0.0.1");
    }
  }

  @Test
  void aConfigFileThatDoesNotExistIsUsageError() {
    assertThat(run("--config", "/no/such/lanes.yaml")).isEqualTo(2);
    assertThat(err()).contains("/no/such/lanes.yaml");
  }
}
