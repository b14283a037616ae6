package dev.lanes.app;

/** A command was given something it cannot use (a bad file, a bad value): exit code 2. */
public final class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
