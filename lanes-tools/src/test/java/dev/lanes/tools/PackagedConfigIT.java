package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged full distribution reads a YAML configuration file. Its classpath is the jar's
 * manifest, not the test's: a library the worker needs at run time but the tools' pom scoped to
 * tests only (snakeyaml was) is missing there alone, and {@code lanes run --config}, {@code lanes
 * config show} and the bench's memory scenario failed with NoClassDefFoundError.
 */
@Timeout(120)
class PackagedConfigIT {

  private static final Path JAR = Path.of("target", "lanes-tools.jar");
  private static final Path EXAMPLE = Path.of("..", "lanes.example.yaml");

  @TempDir Path dir;

  @Test
  void theFullDistributionReadsTheExampleConfiguration() throws Exception {
    assertThat(JAR).as("the packaged full distribution").exists();
    Path out = dir.resolve("out.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "config",
                "show",
                "--config",
                EXAMPLE.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("ended within 90 s").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("NoClassDefFoundError").contains("realtime");
  }
}
