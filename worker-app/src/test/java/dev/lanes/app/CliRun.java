package dev.lanes.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@code lanes} command lines in this JVM and keeps what they printed. */
final class CliRun {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private int exitCode = -1;

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  static CliRun of(Map<String, String> env, String... args) {
    CliRun run = new CliRun();
    run.exitCode =
        LanesMain.run(
            List.of(args),
            new PrintStream(run.out, true, UTF_8),
            new PrintStream(run.err, true, UTF_8),
            env);
    return run;
  }

  int exitCode() {
    return exitCode;
  }

  String out() {
    return out.toString(UTF_8);
  }

  String err() {
    return err.toString(UTF_8);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out() + "--- err\n" + err();
  }

  /** A config file for one lane with quick retries, on a one-broker cluster. */
  static Path laneConfig(Path dir, String lane, int partitions) {
    String yaml =
        """
        topics:
          replication-factor: 1
          min-insync-replicas: 1
        lanes:
          %s:
            partitions: %d
            retention: 1h
            threads: 2
            retry:
              max-attempts: 2
              initial-delay: 100ms
              multiplier: 1
              max-delay: 100ms
              jitter: none
        dependencies:
          http:
            breaker: none        # failures take the retry ladder, so a run can drain and exit
        """
            .formatted(lane, partitions);
    try {
      Path file = dir.resolve(lane + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
