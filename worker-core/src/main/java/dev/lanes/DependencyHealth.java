package dev.lanes;

import java.time.Instant;

/**
 * A dependency's breaker, for health endpoints and operators: "payments-api OPEN since 12:03, 4
 * partitions paused".
 *
 * @param name the dependency
 * @param state the breaker's state, {@link BreakerState#CLOSED} when it has no breaker
 * @param since when the breaker entered that state (the runtime's start if it never moved)
 * @param pausedPartitions partitions of this process waiting for it
 */
public record DependencyHealth(
    String name, BreakerState state, Instant since, int pausedPartitions) {}
