package dev.lanes.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks JSON syntax over bytes without building anything: where a value, string or number ends.
 * Accepts a strict subset of what Jackson's default parser accepts, so that whatever passes here
 * parses there, to a finite number and within Jackson's default limits; anything unusual fails
 * (returns {@link #FAIL}) and the caller leaves it to Jackson, which names the problem:
 *
 * <ul>
 *   <li>bytes outside ASCII (Jackson's UTF-8 rules are its own to enforce), control characters;
 *   <li>numbers longer than {@value #MAX_NUMBER_CHARS} characters or with an exponent of more than
 *       two digits: those are the only ones that could overflow a double or a long;
 *   <li>nesting deeper than {@value #MAX_DEPTH};
 *   <li>every extension Jackson can be configured to allow: comments, single quotes, NaN, leading
 *       zeros, trailing commas, unquoted names.
 * </ul>
 */
final class JsonSyntax {

  // Reads eight bytes of a byte[] as one long, for skipping plain string bytes a word at a time.
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Returned instead of a position when the bytes are not the common case. */
  static final int FAIL = -1;

  static final int MAX_DEPTH = 200;
  static final int MAX_NUMBER_CHARS = 15;

  private JsonSyntax() {}

  /** The position after the whitespace at {@code p} (JSON's four whitespace bytes only). */
  static int skipWhitespace(byte[] v, int p) {
    while (p < v.length) {
      byte b = v[p];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return p;
      }
      p++;
    }
    return p;
  }

  /** The position after the JSON value that starts at {@code p}, or {@link #FAIL}. */
  static int value(byte[] v, int p, int depth) {
    if (p >= v.length) {
      return FAIL;
    }
    return switch (v[p]) {
      case '"' -> afterString(v, p + 1, false);
      case '{' -> depth >= MAX_DEPTH ? FAIL : afterObject(v, p + 1, depth + 1);
      case '[' -> depth >= MAX_DEPTH ? FAIL : afterArray(v, p + 1, depth + 1);
      case 't' -> afterLiteral(v, p, "true");
      case 'f' -> afterLiteral(v, p, "false");
      case 'n' -> afterLiteral(v, p, "null");
      default -> afterNumber(v, p);
    };
  }

  /**
   * The position of the closing quote of a string whose content starts at {@code p} and holds only
   * printable ASCII without escapes, or {@link #FAIL}: the form of routing fields and names.
   */
  static int plainStringEnd(byte[] v, int p) {
    p = skipPlainWords(v, p);
    while (p < v.length) {
      byte b = v[p];
      if (b == '"') {
        return p;
      }
      if (b < 0x20 || b == '\\') { // negative: not ASCII
        return FAIL;
      }
      p++;
    }
    return FAIL;
  }

  /**
   * Skips whole words of eight string bytes none of which is a quote, a backslash, a control byte
   * or outside ASCII; the byte loops take it from there. Strings (ids, instants, names) are most of
   * an envelope's bytes, and testing them one at a time was half of decoding it.
   */
  private static int skipPlainWords(byte[] v, int p) {
    while (p + Long.BYTES <= v.length) {
      long word = (long) WORDS.get(v, p);
      long quotes = word ^ (ONES * '"');
      long backslashes = word ^ (ONES * '\\');
      // Per byte, the high bit is set where the byte may be one of those (the classic "has a zero
      // byte" and "has a byte less than n" tests); a false alarm only sends a word to the byte
      // loop.
      long special =
          ((quotes - ONES) & ~quotes)
              | ((backslashes - ONES) & ~backslashes)
              | ((word - ONES * 0x20) & ~word)
              | word;
      if ((special & HIGH_BITS) != 0) {
        return p;
      }
      p += Long.BYTES;
    }
    return p;
  }

  /** True when {@code v[p..]} is the literal {@code null}. */
  static boolean isNull(byte[] v, int p) {
    return p + 3 < v.length && v[p] == 'n' && v[p + 1] == 'u' && v[p + 2] == 'l' && v[p + 3] == 'l';
  }

  /**
   * After a string whose content starts at {@code p}: escapes checked, no control characters. In a
   * name, Jackson also checks that escaped surrogates pair up, so a name with any goes to it.
   */
  private static int afterString(byte[] v, int p, boolean name) {
    p = skipPlainWords(v, p);
    while (p < v.length) {
      byte b = v[p];
      if (b == '"') {
        return p + 1;
      }
      if (b < 0x20) { // negative: not ASCII
        return FAIL;
      }
      if (b == '\\') {
        p = afterEscape(v, p + 1, name);
        if (p == FAIL) {
          return FAIL;
        }
      } else {
        p++;
      }
    }
    return FAIL;
  }

  private static int afterEscape(byte[] v, int p, boolean name) {
    if (p >= v.length) {
      return FAIL;
    }
    switch (v[p]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return p + 1;
      }
      case 'u' -> {
        if (p + 4 >= v.length) {
          return FAIL;
        }
        int unit = 0;
        for (int i = p + 1; i <= p + 4; i++) {
          int digit = Character.digit(v[i], 16);
          if (digit < 0) {
            return FAIL;
          }
          unit = unit * 16 + digit;
        }
        return name && Character.isSurrogate((char) unit) ? FAIL : p + 5;
      }
      default -> {
        return FAIL;
      }
    }
  }

  private static int afterObject(byte[] v, int p, int depth) {
    p = skipWhitespace(v, p);
    if (p < v.length && v[p] == '}') {
      return p + 1;
    }
    while (p < v.length && v[p] == '"') {
      p = afterString(v, p + 1, true);
      if (p == FAIL) {
        return FAIL;
      }
      p = skipWhitespace(v, p);
      if (p >= v.length || v[p] != ':') {
        return FAIL;
      }
      p = value(v, skipWhitespace(v, p + 1), depth);
      if (p == FAIL) {
        return FAIL;
      }
      p = skipWhitespace(v, p);
      if (p >= v.length) {
        return FAIL;
      }
      if (v[p] == '}') {
        return p + 1;
      }
      if (v[p] != ',') {
        return FAIL;
      }
      p = skipWhitespace(v, p + 1);
    }
    return FAIL;
  }

  private static int afterArray(byte[] v, int p, int depth) {
    p = skipWhitespace(v, p);
    if (p < v.length && v[p] == ']') {
      return p + 1;
    }
    while (true) {
      p = value(v, p, depth);
      if (p == FAIL) {
        return FAIL;
      }
      p = skipWhitespace(v, p);
      if (p >= v.length) {
        return FAIL;
      }
      if (v[p] == ']') {
        return p + 1;
      }
      if (v[p] != ',') {
        return FAIL;
      }
      p = skipWhitespace(v, p + 1);
    }
  }

  /**
   * After a literal, which must end there: {@code truex} is not JSON (the caller's check for a
   * separator after every value sees to that).
   */
  private static int afterLiteral(byte[] v, int p, String literal) {
    int end = p + literal.length();
    if (end > v.length) {
      return FAIL;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (v[p + i] != literal.charAt(i)) {
        return FAIL;
      }
    }
    return end;
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,2})?, at most MAX_NUMBER_CHARS long. */
  private static int afterNumber(byte[] v, int p) {
    int start = p;
    if (p < v.length && v[p] == '-') {
      p++;
    }
    if (p >= v.length) {
      return FAIL;
    }
    if (v[p] == '0') {
      p++; // a digit after it is a leading zero: the caller finds no separator there
    } else if (isDigit(v[p])) {
      p = afterDigits(v, p);
    } else {
      return FAIL;
    }
    if (p < v.length && v[p] == '.') {
      int fraction = p + 1;
      p = afterDigits(v, fraction);
      if (p == fraction) {
        return FAIL;
      }
    }
    if (p < v.length && (v[p] == 'e' || v[p] == 'E')) {
      p++;
      if (p < v.length && (v[p] == '+' || v[p] == '-')) {
        p++;
      }
      int exponent = p;
      p = afterDigits(v, exponent);
      if (p == exponent || p - exponent > 2) {
        return FAIL; // a three-digit exponent may overflow: Jackson's range check names it
      }
    }
    return p - start > MAX_NUMBER_CHARS ? FAIL : p;
  }

  private static int afterDigits(byte[] v, int p) {
    while (p < v.length && isDigit(v[p])) {
      p++;
    }
    return p;
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
