package dev.lanes.testkit;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first TestKafka any test class received, so others can check they got the same. */
final class FirstInjected {

  private static final AtomicReference<TestKafka> FIRST = new AtomicReference<>();

  private FirstInjected() {}

  /** Returns the first instance ever passed in, which is {@code kafka} on the first call. */
  static TestKafka remember(TestKafka kafka) {
    FIRST.compareAndSet(null, kafka);
    return FIRST.get();
  }
}
