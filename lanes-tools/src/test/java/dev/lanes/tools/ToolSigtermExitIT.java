package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-running tools end on SIGTERM or Ctrl-C; that is their normal stop, so they exit 0 like
 * {@code lanes run}, not with the signal's 143. Runs the packaged full distribution.
 */
@Timeout(180)
class ToolSigtermExitIT {

  private static final Path JAR = Path.of("target", "lanes-tools.jar");

  @TempDir Path dir;

  @Test
  void fakeDependencyExitsZeroOnSigterm() throws Exception {
    assertThat(stopOnSigterm("fake dependency listening", "fake-dependency", "--port", "0"))
        .isZero();
  }

  @Test
  void consoleExitsZeroOnSigterm() throws Exception {
    assertThat(
            stopOnSigterm(
                "console: http://127.0.0.1:",
                "console",
                "--port",
                "0",
                "--bootstrap-server",
                "127.0.0.1:1"))
        .isZero();
  }

  @Test
  void brokerExitsZeroOnSigtermAfterItStopped() throws Exception {
    assertThat(
            stopOnSigterm(
                "broker ready",
                "broker",
                "--port",
                String.valueOf(FreePort.find()),
                "--data-dir",
                dir.resolve("broker").toString()))
        .isZero();
  }

  /** Starts the tool, waits for {@code ready} on its stdout, sends SIGTERM, returns its status. */
  private int stopOnSigterm(String ready, String... args) throws Exception {
    assertThat(JAR).as("the packaged full distribution").exists();
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectError(Files.createFile(dir.resolve("stderr-" + args[0])).toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null && !line.contains(ready)) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("never ready; stdout:%n%s", seen).isNotNull();
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
      return process.exitValue();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port free right now: the broker takes a fixed port. */
  private static final class FreePort {
    static int find() throws IOException {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
