package dev.lanes.versions;

/** A library on the classpath is older than Lanes needs; the message names it and both versions. */
public final class IncompatibleLibraryException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  IncompatibleLibraryException(String message) {
    super(message);
  }
}
