package dev.lanes.internal.lane;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What a constructor made so far, to close in reverse order if it fails before it finishes: a
 * producer made before a later step threw would otherwise reconnect to the broker for the life of
 * the process, and nobody holds a reference to close it.
 */
final class ClosedOnFailure {

  private final Deque<Runnable> closers = new ArrayDeque<>();

  /** Registers how to release something just made; returns it for assignment. */
  <T> T add(T resource, Consumer<T> close) {
    closers.push(() -> close.accept(resource));
    return resource;
  }

  /** Closes everything registered, newest first; a close that fails is added to {@code failure}. */
  void closeAfter(Throwable failure) {
    while (!closers.isEmpty()) {
      try {
        closers.pop().run();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
