package dev.lanes.app.config;

/**
 * A configuration that cannot run: a bad key, value or environment variable. The message is one
 * line that names where the problem is (file and key path, or variable), the bad value unless it
 * may be a secret, and what is accepted instead, so an operator can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** This problem as found in {@code source} (a file name, or "environment"). */
  ConfigException in(String source) {
    // The same problem, thrown from the same place: a wrapping layer would only repeat it.
    ConfigException located = new ConfigException(source + ": " + getMessage(), getCause());
    located.setStackTrace(getStackTrace());
    return located;
  }
}
