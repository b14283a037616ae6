package dev.lanes;

/**
 * Thrown by a handler for a failure that retrying cannot fix (bad payload, business rule
 * violation). Such tasks are never retried.
 */
public class FatalTaskException extends RuntimeException {

  public FatalTaskException(String message) {
    super(message);
  }

  public FatalTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
