package dev.lanes.console.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: status, content type, body and any extra headers. The server adds the
 * headers every answer gets (no caching of pages, nosniff, a content security policy that allows
 * only the console's own assets).
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

  public static final String HTML = "text/html; charset=utf-8";
  public static final String JSON = "application/json";

  public Response {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  public static Response html(int status, String html) {
    return new Response(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Response json(int status, String json) {
    return new Response(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A download: the bytes as they are, saved under {@code fileName} by the browser. */
  public static Response download(String fileName, byte[] bytes) {
    return new Response(
        200,
        "application/octet-stream",
        bytes,
        Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
  }

  /** This answer with one more header (e.g. Set-Cookie). */
  public Response withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, more);
  }

  /** 303 See Other: after a POST, so a reload does not post again. */
  public static Response redirect(String location) {
    return new Response(303, HTML, new byte[0], Map.of("Location", location));
  }
}
