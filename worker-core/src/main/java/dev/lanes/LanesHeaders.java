package dev.lanes;

import dev.lanes.internal.forward.HeaderValues;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;

/**
 * The headers the runtime puts on records it forwards to retry and dead-letter topics. Every name
 * starts with {@link #PREFIX}; on each hop all of them are replaced, never appended, so headers
 * stay bounded however often a record travels. Numbers and times are decimal ASCII (times in epoch
 * milliseconds), readable with {@code kafka-console-consumer --property print.headers=true}.
 */
public final class LanesHeaders {

  /** Headers with this prefix belong to the runtime; all others are the user's and travel as-is. */
  public static final String PREFIX = "lanes.";

  /**
   * A {@code lanes.} header that arrived on a main-topic record travels on under this prefix (so
   * {@code lanes.attempt} becomes {@code lanes.foreign.lanes.attempt}): only the runtime writes
   * {@code lanes.} headers, and only on retry and dead-letter topics, so the runtime never acts on
   * these, but keeps them for diagnosis.
   */
  public static final String FOREIGN_PREFIX = "lanes.foreign.";

  /** Topic of the record as first produced (the lane's main topic, usually). */
  public static final String ORIGINAL_TOPIC = "lanes.original.topic";

  public static final String ORIGINAL_PARTITION = "lanes.original.partition";
  public static final String ORIGINAL_OFFSET = "lanes.original.offset";

  /** Timestamp of the record as first produced. */
  public static final String ORIGINAL_TIMESTAMP = "lanes.original.timestamp";

  /** On a retry record: the attempt it will be. On a dead letter: the attempts made. */
  public static final String ATTEMPT = "lanes.attempt";

  /** When the first attempt failed. */
  public static final String FIRST_FAILURE = "lanes.first-failure";

  /** Retry records only: the earliest time the next attempt may run. */
  public static final String DUE = "lanes.due";

  /** Retry records only: the delay chosen, in milliseconds (after jitter). */
  public static final String DELAY = "lanes.delay-ms";

  /** retryable, fatal, exhausted or expired. */
  public static final String CATEGORY = "lanes.category";

  /** Dead letters only: why, as a short tag (exhausted, fatal, expired, not_json, ...). */
  public static final String REASON = "lanes.reason";

  public static final String EXCEPTION_CLASS = "lanes.exception.class";

  /** The failure's message, truncated to {@link #MAX_MESSAGE_CHARS}. */
  public static final String EXCEPTION_MESSAGE = "lanes.exception.message";

  /** The failure's stack trace, truncated to {@link #MAX_STACKTRACE_CHARS}. */
  public static final String EXCEPTION_STACKTRACE = "lanes.exception.stacktrace";

  /** The consumer group of the lane that forwarded the record. */
  public static final String GROUP = "lanes.group";

  /** The worker process that forwarded the record. */
  public static final String WORKER = "lanes.worker";

  /** Set by a replay from the dead-letter topic: where the replayed record came from. */
  public static final String REPLAYED_FROM = "lanes.replayed-from";

  public static final int MAX_MESSAGE_CHARS = 1024;
  public static final int MAX_STACKTRACE_CHARS = 4096;

  private LanesHeaders() {}

  /**
   * The last {@code name} header as a number, e.g. {@link #ATTEMPT} or {@link #FIRST_FAILURE}:
   * empty when it is absent or not a decimal number (a record written by hand, say).
   */
  public static OptionalLong number(Headers headers, String name) {
    long value = HeaderValues.longValue(headers, name, -1);
    // the runtime writes no negative numbers: -1 can only mean absent or unreadable
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
