package dev.lanes.internal.poll;

import dev.lanes.internal.dependency.DependencyPauses;
import dev.lanes.internal.dispatch.Dispatcher;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * What one poll loop works with: its consumer and the poll-thread-only machinery around it. Built
 * by {@link PollLoopFactory}, or by hand in unit tests around a {@code MockConsumer}.
 *
 * @param releaseClientMetrics unbinds the consumer's Kafka client metrics when the loop closes
 */
record LoopParts(
    Consumer<byte[], byte[]> consumer,
    InFlightWork work,
    Dispatcher dispatcher,
    RetryGate retryGate,
    OffsetCommitter committer,
    PauseController pauses,
    DependencyPauses dependencyPauses,
    ConsumerLag lag,
    LoopDrain drain,
    Runnable releaseClientMetrics) {}
