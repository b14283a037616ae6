package dev.lanes.app.dlt;

import java.io.PrintStream;

/**
 * Prints bytes the way {@code hexdump -C} does: offset, 16 bytes in hex, the printable ones as
 * ASCII.
 */
public final class HexDump {

  private static final int BYTES_PER_LINE = 16;

  private HexDump() {}

  static void print(byte[] bytes, PrintStream out) {
    print(bytes, bytes.length, out);
  }

  /** The first {@code limit} bytes (rounded up to a whole line); returns how many it left out. */
  static int print(byte[] bytes, int limit, PrintStream out) {
    int shown = Math.min(bytes.length, Math.max(0, limit));
    for (int start = 0; start < shown; start += BYTES_PER_LINE) {
      out.println(line(bytes, start));
    }
    int printed =
        Math.min(bytes.length, (shown + BYTES_PER_LINE - 1) / BYTES_PER_LINE * BYTES_PER_LINE);
    return bytes.length - printed;
  }

  /**
   * The first {@code limit} bytes (rounded up to a whole line) as lines of text, for a page; {@code
   * bytes.length} minus what it covers is left out.
   */
  public static String dump(byte[] bytes, int limit) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(bytes.length, Math.max(0, limit));
    for (int start = 0; start < shown; start += BYTES_PER_LINE) {
      text.append(line(bytes, start)).append('\n');
    }
    return text.toString();
  }

  static String line(byte[] bytes, int start) {
    StringBuilder hex = new StringBuilder();
    StringBuilder ascii = new StringBuilder();
    for (int i = start; i < start + BYTES_PER_LINE; i++) {
      if (i == start + BYTES_PER_LINE / 2) {
        hex.append(' ');
      }
      if (i < bytes.length) {
        int b = bytes[i] & 0xff;
        hex.append(String.format("%02x ", b));
        ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      } else {
        hex.append("   ");
      }
    }
    return String.format("%08x  %s |%s|", start, hex, ascii);
  }
}
