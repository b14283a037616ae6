package dev.lanes.console.internal;

/**
 * A request the console cannot answer as asked, with the HTTP status that says why and a message
 * for the person reading it: pages show the message (never a stack trace), the API answers {@code
 * {"error": message}}. Services throw it; the server turns it into the answer.
 */
public final class ConsoleProblem extends RuntimeException {

  private final int status;

  private ConsoleProblem(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** 400: a filter, offset or form field that is not valid; the message names it and its value. */
  public static ConsoleProblem badRequest(String message) {
    return new ConsoleProblem(400, message, null);
  }

  /** 404: no such lane, partition or record. */
  public static ConsoleProblem notFound(String message) {
    return new ConsoleProblem(404, message, null);
  }

  /** 503: Kafka did not answer; pages show it as a banner and still render. */
  public static ConsoleProblem kafkaUnavailable(String message, Throwable cause) {
    return new ConsoleProblem(503, message, cause);
  }

  public int status() {
    return status;
  }
}
