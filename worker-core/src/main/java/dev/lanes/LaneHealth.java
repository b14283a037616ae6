package dev.lanes;

/**
 * How one lane is doing, for health endpoints and operators.
 *
 * @param name the lane
 * @param state the lane's state
 * @param millisSinceLastPoll the longest any of the lane's poll loops has gone without polling
 * @param joined whether every poll loop of the lane has joined its group (had an assignment)
 * @param assignedPartitions partitions the lane owns now, main and retry topics
 * @param lag records behind the end of the owned partitions: log-end offset minus committed offset,
 *     summed, as last measured (every second)
 * @param lagExcludingPaused the same without partitions paused on a dependency's breaker: what an
 *     autoscaler should look at, since more workers do not fix someone else's outage
 * @param inFlight records the lane has polled and not finished (running, queued or being forwarded)
 */
public record LaneHealth(
    String name,
    LaneState state,
    long millisSinceLastPoll,
    boolean joined,
    int assignedPartitions,
    long lag,
    long lagExcludingPaused,
    int inFlight) {}
