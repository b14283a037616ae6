package dev.lanes.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One node of a parsed YAML file together with its key path ({@code lanes.batch.retry}), so every
 * type error can name the key it is about. Reading is strict: unknown keys, wrong types and
 * unreadable values are {@link ConfigException}s, never silently defaulted.
 */
final class ConfigNode {

  private final String path;
  private final JsonNode node;

  private ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  static ConfigNode root(JsonNode node) {
    return new ConfigNode("", node == null ? MissingNode.getInstance() : node);
  }

  /** Whether the file sets {@code key} here, even to nothing ({@code key:}). */
  boolean has(String key) {
    return node.isObject() && node.has(key);
  }

  /** The value at {@code key}; a missing one only answers {@link #has} with false. */
  ConfigNode child(String key) {
    JsonNode value = node.isObject() ? node.get(key) : null;
    return new ConfigNode(pathOf(key), value == null ? MissingNode.getInstance() : value);
  }

  /** This map's entries in file order; fails on keys outside {@code allowed}. */
  ConfigNode allowOnly(List<String> allowed) {
    for (String key : entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(
            "unknown key '" + pathOf(key) + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    return this;
  }

  /** This map's entries in file order. */
  Map<String, ConfigNode> entries() {
    if (!node.isObject()) {
      throw problem("must be a map of keys to values, was " + describe(node));
    }
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      entries.put(entry.getKey(), new ConfigNode(pathOf(entry.getKey()), entry.getValue()));
    }
    return entries;
  }

  boolean isMap() {
    return node.isObject();
  }

  /** The value as a message shows it: quoted text, a number, or its kind ("a list"). */
  String describe() {
    return describe(node);
  }

  boolean isText(String text) {
    return node.isTextual() && node.textValue().equals(text);
  }

  int asInt() {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw problem("must be a whole number, was " + describe(node));
    }
    return node.intValue();
  }

  double asNumber() {
    if (!node.isNumber()) {
      throw problem("must be a number, was " + describe(node));
    }
    return node.doubleValue();
  }

  Duration asDuration() {
    Optional<Duration> parsed =
        node.isTextual() ? DurationFormat.parse(node.textValue()) : Optional.empty();
    return parsed.orElseThrow(
        () ->
            problem(
                "must be a duration, was "
                    + describe(node)
                    + " (accepted: "
                    + DurationFormat.ACCEPTED
                    + ")"));
  }

  /** A text, number or boolean as text; the value itself is never shown, it may be a secret. */
  String asScalarText() {
    if (!node.isValueNode() || node.isNull()) {
      throw problem("must be a text, number or true/false, was " + kind(node));
    }
    return node.asText();
  }

  /** true or false; the text "true"/"false" too, as environment overrides write it. */
  boolean asBoolean() {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
    }
    throw problem("must be true or false, was " + describe(node));
  }

  String asText() {
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw problem("must be a non-blank text, was " + describe(node));
    }
    return node.textValue().trim();
  }

  /** An enum constant written in lower case, e.g. {@code key} for {@code OrderingMode.KEY}. */
  <E extends Enum<E>> E asChoice(Class<E> type) {
    E[] constants = type.getEnumConstants();
    if (node.isTextual()) {
      for (E constant : constants) {
        if (constant.name().equalsIgnoreCase(node.textValue().trim())) {
          return constant;
        }
      }
    }
    throw problem("must be one of " + choices(constants) + ", was " + describe(node));
  }

  ConfigException problem(String what) {
    return new ConfigException((path.isEmpty() ? "the file" : path) + " " + what);
  }

  /** The allowed spellings of {@code constants}, e.g. {@code none, full, equal}. */
  static String choices(Enum<?>[] constants) {
    return Arrays.stream(constants)
        .map(constant -> constant.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "'" + value.textValue() + "'";
    }
    if (value.isNumber()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      // YAML 1.1 reads on/off and yes/no as booleans too: say so, or "was false" baffles.
      return value.asText() + " (YAML reads on/off and yes/no as true/false; quote text)";
    }
    return kind(value);
  }

  private static String kind(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isTextual() ? "a text" : value.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
