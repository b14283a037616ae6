package dev.lanes.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Asks the cluster to describe itself, with a short timeout, and remembers the answer for a second
 * so that a burst of probes and scrapes costs the broker one request.
 */
public final class BrokerProbe implements AutoCloseable {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  static final Duration ANSWER_TTL = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<BrokerStatus> check;
  private final Clock clock;
  private final Runnable onClose;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Answer last;

  /** A probe whose check is {@code check}: for tests, which need no broker. */
  BrokerProbe(Supplier<BrokerStatus> check, Clock clock, Runnable onClose) {
    this.check = check;
    this.clock = clock;
    this.onClose = onClose;
  }

  /**
   * A probe with one admin client made from {@code clientProperties} (bootstrap servers and the
   * same security settings as the lanes'), reused by every check.
   */
  public static BrokerProbe connect(Map<String, Object> clientProperties) {
    Admin admin = Admin.create(clientProperties);
    return new BrokerProbe(
        () -> describeCluster(admin), Clock.systemUTC(), () -> admin.close(CLOSE_TIMEOUT));
  }

  /**
   * The broker's status, at most {@link #ANSWER_TTL} old. While another thread is asking the
   * broker, answers the last known status rather than wait up to {@link #CALL_TIMEOUT}: waiting
   * would tie up the server's threads, and with them the liveness probe, during an outage.
   */
  public BrokerStatus status() {
    Answer known = last;
    if (isFresh(known)) {
      return known.status();
    }
    if (!checking.tryLock()) {
      return known != null ? known.status() : BrokerStatus.unreachable("first check in progress");
    }
    try {
      known = last;
      if (isFresh(known)) {
        return known.status();
      }
      BrokerStatus status = check.get();
      last = new Answer(status, clock.instant());
      return status;
    } finally {
      checking.unlock();
    }
  }

  @Override
  public void close() {
    onClose.run();
  }

  static BrokerStatus describeCluster(Admin admin) {
    DescribeClusterOptions options =
        new DescribeClusterOptions().timeoutMs((int) CALL_TIMEOUT.toMillis());
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(options)
              .nodes()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return nodes.isEmpty()
          ? BrokerStatus.unreachable("the cluster reported no brokers")
          : BrokerStatus.REACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BrokerStatus.unreachable("interrupted while asking the cluster");
    } catch (TimeoutException e) {
      return BrokerStatus.unreachable("no answer within " + CALL_TIMEOUT.toMillis() + " ms");
    } catch (ExecutionException e) {
      return BrokerStatus.unreachable(reason(e.getCause()));
    } catch (RuntimeException e) {
      // An admin client that was closed or misconfigured throws rather than failing the future.
      return BrokerStatus.unreachable(reason(e));
    }
  }

  /** The exception's type and message, e.g. {@code TimeoutException: Timed out waiting ...}. */
  static String reason(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  private boolean isFresh(Answer answer) {
    if (answer == null) {
      return false;
    }
    Duration age = Duration.between(answer.at(), clock.instant());
    // A wall clock set back must not keep an old answer fresh until it catches up.
    return !age.isNegative() && age.compareTo(ANSWER_TTL) < 0;
  }

  private record Answer(BrokerStatus status, Instant at) {}
}
