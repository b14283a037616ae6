package dev.lanes.internal.dependency;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import dev.lanes.AdaptiveConcurrency;
import dev.lanes.Priority;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The adaptive concurrency limit of one dependency: Netflix's Gradient2 algorithm behind a limiter
 * partitioned by lane priority. Lanes of priority {@code HIGH} (realtime by default, whatever their
 * name) are guaranteed their share of the limit; all other lanes, and calls made outside a lane,
 * share the rest and may borrow the high lanes' unused part only while the whole limit is not
 * reached. Gradient2 rather than Vegas: it compares the recent latency with a long-term average
 * (not a minimum), so one fast outlier does not set a baseline a brown-out can never meet, and it
 * cuts the limit by up to half per sample where Vegas steps down by log10(limit).
 */
final class DependencyLimiter {

  static final String HIGH = "high";
  static final String OTHERS = "others";

  private final AdaptiveConcurrency config;
  private final AbstractLimiter<String> partitioned;
  private final Limiter<String> blocking;
  private final Map<String, AtomicInteger> busy =
      Map.of(HIGH, new AtomicInteger(), OTHERS, new AtomicInteger());

  DependencyLimiter(AdaptiveConcurrency config, LongSupplier nanoClock) {
    this.config = config;
    Gradient2Limit limit =
        Gradient2Limit.newBuilder()
            .initialLimit(config.max())
            .minLimit(config.min())
            .maxConcurrency(config.max())
            // The library's fixed 4 would hold a limit of 8 up even with latency x25: a queue
            // allowance of a tenth lets small limits fall to the minimum and large ones grow by
            // 2% per sample.
            .queueSize(current -> Math.max(1, current / 10))
            .build();
    double share = config.realtimeSharePercent() / 100.0;
    this.partitioned =
        (AbstractLimiter<String>)
            new PartitionedBuilder()
                .limit(limit)
                .clock(nanoClock::getAsLong)
                // The context handed to acquire is already the partition's name.
                .partitionResolver(partition -> partition)
                .partition(HIGH, share)
                .partition(OTHERS, 1.0 - share)
                .build();
    this.blocking =
        config.permitWait().isZero()
            ? partitioned
            : BlockingLimiter.wrap(partitioned, config.permitWait());
  }

  /**
   * The partition of the limit for a lane of {@code priority} (null outside a lane): by priority,
   * not by name, so a high-priority lane named otherwise keeps the guarantee, and a lane named
   * realtime but configured lower does not take it.
   */
  static String partitionOf(Priority priority) {
    return priority == Priority.HIGH ? HIGH : OTHERS;
  }

  /**
   * A permit for one call of a lane of {@code priority}, waiting up to the permit wait; empty when
   * none came. The permit's listener must hear exactly one of onSuccess, onIgnore or onDropped.
   */
  Optional<Limiter.Listener> acquire(Priority priority) throws InterruptedException {
    String partition = partitionOf(priority);
    Optional<Limiter.Listener> permit = blocking.acquire(partition);
    if (Thread.interrupted()) {
      // BlockingLimiter keeps the interrupt as a flag: hand it on as the exception it is.
      permit.ifPresent(Limiter.Listener::onIgnore);
      throw new InterruptedException("interrupted while waiting for a permit");
    }
    return permit.map(listener -> counted(busy.get(partition), listener));
  }

  /**
   * Whether a call of a lane of {@code priority} would find a permit now: the whole limit is not
   * reached, or the lane's partition is below its share. Resumes partitions that waited for a
   * permit.
   */
  boolean hasPermitFor(Priority priority) {
    if (partitioned.getInflight() < partitioned.getLimit()) {
      return true;
    }
    String partition = partitionOf(priority);
    double share = config.realtimeSharePercent() / 100.0;
    double percent = HIGH.equals(partition) ? share : 1.0 - share;
    // As the library computes a partition's part: rounded up, at least 1.
    int partitionLimit = (int) Math.max(1, Math.ceil(partitioned.getLimit() * percent));
    return busy.get(partition).get() < partitionLimit;
  }

  int limit() {
    return partitioned.getLimit();
  }

  int inFlight() {
    return partitioned.getInflight();
  }

  private static Limiter.Listener counted(AtomicInteger busy, Limiter.Listener listener) {
    busy.incrementAndGet();
    return new Limiter.Listener() {
      @Override
      public void onSuccess() {
        busy.decrementAndGet();
        listener.onSuccess();
      }

      @Override
      public void onIgnore() {
        busy.decrementAndGet();
        listener.onIgnore();
      }

      @Override
      public void onDropped() {
        busy.decrementAndGet();
        listener.onDropped();
      }
    };
  }

  private static final class PartitionedBuilder
      extends AbstractPartitionedLimiter.Builder<PartitionedBuilder, String> {
    @Override
    protected PartitionedBuilder self() {
      return this;
    }
  }
}
