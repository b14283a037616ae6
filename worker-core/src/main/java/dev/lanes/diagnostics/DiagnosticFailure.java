package dev.lanes.diagnostics;

/** The transient failure the {@code fail} handler throws on purpose. */
public final class DiagnosticFailure extends RuntimeException {

  DiagnosticFailure(String message) {
    super(message);
  }
}
