package dev.lanes.diagnostics;

import dev.lanes.HandlerRegistry;

/**
 * Built-in handlers for demos, tests and failure rehearsals. Their type names are part of the
 * product: {@code noop}, {@code sleep}, {@code fail}, {@code echo}, {@code http}. {@code http}
 * calls a URL through a named dependency; test-kit's {@code FlakyHttpService} (and {@code lanes
 * fake-dependency}) is a dependency to point it at that fails on command.
 */
public final class DiagnosticHandlers {

  public static final String NOOP = "noop";
  public static final String SLEEP = "sleep";
  public static final String FAIL = "fail";
  public static final String ECHO = "echo";
  public static final String HTTP = "http";

  private DiagnosticHandlers() {}

  /** Adds every diagnostic handler to {@code registry}. */
  public static HandlerRegistry.Builder registerAll(HandlerRegistry.Builder registry) {
    return registry
        .register(NOOP, (task, context) -> {})
        .register(SLEEP, new SleepHandler())
        .register(FAIL, new FailHandler())
        .register(ECHO, new EchoHandler())
        .register(HTTP, new HttpTaskHandler());
  }

  /** A registry holding just the diagnostic handlers. */
  public static HandlerRegistry registry() {
    return registerAll(HandlerRegistry.builder()).build();
  }
}
