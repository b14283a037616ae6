package dev.lanes.app.dlt;

import dev.lanes.LanesHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What the runtime wrote on a dead letter about its failure, parsed from the {@code lanes.*}
 * headers. Any field is null when its header is absent or unreadable: a dead letter written by an
 * older runtime, or by hand, still lists.
 *
 * @param attempts the attempts made
 * @param category retryable, fatal, exhausted or expired
 * @param reason short tag: exhausted, fatal, expired, not_json, unknown_type, ...
 * @param exceptionClass fully qualified class name of the failure
 */
public record FailureHeaders(
    Integer attempts,
    String category,
    String reason,
    String exceptionClass,
    String exceptionMessage,
    String stackTrace,
    Instant firstFailure,
    String originalTopic,
    Integer originalPartition,
    Long originalOffset) {

  public static FailureHeaders from(Headers headers) {
    Long attempts = number(headers, LanesHeaders.ATTEMPT);
    Long firstFailure = number(headers, LanesHeaders.FIRST_FAILURE);
    Long originalPartition = number(headers, LanesHeaders.ORIGINAL_PARTITION);
    return new FailureHeaders(
        attempts == null || attempts > Integer.MAX_VALUE ? null : attempts.intValue(),
        text(headers, LanesHeaders.CATEGORY),
        text(headers, LanesHeaders.REASON),
        text(headers, LanesHeaders.EXCEPTION_CLASS),
        text(headers, LanesHeaders.EXCEPTION_MESSAGE),
        text(headers, LanesHeaders.EXCEPTION_STACKTRACE),
        firstFailure == null ? null : Instant.ofEpochMilli(firstFailure),
        text(headers, LanesHeaders.ORIGINAL_TOPIC),
        originalPartition == null || originalPartition > Integer.MAX_VALUE
            ? null
            : originalPartition.intValue(),
        number(headers, LanesHeaders.ORIGINAL_OFFSET));
  }

  /** The exception's class name without its package, e.g. {@code IllegalStateException}. */
  public String exceptionSimpleName() {
    if (exceptionClass == null) {
      return null;
    }
    return exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Long number(Headers headers, String name) {
    OptionalLong value = LanesHeaders.number(headers, name);
    return value.isPresent() ? value.getAsLong() : null;
  }
}
