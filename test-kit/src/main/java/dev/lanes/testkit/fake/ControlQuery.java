package dev.lanes.testkit.fake;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a request to the {@link FlakyHttpService}'s control endpoints. Every bad
 * or unknown parameter is an {@link IllegalArgumentException} naming it and its value, which the
 * endpoint answers with 400: a typo such as {@code ?rat=1} must not pass as the default.
 */
final class ControlQuery {

  private final Map<String, String> values;

  private ControlQuery(Map<String, String> values) {
    this.values = values;
  }

  /** Parses a raw (still percent-encoded) query string; null means no parameters. */
  static ControlQuery parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
        if (values.put(name, value) != null) {
          throw new IllegalArgumentException(name + " given more than once");
        }
      }
    }
    return new ControlQuery(values);
  }

  /** Rejects any parameter not in {@code known}. */
  ControlQuery allowOnly(Set<String> known) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown parameter " + name + ", known: " + new TreeSet<>(known));
      }
    }
    return this;
  }

  int intValue(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
    }
  }

  double doubleValue(String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
    }
  }

  long longValue(String name, long fallback, long min) {
    return values.containsKey(name) ? requiredLong(name, min) : fallback;
  }

  long requiredLong(String name, long min) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    String problem = name + " must be an integer >= " + min + ", was '" + value + "'";
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(problem, e);
    }
    if (parsed < min) {
      throw new IllegalArgumentException(problem);
    }
    return parsed;
  }
}
