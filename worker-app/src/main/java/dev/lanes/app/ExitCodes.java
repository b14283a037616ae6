package dev.lanes.app;

/** The executable's exit codes, like Kafka's own tools: 0 ok, 1 failed, 2 bad usage. */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
