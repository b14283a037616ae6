package dev.lanes.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the UTC form {@link Instant#toString()} writes ({@code 2026-11-27T10:00:00.123Z}) without
 * the general formatter, which costs more than the rest of decoding a task; any other form goes to
 * {@link Instant#parse}.
 */
final class IsoInstant {

  private static final int SECONDS_PER_DAY = 86_400;
  private static final int[] NANO_SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private IsoInstant() {}

  /**
   * @throws java.time.DateTimeException when the text is not an ISO-8601 instant, exactly as {@link
   *     Instant#parse} would
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = length > 20 ? digits(text, 20, length - 1) * NANO_SCALE[length - 21] : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nanos < 0) {
      return Instant.parse(text); // not plain digits: let the full parser explain the problem
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return Instant.parse(text); // 24:00 and leap seconds have rules of their own
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /**
   * The instant written as ASCII in {@code bytes[from, to)}: read in place, without a String, when
   * it is the UTC form; any other form goes to {@link #parse(String)}.
   *
   * @throws java.time.DateTimeException when the text is not an ISO-8601 instant
   */
  static Instant parse(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length < 20
        || length > 30
        || length == 21
        || bytes[from + 4] != '-'
        || bytes[from + 7] != '-'
        || bytes[from + 10] != 'T'
        || bytes[from + 13] != ':'
        || bytes[from + 16] != ':'
        || bytes[to - 1] != 'Z'
        || (length > 20 && bytes[from + 19] != '.')) {
      return parse(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }
    int year = digits(bytes, from, from + 4);
    int month = digits(bytes, from + 5, from + 7);
    int day = digits(bytes, from + 8, from + 10);
    int hour = digits(bytes, from + 11, from + 13);
    int minute = digits(bytes, from + 14, from + 16);
    int second = digits(bytes, from + 17, from + 19);
    int nanos = length > 20 ? digits(bytes, from + 20, to - 1) * NANO_SCALE[length - 21] : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nanos < 0) {
      return parse(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return parse(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code bytes[from, to)}, or -1 when a byte is not an ASCII digit. */
  private static int digits(byte[] bytes, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int c = bytes[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The decimal value of {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
