package dev.lanes.diagnostics;

import dev.lanes.HandlerRegistry;

/**
 * Built-in handlers for demos, tests and failure rehearsals. Their type names are part of the
 * product: {@code noop}, {@code sleep}, {@code fail}, {@code echo}.
 */
public final class DiagnosticHandlers {

  public static final String NOOP = "noop";
  public static final String SLEEP = "sleep";
  public static final String FAIL = "fail";
  public static final String ECHO = "echo";

  private DiagnosticHandlers() {}

  /** Adds every diagnostic handler to {@code registry}. */
  public static HandlerRegistry.Builder registerAll(HandlerRegistry.Builder registry) {
    return registry
        .register(NOOP, (task, context) -> {})
        .register(SLEEP, new SleepHandler())
        .register(FAIL, new FailHandler())
        .register(ECHO, new EchoHandler());
  }

  /** A registry holding just the diagnostic handlers. */
  public static HandlerRegistry registry() {
    return registerAll(HandlerRegistry.builder()).build();
  }
}
