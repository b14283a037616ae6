package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.HandlerProvider;
import dev.lanes.HandlerRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerDiscoveryTest {

  /** Registered on the test class path through META-INF/services. */
  public static final class GreetingProvider implements HandlerProvider {
    @Override
    public void register(HandlerRegistry.Builder handlers) {
      handlers.register("greet", (task, context) -> {});
    }
  }

  /** Registered only by the jar a test writes into a handlers directory. */
  public static final class JarProvider implements HandlerProvider {
    @Override
    public void register(HandlerRegistry.Builder handlers) {
      handlers.register("from-jar", (task, context) -> {});
    }
  }

  @TempDir Path dir;

  @Test
  void builtInHandlersAndProvidersOnTheClassPathAreFound() {
    HandlerDiscovery.Discovered found = HandlerDiscovery.discover(null);

    assertThat(found.handlers().types()).contains("noop", "http", "greet");
    assertThat(found.providers()).containsExactly(GreetingProvider.class.getName());
  }

  @Test
  void providersListedInJarsOfTheHandlersDirectoryAreFound() throws IOException {
    Path jar = dir.resolve("handlers.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + HandlerProvider.class.getName()));
      out.write(JarProvider.class.getName().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    HandlerDiscovery.Discovered found = HandlerDiscovery.discover(dir);

    assertThat(found.handlers().types()).contains("from-jar", "greet");
  }

  @Test
  void aHandlersDirectoryThatIsNotOneIsAUsageError() {
    assertThatThrownBy(() -> HandlerDiscovery.discover(dir.resolve("missing")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a directory");
  }
}
