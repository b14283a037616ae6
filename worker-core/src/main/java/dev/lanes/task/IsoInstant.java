package dev.lanes.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
  private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Days from 0000-03-01 to 1970-01-01, for {@link #epochDay}. */
  private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;

  private IsoInstant() {}

  /**
   * @throws java.time.DateTimeException when the text is not an ISO-8601 instant, exactly as {@link
   *     Instant#parse} would
   */
  static Instant parse(String text) {
    // A character beyond Latin-1 becomes '?', which the UTC form has nowhere.
    Instant utc =
        text.length() <= 30
            ? utc(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length())
            : null;
    return utc != null ? utc : Instant.parse(text);
  }

  /**
   * The instant written as ASCII in {@code bytes[from, to)}, read in place when it is the UTC form.
   *
   * @throws java.time.DateTimeException when the text is not an ISO-8601 instant
   */
  static Instant parse(byte[] bytes, int from, int to) {
    Instant utc = utc(bytes, from, to);
    return utc != null
        ? utc
        : Instant.parse(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /** The instant in the UTC form, or null for any other form or a date that does not exist. */
  private static Instant utc(byte[] b, int from, int to) {
    int length = to - from;
    if (length < 20
        || length > 30
        || length == 21
        || b[from + 4] != '-'
        || b[from + 7] != '-'
        || b[from + 10] != 'T'
        || b[from + 13] != ':'
        || b[from + 16] != ':'
        || b[to - 1] != 'Z'
        || (length > 20 && b[from + 19] != '.')) {
      return null;
    }
    int year = digits(b, from, from + 4);
    int month = digits(b, from + 5, from + 7);
    int day = digits(b, from + 8, from + 10);
    int hour = digits(b, from + 11, from + 13);
    int minute = digits(b, from + 14, from + 16);
    int second = digits(b, from + 17, from + 19);
    int nanos = length > 20 ? digits(b, from + 20, to - 1) * NANO_SCALE[length - 21] : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nanos < 0) {
      return null; // not plain digits: let the full parser explain the problem
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return null; // 24:00 and leap seconds have rules of their own
    }
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      return null; // the full parser names the bad field
    }
    return Instant.ofEpochSecond(
        epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  private static int daysIn(int year, int month) {
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && !leap ? 28 : DAYS_IN_MONTH[month];
  }

  /**
   * Days since 1970-01-01 of a valid date of years 0 to 9999, counted from March so that the leap
   * day falls at the end of a year (H. Hinnant's days_from_civil); LocalDate.of cost as much as all
   * the rest of reading an instant.
   */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year; // -1 for January and February of year 0
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - DAYS_0000_03_01_TO_EPOCH;
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
}
