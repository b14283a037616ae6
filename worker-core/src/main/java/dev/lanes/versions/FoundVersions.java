package dev.lanes.versions;

import dev.failsafe.Failsafe;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Reads the versions of the libraries Lanes needs from the classpath, each from that library's own
 * record of it: kafka-clients' version file, Jackson's version API, Failsafe's Maven
 * pom.properties, Micrometer's jar manifest (it ships no pom.properties). A version that cannot be
 * told is left out.
 */
public final class FoundVersions {

  private FoundVersions() {}

  public static Map<String, String> onClasspath() {
    Map<String, String> found = new HashMap<>();
    put(
        found,
        RequiredVersions.KAFKA_CLIENTS,
        () -> version(Producer.class, "/kafka/kafka-version.properties"));
    put(
        found,
        RequiredVersions.JACKSON_CORE,
        () -> com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    put(
        found,
        RequiredVersions.JACKSON_DATABIND,
        () -> com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    put(
        found,
        RequiredVersions.FAILSAFE,
        () -> pomVersion(Failsafe.class, "dev.failsafe", "failsafe"));
    put(found, RequiredVersions.MICROMETER_CORE, FoundVersions::micrometerVersion);
    return found;
  }

  private static void put(Map<String, String> found, String library, Supplier<String> version) {
    try {
      String value = version.get();
      if (value != null && !value.isBlank() && Character.isDigit(value.charAt(0))) {
        found.put(library, value);
      }
    } catch (RuntimeException | LinkageError e) {
      // Not there, or repackaged without its version: the check lets it through with a warning.
    }
  }

  private static String pomVersion(Class<?> anchor, String groupId, String artifactId) {
    return version(anchor, "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
  }

  /** The {@code version} property of a properties file in the anchor class's jar. */
  private static String version(Class<?> anchor, String path) {
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }

  /** Trusted only when the manifest is Micrometer's own, not that of a jar it was merged into. */
  private static String micrometerVersion() {
    Package meters = MeterRegistry.class.getPackage();
    String title = meters.getImplementationTitle();
    return title != null && title.contains(RequiredVersions.MICROMETER_CORE)
        ? meters.getImplementationVersion()
        : null;
  }
}
