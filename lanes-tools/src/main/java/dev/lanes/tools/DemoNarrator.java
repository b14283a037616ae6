package dev.lanes.tools;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Tells the demo's story in plain lines, from the runtime's own operator log lines: retries with
 * their delays, dead letters, lanes yielding and growing back, the breaker opening, partitions
 * pausing, probes, recovery. Repeats of the same kind are counted rather than printed after the
 * first few.
 */
final class DemoNarrator extends AppenderBase<ILoggingEvent> {

  private static final List<String> SOURCES =
      List.of(
          "dev.lanes.internal.invoke.TaskInvoker",
          "dev.lanes.internal.forward.Forwarder",
          "dev.lanes.internal.dependency.DependencyRegistry",
          "dev.lanes.internal.dependency.DependencyPauses",
          "dev.lanes.internal.priority.YieldController");
  private static final int SHOWN_PER_KIND = 4;

  private final PrintStream out;
  private final long startNanos;
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger deadLetters = new AtomicInteger();
  private final AtomicInteger pauses = new AtomicInteger();

  private DemoNarrator(PrintStream out, long startNanos) {
    this.out = out;
    this.startNanos = startNanos;
  }

  /** Starts narrating to {@code out}; times are counted from {@code startNanos}. */
  static DemoNarrator attach(PrintStream out, long startNanos) {
    DemoNarrator narrator = new DemoNarrator(out, startNanos);
    narrator.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    narrator.start();
    for (String source : SOURCES) {
      ((Logger) LoggerFactory.getLogger(source)).addAppender(narrator);
    }
    return narrator;
  }

  void detach() {
    for (String source : SOURCES) {
      ((Logger) LoggerFactory.getLogger(source)).detachAppender(this);
    }
    stop();
  }

  /** A line of the demo's own, on the same clock as the narration. */
  void say(String line) {
    synchronized (out) {
      out.printf("[%5.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
    }
  }

  int retries() {
    return retries.get();
  }

  int deadLetters() {
    return deadLetters.get();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getMessage();
    Object[] args = event.getArgumentArray();
    if (args == null) {
      return;
    }
    if (message.startsWith("task failed") && String.valueOf(args[5]).startsWith("retry in")) {
      if (retries.incrementAndGet() <= SHOWN_PER_KIND) {
        say(
            String.format(
                "retry     %s task %s (%s) failed on attempt %s: %s",
                args[0], shortId(args[2]), args[3], args[4], args[5]));
      }
    } else if (message.startsWith("task dead-lettered")) {
      if (deadLetters.incrementAndGet() <= SHOWN_PER_KIND) {
        say(
            String.format(
                "dead      %s record %s -> %s (reason %s, after %s attempt(s))",
                args[0], args[1], args[2], args[4], args[3]));
      }
    } else if (message.startsWith("breaker opened")) {
      say(
          String.format(
              "breaker   %s OPEN: no more calls to it; half-open in %s ms", args[0], args[3]));
    } else if (message.startsWith("breaker half-open")) {
      say(String.format("breaker   %s HALF_OPEN: one waiting partition may probe it", args[0]));
    } else if (message.startsWith("breaker closed")) {
      say(String.format("breaker   %s CLOSED: every waiting partition resumes", args[0]));
    } else if (message.startsWith("partition paused")) {
      if (pauses.incrementAndGet() <= 2 * SHOWN_PER_KIND) {
        say(
            String.format(
                "pause     %s waits for %s (its task spends no attempt)", args[1], args[2]));
      }
    } else if (message.startsWith("lane ") && message.contains(" yields to ")) {
      // "lane batch yields to realtime: concurrency 8 -> 4, realtime wait p99 3.4 s > 2 s"
      say("yield     " + event.getFormattedMessage().substring("lane ".length()));
    } else if (message.startsWith("lane ") && message.contains(" grows back")) {
      say("grow      " + event.getFormattedMessage().substring("lane ".length()));
    } else if (message.startsWith("partition resumed")) {
      say(String.format("resume    %s after %s ms%s", args[1], args[3], args[4]));
    }
  }

  /** How many lines of each repeated kind were left out, for the summary. */
  String omitted() {
    return String.format(
        "(narrated the first %d retries of %d, dead letters of %d, pauses of %d)",
        SHOWN_PER_KIND, retries.get(), deadLetters.get(), pauses.get());
  }

  private static String shortId(Object id) {
    String text = String.valueOf(id);
    return text.length() > 8 ? text.substring(0, 8) : text;
  }
}
