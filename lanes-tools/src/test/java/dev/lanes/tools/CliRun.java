package dev.lanes.tools;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanes.app.LanesMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code lanes} command lines in this JVM, the tools on the class path as in the full
 * distribution, and keeps what they printed.
 */
final class CliRun {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private int exitCode = -1;

  static CliRun of(String... args) {
    CliRun run = new CliRun();
    run.exitCode =
        LanesMain.run(
            List.of(args),
            new PrintStream(run.out, true, UTF_8),
            new PrintStream(run.err, true, UTF_8),
            Map.of());
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
}
