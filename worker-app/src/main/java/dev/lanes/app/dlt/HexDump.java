package dev.lanes.app.dlt;

import java.io.PrintStream;

/**
 * Prints bytes the way {@code hexdump -C} does: offset, 16 bytes in hex, the printable ones as
 * ASCII.
 */
final class HexDump {

  private static final int BYTES_PER_LINE = 16;

  private HexDump() {}

  static void print(byte[] bytes, PrintStream out) {
    for (int start = 0; start < bytes.length; start += BYTES_PER_LINE) {
      out.println(line(bytes, start));
    }
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
