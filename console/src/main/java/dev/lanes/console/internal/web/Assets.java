package dev.lanes.console.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's own static files: htmx from its WebJar and the stylesheet. Served by the console so
 * a page needs no CDN; loaded once, they are small.
 */
final class Assets {

  static final String HTMX = "/assets/htmx.min.js";
  static final String CSS = "/assets/console.css";

  private static final String HTMX_POM = "META-INF/maven/org.webjars.npm/htmx.org/pom.properties";
  private static final String CSS_RESOURCE = "dev/lanes/console/assets/console.css";
  // The names carry no version, so a day is the most a browser keeps an old copy after an upgrade.
  private static final Map<String, String> CACHED =
      Map.of("Cache-Control", "public, max-age=86400");

  private final Response htmx;
  private final Response css;

  private Assets(Response htmx, Response css) {
    this.htmx = htmx;
    this.css = css;
  }

  static Assets load() {
    return new Assets(
        new Response(200, "text/javascript; charset=utf-8", read(htmxPath()), CACHED),
        new Response(200, "text/css; charset=utf-8", read(CSS_RESOURCE), CACHED));
  }

  void register(Router router) {
    router.get(HTMX, request -> htmx);
    router.get(CSS, request -> css);
  }

  /** Where the WebJar keeps htmx, by the version its own pom.properties states. */
  static String htmxPath() {
    Properties pom = new Properties();
    try (InputStream in = open(HTMX_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + HTMX_POM, e);
    }
    return "META-INF/resources/webjars/htmx.org/"
        + pom.getProperty("version")
        + "/dist/htmx.min.js";
  }

  private static byte[] read(String resource) {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          resource + " is not on the class path (is the htmx.org WebJar a dependency?)");
    }
    return in;
  }
}
