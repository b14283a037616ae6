package dev.lanes.console.internal.web;

import java.util.Map;

/**
 * The headers every answer carries. Pages hold dead letters' payloads and a CSRF token: never
 * cached, never framed, never sniffed into another type, no referrer leaking a filter to another
 * site; and only the console's own scripts and styles run (htmx's inline indicator style is turned
 * off by the layout's htmx-config, so {@code style-src 'self'} holds).
 */
final class SecurityHeaders {

  static final Map<String, String> FOR_EVERY_ANSWER =
      Map.of(
          "Cache-Control", "no-store",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                  + " frame-ancestors 'none'");

  private SecurityHeaders() {}
}
