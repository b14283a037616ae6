package dev.lanes.console.internal.web;

import dev.lanes.console.internal.ConsoleProblem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes a query string or an urlencoded form into names and their values, in order. */
final class Parameters {

  private Parameters() {}

  /**
   * The parameters of {@code encoded}; a name may repeat (checkboxes), and a name without "=" has
   * the value "".
   *
   * @param where "query" or "form", for the message
   * @throws ConsoleProblem 400 naming the parameter whose percent-encoding is broken
   */
  static Map<String, List<String>> parse(String encoded, String where) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, where, rawName);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), where, name);
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  // A whole 1 MiB field does not belong in an error message.
  private static String shortened(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private static String decode(String text, String where, String parameter) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ConsoleProblem.badRequest(
          where
              + " parameter '"
              + parameter
              + "' is not valid percent-encoding, was '"
              + shortened(text)
              + "' (write % as %25)");
    }
  }
}
