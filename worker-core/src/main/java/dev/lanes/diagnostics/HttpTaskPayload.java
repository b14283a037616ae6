package dev.lanes.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.InvalidTaskException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The payload of an {@code http} task, read and checked before any call is made: {@code {"url":
 * "http://127.0.0.1:8080/work", "dependency": "http", "method": "GET", "timeoutMs": 5000}}. Only
 * {@code url} is required. A wrong field makes the task invalid, so it is never retried.
 */
record HttpTaskPayload(URI url, String dependency, String method, Duration timeout) {

  static final String DEFAULT_DEPENDENCY = "http";
  static final String DEFAULT_METHOD = "GET";
  static final long DEFAULT_TIMEOUT_MS = 5000;
  private static final Set<String> METHODS = Set.of("GET", "POST");
  private static final Set<String> SCHEMES = Set.of("http", "https");

  static HttpTaskPayload read(JsonNode payload) {
    return new HttpTaskPayload(
        url(payload),
        text(payload, "dependency", DEFAULT_DEPENDENCY),
        method(payload),
        Duration.ofMillis(PayloadFields.longField(payload, "timeoutMs", DEFAULT_TIMEOUT_MS, 1)));
  }

  /**
   * {@code url} without user info or query, the parts that may hold credentials: exception messages
   * end up in logs and dead-letter headers.
   */
  static String loggable(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return url.getScheme() + "://" + url.getHost() + port + path;
  }

  private static URI url(JsonNode payload) {
    JsonNode node = payload.get("url");
    if (node == null || node.isNull()) {
      throw new InvalidTaskException("url is required");
    }
    String problem = "url must be an absolute http(s) URL, was " + node;
    if (!node.isTextual()) {
      throw new InvalidTaskException(problem);
    }
    try {
      URI url = new URI(node.textValue());
      if (url.getScheme() == null
          || !SCHEMES.contains(url.getScheme().toLowerCase(Locale.ROOT))
          || url.getHost() == null) {
        throw new InvalidTaskException(problem);
      }
      return url;
    } catch (URISyntaxException e) {
      throw new InvalidTaskException(problem, e);
    }
  }

  private static String method(JsonNode payload) {
    String method = text(payload, "method", DEFAULT_METHOD);
    if (!METHODS.contains(method)) {
      throw new InvalidTaskException("method must be GET or POST, was " + payload.get("method"));
    }
    return method;
  }

  private static String text(JsonNode payload, String field, String fallback) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new InvalidTaskException(field + " must be a non-blank string, was " + node);
    }
    return node.textValue();
  }
}
