package dev.lanes.app;

/** The executable's exit codes, like Kafka's own tools: 0 ok, 1 failed, 2 bad usage. */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}
}
