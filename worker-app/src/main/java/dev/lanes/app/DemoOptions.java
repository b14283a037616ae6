package dev.lanes.app;

import java.util.List;

/**
 * The demo's command-line options.
 *
 * @param tasksPerLane tasks produced to each lane
 * @param bootstrapServers an external cluster, or null for the local embedded broker
 * @param help whether usage was asked for
 */
record DemoOptions(int tasksPerLane, String bootstrapServers, boolean help) {

  static final int DEFAULT_TASKS_PER_LANE = 300;

  DemoOptions {
    if (tasksPerLane < 1 || tasksPerLane > 1_000_000) {
      throw new IllegalArgumentException(
          "--tasks must be between 1 and 1000000, was " + tasksPerLane);
    }
  }

  static DemoOptions parse(List<String> args, String bootstrapFromEnv) {
    int tasks = DEFAULT_TASKS_PER_LANE;
    String bootstrap = blankToNull(bootstrapFromEnv);
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "demo" -> {}
        case "-h", "--help", "help" -> help = true;
        case "--tasks" -> tasks = parseTasks(valueOf(args, ++i, arg));
        case "--bootstrap-servers" -> bootstrap = valueOf(args, ++i, arg);
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return new DemoOptions(tasks, bootstrap, help);
  }

  private static String valueOf(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int parseTasks(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--tasks must be a whole number, was " + value, e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
