package dev.lanes.internal.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * Who this worker is in its fleet reports: what stays the same from its start to its stop.
 *
 * @param zone the {@code client.rack} of its consumers, or null
 */
public record WorkerIdentity(
    String workerId,
    String host,
    String zone,
    String version,
    Instant startedAt,
    Duration interval) {

  /** Reported when the classes do not come from a released jar, e.g. in the IDE or tests. */
  static final String DEV_VERSION = "dev";

  /** This process: host from {@code HOSTNAME}, version from the jar. */
  public static WorkerIdentity of(
      String workerId, String zone, Instant startedAt, Duration interval) {
    return new WorkerIdentity(
        workerId,
        // No DNS lookup that could hang: HOSTNAME is the pod or container name where it matters.
        System.getenv().getOrDefault("HOSTNAME", "localhost"),
        zone,
        runningVersion(),
        startedAt,
        interval);
  }

  private static String runningVersion() {
    String version = WorkerIdentity.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? DEV_VERSION : version;
  }
}
