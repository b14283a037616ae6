package dev.lanes.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random envelopes, mostly well-formed, in every order and spacing, for agreement tests. */
final class EnvelopeGenerator {

  private static final String[] STRINGS = {
    "",
    "a",
    "hello world",
    "quote \\\" inside",
    "back \\\\ slash",
    "\\n\\t\\r\\b\\f\\/",
    "\\u0041\\u00e9",
    "\\ud83d\\ude00",
    "~!@#$%^&*()",
    "null",
    "12"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "7",
    "-12",
    "3.25",
    "-0.5",
    "1e5",
    "1E-7",
    "2.5e+10",
    "123456789012345",
    "9007199254740993",
    "1e308",
    "0.000001"
  };
  private static final String[] INSTANTS = {
    "2026-11-27T10:00:00Z",
    "2026-11-27T10:00:00.123Z",
    "2026-11-27T10:00:00.123456789Z",
    "2026-11-27T10:00:00+01:00",
    "2024-02-29T23:59:59Z"
  };

  private final Random random;

  EnvelopeGenerator(Random random) {
    this.random = random;
  }

  String envelope() {
    List<String> fields = new ArrayList<>();
    if (random.nextInt(10) > 0) {
      fields.add(field("type", random.nextInt(20) == 0 ? value(2) : quoted(pick("noop", "sleep"))));
    }
    if (random.nextBoolean()) {
      fields.add(
          field("id", random.nextInt(8) == 0 ? "null" : quoted(pick("t-1", "", " ", "x y"))));
    }
    if (random.nextInt(4) > 0) {
      fields.add(field("payload", random.nextInt(8) == 0 ? "null" : value(0)));
    }
    if (random.nextBoolean()) {
      fields.add(field("createdAt", random.nextInt(8) == 0 ? "null" : quoted(pick(INSTANTS))));
    }
    if (random.nextBoolean()) {
      fields.add(field("deadline", random.nextInt(8) == 0 ? "null" : quoted(pick(INSTANTS))));
    }
    if (random.nextBoolean()) {
      fields.add(field("schemaVersion", pick("1", "null", "1.0", "2", "0", "-1", "01")));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      fields.add(field(pick("extra", "x", "Type", "payloads", "i\\u0064"), value(1)));
    }
    if (random.nextInt(30) == 0 && !fields.isEmpty()) {
      fields.add(fields.get(0)); // a repeated field
    }
    Collections.shuffle(fields, random);
    return space() + "{" + space() + String.join("," + space(), fields) + space() + "}" + space();
  }

  private String field(String name, String value) {
    return quoted(name) + space() + ":" + space() + value + space();
  }

  private String value(int depth) {
    int kind = random.nextInt(depth > 4 ? 4 : 7);
    return switch (kind) {
      case 0 -> quoted(pick(STRINGS));
      case 1 -> pick(NUMBERS);
      case 2 -> pick("true", "false", "null");
      case 3 -> quoted(pick(STRINGS));
      case 4, 5 -> object(depth);
      default -> array(depth);
    };
  }

  private String object(int depth) {
    List<String> members = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      members.add(quoted(pick(STRINGS)) + space() + ":" + space() + value(depth + 1));
    }
    return "{" + space() + String.join(space() + "," + space(), members) + space() + "}";
  }

  private String array(int depth) {
    List<String> items = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      items.add(value(depth + 1));
    }
    return "[" + space() + String.join(space() + "," + space(), items) + space() + "]";
  }

  private String space() {
    return random.nextInt(4) > 0 ? "" : pick(" ", "\n", "\t ", "\r\n  ");
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
