package dev.lanes.console.internal.web;

/**
 * Answers one route. May throw {@link dev.lanes.console.internal.ConsoleProblem} for an answer
 * other than success; anything else becomes a 500 page that shows no stack trace.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request);
}
