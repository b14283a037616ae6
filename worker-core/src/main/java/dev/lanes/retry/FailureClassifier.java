package dev.lanes.retry;

import dev.lanes.NonRetryableException;
import dev.lanes.RetryLaterException;
import dev.lanes.RetryPolicy;
import java.util.List;
import java.util.Objects;

/**
 * Tells fatal failures from retryable ones. Walks the cause chain from the outermost error, so a
 * {@link NonRetryableException} wrapped by a framework is still fatal; the first level that matches
 * decides, and an error nothing matches is retryable.
 */
public final class FailureClassifier {

  private final List<Class<? extends Throwable>> retryable;
  private final List<Class<? extends Throwable>> fatal;

  public FailureClassifier(RetryPolicy policy) {
    this.retryable = policy.retryable();
    this.fatal = policy.fatal();
  }

  /** Whether retrying cannot fix {@code error}. */
  public boolean isFatal(Throwable error) {
    Objects.requireNonNull(error, "error");
    for (Throwable level : CauseChain.of(error)) {
      // the user's retryable list first: it exists to overrule the defaults
      if (matches(retryable, level) || level instanceof RetryLaterException) {
        return false;
      }
      if (level instanceof NonRetryableException || matches(fatal, level)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<Class<? extends Throwable>> types, Throwable error) {
    for (Class<? extends Throwable> type : types) {
      if (type.isInstance(error)) {
        return true;
      }
    }
    return false;
  }
}
