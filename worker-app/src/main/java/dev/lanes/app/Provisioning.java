package dev.lanes.app;

import dev.lanes.topics.TopicCatalog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** What commands that create or check topics share. */
final class Provisioning {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Provisioning() {}

  /**
   * The catalog, with replication capped at the cluster's broker count: a single local broker
   * (`lanes broker`) holds one replica of each topic, not three. Says so when it caps.
   */
  static TopicCatalog fitToCluster(
      TopicCatalog catalog, int replicationFactor, Admin admin, PrintStream err) {
    int brokers = brokerCount(admin);
    if (brokers >= replicationFactor) {
      return catalog;
    }
    err.printf(
        "lanes: the cluster has %d broker(s); topics get replication factor %d instead of %d%n",
        brokers, brokers, replicationFactor);
    return catalog.withReplication((short) brokers, 1);
  }

  static Admin admin(Map<String, Object> clientProperties) {
    return Admin.create(clientProperties);
  }

  private static int brokerCount(Admin admin) {
    try {
      return admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka to count its brokers: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting brokers", e);
    }
  }
}
