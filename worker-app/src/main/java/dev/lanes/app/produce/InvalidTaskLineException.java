package dev.lanes.app.produce;

/** A line of task input that is not a task; its message starts with {@code line <n>:}. */
public final class InvalidTaskLineException extends RuntimeException {

  private final int line;

  InvalidTaskLineException(int line, String problem, Throwable cause) {
    super("line " + line + ": " + problem, cause);
    this.line = line;
  }

  /** The 1-based line number, counting blank and comment lines. */
  public int line() {
    return line;
  }
}
