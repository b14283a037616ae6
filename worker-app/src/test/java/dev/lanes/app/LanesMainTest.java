package dev.lanes.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanesMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: lanes").contains("demo").contains("fake-dependency");
    assertThat(run("demo", "--help")).isZero();
    assertThat(out()).contains("--tasks").contains("--bootstrap-server");
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCodeTwo() {
    assertThat(run("demo", "--frobnicate")).isEqualTo(2);
    assertThat(err()).startsWith("lanes: Unknown option: '--frobnicate'");
    assertThat(err().lines()).hasSize(2);
    assertThat(err()).contains("Try 'lanes demo --help'.");
  }

  @Test
  void badValuesNameTheOptionAndExitCodeTwo() {
    assertThat(run("demo", "--tasks", "many")).isEqualTo(2);
    assertThat(err()).contains("--tasks").contains("many");
    err.reset();
    assertThat(run("demo", "--tasks", "0")).isEqualTo(2);
    assertThat(err()).isEqualTo("lanes: --tasks must be between 1 and 1000000, was 0\n");
  }

  @Test
  void anUnknownCommandExitsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("frobnicate");
  }

  private int run(String... args) {
    out.reset();
    return LanesMain.run(
        List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
  }

  private String out() {
    return out.toString(UTF_8);
  }

  private String err() {
    return err.toString(UTF_8);
  }
}
