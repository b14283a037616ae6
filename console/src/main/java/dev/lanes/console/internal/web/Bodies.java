package dev.lanes.console.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a request body, up to a limit no console form comes near. */
final class Bodies {

  /** The largest body read: a replay of a thousand selected positions is some 20 KiB. */
  static final int MAX_BYTES = 1 << 20;

  private Bodies() {}

  /** The body as UTF-8, or null when it is larger than {@link #MAX_BYTES} (nothing more read). */
  static String read(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && tooLarge(declared)) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      // One byte past the limit tells a chunked body that is too large from one that fits.
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      return bytes.length > MAX_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static boolean tooLarge(String contentLength) {
    try {
      return Long.parseLong(contentLength.strip()) > MAX_BYTES;
    } catch (NumberFormatException e) {
      return false; // the JDK's server has refused a bad Content-Length already
    }
  }
}
