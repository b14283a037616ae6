package dev.lanes.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * lanes-bom has no parent, so it repeats the root pom's library versions: it must pin exactly the
 * ones this build compiles and tests against (found on this test's classpath), never older than
 * {@link RequiredVersions}.
 */
class LanesBomTest {

  @Test
  void theBomPinsTheVersionsLanesIsBuiltWith() throws IOException {
    String bom = Files.readString(Path.of("..", "lanes-bom", "pom.xml"));
    Map<String, String> found = FoundVersions.onClasspath();

    assertThat(property(bom, "kafka.version")).isEqualTo(found.get(RequiredVersions.KAFKA_CLIENTS));
    assertThat(property(bom, "micrometer.version"))
        .isEqualTo(found.get(RequiredVersions.MICROMETER_CORE));
    assertThat(property(bom, "jackson.version"))
        .isEqualTo(found.get(RequiredVersions.JACKSON_DATABIND));
    assertThat(property(bom, "failsafe.version")).isEqualTo(found.get(RequiredVersions.FAILSAFE));
  }

  @Test
  void theBomHasTheVersionOfTheModulesItManages() throws IOException {
    String bom = Files.readString(Path.of("..", "lanes-bom", "pom.xml"));
    String core = Files.readString(Path.of("pom.xml"));

    assertThat(between(bom, "<artifactId>lanes-bom</artifactId>", "</version>"))
        .isEqualTo(between(core, "<artifactId>lanes-parent</artifactId>", "</version>"));
  }

  private static String property(String pom, String name) {
    return between(pom, "<" + name + ">", "</" + name + ">");
  }

  private static String between(String text, String after, String before) {
    int start = text.indexOf(after);
    assertThat(start).as(after).isNotNegative();
    start += after.length();
    String rest = text.substring(start, text.indexOf(before, start));
    return rest.replaceAll("(?s).*<version>", "").trim();
  }
}
