package dev.lanes.app.dlt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves a dead letter's value exactly as the broker holds it, for tools that read the format. */
public final class RawValueFile {

  private RawValueFile() {}

  /**
   * Writes the value's bytes to {@code file}, replacing it, and returns a line saying so.
   *
   * @throws IllegalStateException when the record's value is null (there is nothing to save)
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static String save(DeadLetter deadLetter, Path file) {
    byte[] value = deadLetter.value();
    if (value == null) {
      throw new IllegalStateException(
          deadLetter.position() + " has no value (null); nothing written to " + file);
    }
    try {
      Files.write(file, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the value to " + file + ": " + e, e);
    }
    return "wrote the value of "
        + deadLetter.position()
        + " ("
        + value.length
        + " bytes) to "
        + file;
  }
}
