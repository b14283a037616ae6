package dev.lanes.app.http;

/** The verdict of a health endpoint, and the HTTP status that carries it to a probe. */
enum HealthStatus {
  UP(200),
  DOWN(503),
  /** Not yet judged: the runtime is still starting (topics, groups). */
  STARTING(503);

  private final int httpCode;

  HealthStatus(int httpCode) {
    this.httpCode = httpCode;
  }

  static HealthStatus of(boolean up) {
    return up ? UP : DOWN;
  }

  int httpCode() {
    return httpCode;
  }
}
