package dev.lanes.internal.forward;

import dev.lanes.LanesHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes the numeric runtime headers, which are decimal ASCII. */
public final class HeaderValues {

  private HeaderValues() {}

  /**
   * The header's value as a number, or {@code fallback} when it is absent or not a decimal number.
   * Parses the bytes in place: this runs for every record of a retry topic.
   */
  public static long longValue(Headers headers, String name, long fallback) {
    Header header = headers.lastHeader(name);
    if (header == null) {
      return fallback;
    }
    byte[] bytes = header.value();
    // 18 digits cannot overflow a long; epoch milliseconds have 13.
    if (bytes == null || bytes.length == 0 || bytes.length > 18) {
      return fallback;
    }
    long value = 0;
    for (byte b : bytes) {
      if (b < '0' || b > '9') {
        return fallback;
      }
      value = value * 10 + (b - '0');
    }
    return value;
  }

  /** The attempt a record stands for: 1 unless a retry header says otherwise. */
  public static int attempt(Headers headers) {
    long attempt = longValue(headers, LanesHeaders.ATTEMPT, 1);
    return attempt < 1 || attempt > Integer.MAX_VALUE ? 1 : (int) attempt;
  }

  static byte[] encode(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }
}
