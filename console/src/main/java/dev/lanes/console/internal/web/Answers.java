package dev.lanes.console.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The answers the server gives itself, when no handler ran or one failed: a page inside the layout
 * with the message in {@code id="error"}, or {@code {"error": message}} for the API.
 */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  static Response problem(
      boolean api, int status, String message, PageChrome chrome, boolean signInLink) {
    if (api) {
      return Response.json(status, json(Map.of("error", message)));
    }
    return Templates.page(
        status,
        "error.jte",
        Map.of(
            "chrome", chrome,
            "title", title(status),
            "message", message,
            "signInLink", signInLink));
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Sign in needed";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Too large";
      case 503 -> "Unavailable";
      default -> status >= 500 ? "Internal error" : "Error " + status;
    };
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }
}
