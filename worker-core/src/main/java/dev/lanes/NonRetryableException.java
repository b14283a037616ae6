package dev.lanes;

/**
 * A failure that retrying cannot fix (a business rule violation, a task that can never succeed). A
 * task failing with it, or with an exception it causes, skips its remaining attempts and goes
 * straight to the dead-letter topic.
 */
public class NonRetryableException extends RuntimeException {

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
