package dev.lanes.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Hands out topic names and group ids no other test in this run (or an earlier run against the same
 * external cluster) has used.
 */
final class UniqueNames {

  // The characters Kafka allows in topic names; group ids accept them too.
  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  private final AtomicLong counter = new AtomicLong();

  /**
   * Returns {@code prefix-<counter>-<random>}: the counter makes names unique within this JVM, the
   * random suffix keeps reruns against a long-lived cluster from meeting old topics.
   */
  String next(String prefix) {
    if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "prefix must be 1-200 characters of [a-zA-Z0-9._-], was '" + prefix + "'");
    }
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    return prefix + "-" + counter.incrementAndGet() + "-" + suffix;
  }
}
