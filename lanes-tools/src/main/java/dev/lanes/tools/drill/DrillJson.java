package dev.lanes.tools.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code {"scenarios": {"<scenario>": {...}}}} (see {@link ScenarioResult#toJson()}),
 * pretty-printed, in the order the scenarios ran.
 */
final class DrillJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DrillJson() {}

  /**
   * Writes the file whole or not at all (a temp file beside it, then a move), so a reader never
   * sees half a run; creates the parent directories. Throws UncheckedIOException naming the path.
   */
  static void write(Path file, List<ScenarioResult> results) {
    Map<String, Object> scenarios = new LinkedHashMap<>();
    for (ScenarioResult result : results) {
      if (scenarios.put(result.scenario(), result.toJson()) != null) {
        throw new IllegalArgumentException("scenario " + result.scenario() + " appears twice");
      }
    }
    Path target = file.toAbsolutePath();
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
      MAPPER.writeValue(temp.toFile(), Map.of("scenarios", scenarios));
      move(temp, target);
    } catch (IOException e) {
      UncheckedIOException failure =
          new UncheckedIOException("cannot write the drill results to " + file + ": " + e, e);
      deleteTemp(temp, failure);
      throw failure;
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTemp(Path temp, UncheckedIOException failure) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
