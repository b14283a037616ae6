package dev.lanes.diagnostics;

import java.net.URI;

/**
 * An HTTP dependency answered with a status that says it is failing (5xx, 408, 429, or anything
 * else that is neither a success nor a client error). Transient: the task is retried, and the
 * dependency's breaker counts it as a failure.
 */
public final class DependencyStatusException extends RuntimeException {

  private final int status;
  private final URI url;

  DependencyStatusException(int status, URI url) {
    super(HttpTaskPayload.loggable(url) + " answered " + status);
    this.status = status;
    this.url = url;
  }

  public int status() {
    return status;
  }

  public URI url() {
    return url;
  }
}
