package dev.lanes.task;

/** A record value that cannot be decoded into a task; carries the reason for metrics and logs. */
public final class MalformedTaskException extends RuntimeException {

  private final RejectionReason reason;

  public MalformedTaskException(RejectionReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public MalformedTaskException(RejectionReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public RejectionReason reason() {
    return reason;
  }
}
