package dev.lanes.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code lanes} executable. For now it runs the demo: the full command line (produce, worker,
 * dead-letter inspection) comes later.
 */
public final class LanesMain {

  static final String USAGE =
      """
      usage: lanes [demo] [--tasks N] [--bootstrap-servers HOST:PORT]

        demo                   start a local broker (unless --bootstrap-servers or
                               KAFKA_BOOTSTRAP_SERVERS is given), run the realtime and batch
                               lanes, produce a mix of diagnostic tasks, print what each lane
                               processed, and exit (the default command)
        --tasks N              tasks per lane (default %d)
        --bootstrap-servers    use this Kafka cluster instead of a local broker
      """
          .formatted(DemoOptions.DEFAULT_TASKS_PER_LANE);

  private LanesMain() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args, System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
    } catch (IllegalArgumentException e) {
      err.println("lanes: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    return new DemoCommand(options, out).run();
  }
}
