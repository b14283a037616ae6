package dev.lanes.app;

import dev.lanes.HandlerProvider;
import dev.lanes.HandlerRegistry;
import dev.lanes.diagnostics.DiagnosticHandlers;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The handlers {@code lanes run} runs: the built-in diagnostic ones, then every {@link
 * HandlerProvider} on the class path or in a handlers directory of jars.
 */
final class HandlerDiscovery {

  private HandlerDiscovery() {}

  /** Returns the registry and the names of the providers found, for the start-up line. */
  static Discovered discover(Path handlersDir) {
    ClassLoader loader = loaderFor(handlersDir);
    HandlerRegistry.Builder builder = DiagnosticHandlers.registerAll(HandlerRegistry.builder());
    List<String> providers = new ArrayList<>();
    for (HandlerProvider provider : ServiceLoader.load(HandlerProvider.class, loader)) {
      provider.register(builder);
      providers.add(provider.getClass().getName());
    }
    return new Discovered(builder.build(), providers);
  }

  record Discovered(HandlerRegistry handlers, List<String> providers) {}

  private static ClassLoader loaderFor(Path handlersDir) {
    ClassLoader parent = HandlerDiscovery.class.getClassLoader();
    if (handlersDir == null) {
      return parent;
    }
    if (!Files.isDirectory(handlersDir)) {
      throw new UsageException("--handlers-dir " + handlersDir + " is not a directory");
    }
    try (Stream<Path> files = Files.list(handlersDir)) {
      List<URL> jars = new ArrayList<>();
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(toUrl(jar));
      }
      return new URLClassLoader(jars.toArray(URL[]::new), parent);
    } catch (IOException e) {
      throw new UsageException("cannot list --handlers-dir " + handlersDir + ": " + e, e);
    }
  }

  private static URL toUrl(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UsageException("cannot read handler jar " + jar + ": " + e, e);
    }
  }
}
