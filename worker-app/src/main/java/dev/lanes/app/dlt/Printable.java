package dev.lanes.app.dlt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Bytes shown on one terminal line: as text when they are text, as hex otherwise. */
public final class Printable {

  private Printable() {}

  /** The bytes as strict UTF-8, or null when they are not valid UTF-8. */
  public static String utf8OrNull(byte[] bytes) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null; // not text: callers show it as bytes
    }
  }

  /**
   * One line: UTF-8 text with line breaks and tabs escaped, or {@code 0x<hex>} when the bytes are
   * not text, so a binary header cannot garble the terminal.
   */
  public static String oneLine(byte[] bytes) {
    if (bytes == null) {
      return "(null)";
    }
    String text = utf8OrNull(bytes);
    if (text == null || hasControlCharacters(text)) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    return escape(text);
  }

  /** The text with backslashes, line breaks and tabs escaped, so it stays on one line. */
  public static String escape(String text) {
    return text.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t");
  }

  private static boolean hasControlCharacters(String text) {
    return text.chars()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
  }
}
