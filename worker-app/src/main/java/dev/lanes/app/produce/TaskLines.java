package dev.lanes.app.produce;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lanes.Task;
import dev.lanes.task.MalformedTaskException;
import dev.lanes.task.TaskCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads tasks from JSON lines. Each line is a full envelope (it has {@code "type"}) or a payload
 * object that the given type wraps; blank lines and lines starting with {@code #} are skipped. The
 * whole input is read and checked before any task is returned, so a bad line on line 9,000 stops a
 * send before it starts instead of halfway.
 */
public final class TaskLines {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final TaskCodec codec;
  private final ObjectReader json;
  private final Clock clock;

  public TaskLines(TaskCodec codec, Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    // Two objects on one line are a mistake, not one task and some ignored text.
    this.json = codec.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param type wraps payload lines; null when every line must be a full envelope. An envelope's
   *     own type wins over it.
   * @throws InvalidTaskLineException naming the first line that is not a task
   */
  public List<Task> parse(Reader source, String type) {
    if (type != null && type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank, was '" + type + "'");
    }
    List<Task> tasks = new ArrayList<>();
    BufferedReader lines = new BufferedReader(source);
    try {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String text = (number == 1 ? stripByteOrderMark(line) : line).strip();
        if (!text.isEmpty() && !text.startsWith("#")) {
          tasks.add(task(number, text, type));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task input", e);
    }
    return tasks;
  }

  /** Reads a UTF-8 file; see {@link #parse(Reader, String)}. */
  public List<Task> parse(Path file, String type) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task file " + file, e);
    }
  }

  private Task task(int number, String line, String type) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JacksonException e) {
      throw new InvalidTaskLineException(number, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!node.isObject()) {
      throw new InvalidTaskLineException(
          number,
          "must be a JSON object (an envelope or a payload), was " + node.getNodeType(),
          null);
    }
    if (node.has("type")) {
      try {
        return codec.decode(line.getBytes(StandardCharsets.UTF_8), clock.millis());
      } catch (MalformedTaskException e) {
        throw new InvalidTaskLineException(number, e.getMessage(), e);
      }
    }
    if (type == null) {
      throw new InvalidTaskLineException(number, "no \"type\" and no --type given", null);
    }
    return new Task(
        UUID.randomUUID().toString(), type, node, clock.instant(), Task.CURRENT_SCHEMA_VERSION);
  }

  private static String stripByteOrderMark(String line) {
    return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
  }
}
