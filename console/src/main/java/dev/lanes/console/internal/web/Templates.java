package dev.lanes.console.internal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte}, compiled to classes at build time (so a page
 * with an error fails the build). Output is HTML-escaped by jte wherever a template writes a value.
 */
public final class Templates {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Templates() {}

  /** The template {@code name} (e.g. {@code "overview.jte"}) with its {@code @param}s. */
  public static String render(String name, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    ENGINE.render(name, params, output);
    return output.toString();
  }

  /** A page answer: the rendered template with {@code status}. */
  public static Response page(int status, String name, Map<String, Object> params) {
    return Response.html(status, render(name, params));
  }
}
