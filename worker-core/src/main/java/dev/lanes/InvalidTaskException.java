package dev.lanes;

/**
 * The task's payload fails validation: a missing field, a value out of range. The same payload
 * fails every attempt, so it is never retried.
 */
public class InvalidTaskException extends NonRetryableException {

  public InvalidTaskException(String message) {
    super(message);
  }

  public InvalidTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
