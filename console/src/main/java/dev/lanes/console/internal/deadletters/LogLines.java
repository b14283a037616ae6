package dev.lanes.console.internal.deadletters;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * An output stream that logs each line written to it: the replayer reports each record on a
 * PrintStream, which in a server belongs in the log, not on stdout.
 */
final class LogLines extends OutputStream {

  private final Logger log;
  private final String prefix;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LogLines(Logger log, String prefix) {
    this.log = log;
    this.prefix = prefix;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      flushLine();
    } else if (b != '\r') {
      line.write(b);
    }
  }

  @Override
  public synchronized void close() {
    flushLine();
  }

  private void flushLine() {
    if (line.size() > 0) {
      log.info("{}{}", prefix, line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
