package dev.lanes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs iproute2's {@code ip} and returns its output; a failure names the command and its words. */
final class IpCommand {

  private static final long TIMEOUT_SECONDS = 20;

  // /usr/sbin is not on every PATH (a CI shell, a Maven fork), but the command lives there.
  private static final List<String> LOCATIONS = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip");

  private IpCommand() {}

  /** The {@code ip} executable: its usual absolute path when there, else {@code ip} on PATH. */
  static String executable() {
    return LOCATIONS.stream()
        .filter(path -> Files.isExecutable(Path.of(path)))
        .findFirst()
        .orElse("ip");
  }

  /** Runs {@code ip <args>}; throws {@link IllegalStateException} with its output if it fails. */
  static String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // ip prints little; reading before waiting cannot block on a full pipe for long.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed (exit "
                + process.exitValue()
                + "): "
                + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted running " + String.join(" ", command), e);
    }
  }
}
