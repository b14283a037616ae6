package dev.lanes.retry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** An error and its causes, outermost first. */
public final class CauseChain {

  /** Deep enough for wrappers around wrappers; a longer chain is more likely a bug than a cause. */
  static final int MAX_DEPTH = 16;

  private CauseChain() {}

  /** {@code error} and up to {@code MAX_DEPTH - 1} causes, each once even if the chain loops. */
  static List<Throwable> of(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable level = error;
        level != null && chain.size() < MAX_DEPTH && seen.add(level);
        level = level.getCause()) {
      chain.add(level);
    }
    return chain;
  }

  /** The outermost error of {@code type} in the chain of {@code error}, or null. */
  public static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable level : of(error)) {
      if (type.isInstance(level)) {
        return type.cast(level);
      }
    }
    return null;
  }
}
