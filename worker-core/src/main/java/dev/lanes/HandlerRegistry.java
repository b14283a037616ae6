package dev.lanes;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Immutable map from task type to its handler. */
public final class HandlerRegistry {

  private final Map<String, TaskHandler> handlers;

  private HandlerRegistry(Map<String, TaskHandler> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The handler for {@code type}, or null when no handler is registered for it. */
  public TaskHandler find(String type) {
    return handlers.get(type);
  }

  public Set<String> types() {
    return handlers.keySet();
  }

  /** Collects handlers; a type may be registered once. */
  public static final class Builder {
    private final Map<String, TaskHandler> handlers = new TreeMap<>();

    private Builder() {}

    public Builder register(String type, TaskHandler handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      if (type.isBlank()) {
        throw new IllegalArgumentException("type must not be blank");
      }
      if (handlers.putIfAbsent(type, handler) != null) {
        throw new IllegalArgumentException("a handler is already registered for type " + type);
      }
      return this;
    }

    public HandlerRegistry build() {
      return new HandlerRegistry(handlers);
    }
  }
}
