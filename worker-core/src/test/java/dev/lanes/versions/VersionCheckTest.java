package dev.lanes.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionCheckTest {

  @Test
  void micrometerOneThirteenBesideLanesFailsWithOneLineNamingBothVersions() {
    Map<String, String> found = satisfied();
    found.put(RequiredVersions.MICROMETER_CORE, "1.13.6");

    assertThatThrownBy(() -> VersionCheck.verify(found))
        .isInstanceOf(IncompatibleLibraryException.class)
        .hasMessage(
            "micrometer-core 1.13.6 is on the classpath, Lanes needs 1.14.0 or newer (for"
                + " KafkaClientMetrics(client, tags, scheduler)): align the versions, e.g. by"
                + " importing the BOM dev.lanes:lanes-bom")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void everyLibraryTooOldIsNamedOnTheSameLine() {
    Map<String, String> found = satisfied();
    found.put(RequiredVersions.KAFKA_CLIENTS, "3.9.1");
    found.put(RequiredVersions.JACKSON_DATABIND, "2.12.7.1");
    found.put(RequiredVersions.FAILSAFE, "3.2.0");

    assertThatThrownBy(() -> VersionCheck.verify(found))
        .hasMessageContaining("kafka-clients 3.9.1 is on the classpath, Lanes needs 4.1.0")
        .hasMessageContaining("jackson-databind 2.12.7.1 is on the classpath, Lanes needs 2.13.0")
        .hasMessageContaining("failsafe 3.2.0 is on the classpath, Lanes needs 3.2.1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theMinimumAndAnythingNewerPass() {
    assertThatCode(() -> VersionCheck.verify(satisfied())).doesNotThrowAnyException();
    Map<String, String> newer = new HashMap<>();
    newer.put(RequiredVersions.KAFKA_CLIENTS, "5.0.0");
    newer.put(RequiredVersions.MICROMETER_CORE, "1.17.2");
    newer.put(RequiredVersions.JACKSON_CORE, "2.23.0");
    newer.put(RequiredVersions.JACKSON_DATABIND, "2.23.0");
    newer.put(RequiredVersions.FAILSAFE, "3.3.2");
    assertThatCode(() -> VersionCheck.verify(newer)).doesNotThrowAnyException();
  }

  @Test
  void aVersionThatCannotBeToldIsLetThrough() {
    assertThatCode(() -> VersionCheck.verify(Map.of())).doesNotThrowAnyException();
  }

  @Test
  void theVersionsOnThisClasspathAreAllFoundAndPass() {
    Map<String, String> found = FoundVersions.onClasspath();

    assertThat(found)
        .containsOnlyKeys(
            RequiredVersions.all().stream().map(RequiredVersions.Requirement::library).toList());
    assertThatCode(() -> VersionCheck.verify(found)).doesNotThrowAnyException();
  }

  private static Map<String, String> satisfied() {
    Map<String, String> found = new HashMap<>();
    RequiredVersions.all()
        .forEach(requirement -> found.put(requirement.library(), requirement.minimum()));
    return found;
  }
}
