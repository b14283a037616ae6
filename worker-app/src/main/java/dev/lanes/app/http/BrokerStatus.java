package dev.lanes.app.http;

import java.util.Objects;

/**
 * Whether the broker answered, and if not, why, in one line.
 *
 * @param reachable whether the cluster described itself in time
 * @param reason why it is unreachable; empty when reachable
 */
public record BrokerStatus(boolean reachable, String reason) {

  public static final BrokerStatus REACHABLE = new BrokerStatus(true, "");

  // Room for a client exception's message; a stack of causes belongs in the log, not in a probe.
  private static final int MAX_REASON_LENGTH = 300;

  public BrokerStatus {
    Objects.requireNonNull(reason, "reason");
    reason = oneLine(reason);
    if (!reachable && reason.isEmpty()) {
      throw new IllegalArgumentException("reason must not be blank when unreachable, was ''");
    }
  }

  public static BrokerStatus unreachable(String reason) {
    return new BrokerStatus(false, reason);
  }

  /** {@code reachable}, or {@code unreachable: <reason>}. */
  public String describe() {
    return reachable ? "reachable" : "unreachable: " + reason;
  }

  private static String oneLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH) + "…";
  }
}
