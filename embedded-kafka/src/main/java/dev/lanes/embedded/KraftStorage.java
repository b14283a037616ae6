package dev.lanes.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats a fresh log directory for KRaft; a KRaft node refuses to start on an unformatted one.
 *
 * <p>Goes through the {@code kafka-storage.sh format} entry point rather than the internal {@code
 * Formatter} class: the command line is Kafka's documented contract, the formatter's setters have
 * changed between minor releases.
 */
final class KraftStorage {

  private KraftStorage() {}

  /**
   * Writes meta.properties and the bootstrap metadata snapshot, under a new random cluster id, into
   * the log directories named in {@code brokerSettings}. The tool reads its settings from a file,
   * which is written to {@code workDir/server.properties}.
   */
  static void format(Map<String, String> brokerSettings, Path workDir) {
    format(brokerSettings, workDir, Uuid.randomUuid().toString());
  }

  /**
   * As {@link #format(Map, Path)}, under {@code clusterId}: every node of one cluster must carry
   * the same id, or the controllers refuse each other.
   */
  static void format(Map<String, String> brokerSettings, Path workDir, String clusterId) {
    Path serverProperties = writeSettings(brokerSettings, workDir);
    String[] args = {"format", "--config", serverProperties.toString(), "--cluster-id", clusterId};
    // The tool narrates to a PrintStream; keep that out of test output unless it fails.
    ByteArrayOutputStream narration = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(narration, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(args, out);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Could not format KRaft storage for " + serverProperties + ": " + e.getMessage(), e);
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "Could not format KRaft storage for "
              + serverProperties
              + ", exitCode="
              + exitCode
              + ", output: "
              + narration.toString(StandardCharsets.UTF_8));
    }
  }

  /** Writes {@code workDir/server.properties}, the file a node process is started with. */
  static Path writeSettings(Map<String, String> settings, Path workDir) {
    return writeProperties(settings, workDir.resolve("server.properties"));
  }

  private static Path writeProperties(Map<String, String> settings, Path file) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "Embedded Kafka broker settings");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write broker settings to " + file, e);
    }
  }
}
