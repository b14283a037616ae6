package dev.lanes.console.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;

/** Reads a cookie from the request's Cookie headers. */
final class Cookies {

  private Cookies() {}

  /** The value of cookie {@code name}, or null when the request carries none. */
  static String value(HttpExchange exchange, String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    return headers == null ? null : value(headers, name);
  }

  static String value(List<String> cookieHeaders, String name) {
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }
}
