package dev.lanes.app;

/** A command was given something it cannot use (a bad file, a bad value): exit code 2. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
