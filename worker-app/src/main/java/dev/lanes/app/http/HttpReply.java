package dev.lanes.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/** A status, content type and body, ready to send. */
record HttpReply(int status, String contentType, byte[] body) {

  private static final String JSON_CONTENT_TYPE = "application/json";
  private static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
  // snake_case keys (millis_since_last_poll), the way the endpoints are documented for operators.
  private static final ObjectMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** {@code report} as JSON, with the HTTP status of its verdict. */
  static HttpReply json(HealthStatus status, Object report) {
    try {
      return new HttpReply(status.httpCode(), JSON_CONTENT_TYPE, JSON.writeValueAsBytes(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write health report " + report, e);
    }
  }

  static HttpReply text(int status, String body) {
    return text(status, TEXT_CONTENT_TYPE, body);
  }

  static HttpReply text(int status, String contentType, String body) {
    return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
