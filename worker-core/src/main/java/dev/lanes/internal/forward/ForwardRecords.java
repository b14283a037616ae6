package dev.lanes.internal.forward;

import dev.lanes.LanesHeaders;
import dev.lanes.retry.Destination;
import dev.lanes.retry.FailureCategory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the record that carries a failed task to a retry or dead-letter topic: the source's key,
 * value and user headers unchanged, the runtime's headers replaced. {@code lanes.} headers on a
 * main-topic record are not the runtime's ({@link HeaderTrust}): they travel on renamed under
 * {@link LanesHeaders#FOREIGN_PREFIX}, for diagnosis, and the runtime writes its own beside them.
 * It goes to the same partition number as its source, which the topic layout check makes safe (same
 * partition counts). No I/O.
 */
public final class ForwardRecords {

  private final String group;
  private final String worker;
  private final HeaderTrust trust;

  public ForwardRecords(String group, String worker, HeaderTrust trust) {
    this.group = group;
    this.worker = worker;
    this.trust = trust;
  }

  /**
   * @param attempt the attempt that failed
   * @param error why; for a record that is not a task, the decoding error
   * @param diagnostics false leaves out the exception message and stack trace, the headers that can
   *     be dropped when a record is too large to forward with them
   */
  public ProducerRecord<byte[], byte[]> build(
      ConsumerRecord<byte[], byte[]> source,
      String topic,
      Destination destination,
      int attempt,
      Throwable error,
      long nowMillis,
      boolean diagnostics) {
    Headers headers = new RecordHeaders();
    boolean trusted = trust.trusts(source);
    for (Header header : source.headers()) {
      String key = header.key();
      if (!key.startsWith(LanesHeaders.PREFIX) || key.startsWith(LanesHeaders.FOREIGN_PREFIX)) {
        headers.add(header);
      } else if (!trusted) {
        // Renamed, not dropped: nothing a user produced may vanish. Only the first hop renames,
        // later hops carry these forward as they are, so headers stay bounded.
        headers.add(LanesHeaders.FOREIGN_PREFIX + key, header.value());
      }
    }
    addOrigin(headers, source, trusted, nowMillis);
    if (destination instanceof Destination.Retry retry) {
      headers.add(LanesHeaders.ATTEMPT, HeaderValues.encode(retry.nextAttempt()));
      headers.add(LanesHeaders.DUE, HeaderValues.encode(retry.dueAtMillis()));
      headers.add(LanesHeaders.DELAY, HeaderValues.encode(retry.delay().toMillis()));
      headers.add(LanesHeaders.CATEGORY, utf8(FailureCategory.RETRYABLE.tag()));
    } else if (destination instanceof Destination.DeadLetter deadLetter) {
      headers.add(LanesHeaders.ATTEMPT, HeaderValues.encode(attempt));
      headers.add(LanesHeaders.CATEGORY, utf8(deadLetter.category().tag()));
      headers.add(LanesHeaders.REASON, utf8(deadLetter.reason()));
    }
    headers.add(LanesHeaders.EXCEPTION_CLASS, utf8(error.getClass().getName()));
    if (diagnostics) {
      String message = String.valueOf(error.getMessage());
      headers.add(
          LanesHeaders.EXCEPTION_MESSAGE, utf8(truncate(message, LanesHeaders.MAX_MESSAGE_CHARS)));
      headers.add(
          LanesHeaders.EXCEPTION_STACKTRACE,
          utf8(truncate(stackTrace(error), LanesHeaders.MAX_STACKTRACE_CHARS)));
    }
    headers.add(LanesHeaders.GROUP, utf8(group));
    headers.add(LanesHeaders.WORKER, utf8(worker));
    return new ProducerRecord<>(
        topic, source.partition(), null, source.key(), source.value(), headers);
  }

  /** The first hop records where the task came from; later hops carry that forward. */
  private static void addOrigin(
      Headers headers, ConsumerRecord<byte[], byte[]> source, boolean trusted, long nowMillis) {
    Headers incoming = trusted ? source.headers() : new RecordHeaders();
    Header originalTopic = incoming.lastHeader(LanesHeaders.ORIGINAL_TOPIC);
    if (originalTopic != null) {
      headers.add(originalTopic);
      copy(incoming, headers, LanesHeaders.ORIGINAL_PARTITION);
      copy(incoming, headers, LanesHeaders.ORIGINAL_OFFSET);
      copy(incoming, headers, LanesHeaders.ORIGINAL_TIMESTAMP);
    } else {
      headers.add(LanesHeaders.ORIGINAL_TOPIC, utf8(source.topic()));
      headers.add(LanesHeaders.ORIGINAL_PARTITION, HeaderValues.encode(source.partition()));
      headers.add(LanesHeaders.ORIGINAL_OFFSET, HeaderValues.encode(source.offset()));
      headers.add(LanesHeaders.ORIGINAL_TIMESTAMP, HeaderValues.encode(source.timestamp()));
    }
    Header firstFailure = incoming.lastHeader(LanesHeaders.FIRST_FAILURE);
    headers.add(
        firstFailure != null
            ? firstFailure
            : new RecordHeader(LanesHeaders.FIRST_FAILURE, HeaderValues.encode(nowMillis)));
  }

  private static void copy(Headers from, Headers to, String name) {
    Header header = from.lastHeader(name);
    if (header != null) {
      to.add(header);
    }
  }

  static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    String marker = "...[truncated]";
    return text.substring(0, maxChars - marker.length()) + marker;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
