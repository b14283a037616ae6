package dev.lanes.app;

import dev.lanes.topics.ClusterSize;
import dev.lanes.topics.ReplicationFit;
import dev.lanes.topics.TopicCatalog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** What commands that create or check topics share. */
final class Provisioning {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Provisioning() {}

  /**
   * The catalog fitted to the cluster by {@link ReplicationFit}, which says when and why it changed
   * the replication.
   */
  static TopicCatalog fitToCluster(
      TopicCatalog catalog, int replicationFactor, Admin admin, PrintStream err) {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(catalog, replicationFactor, ClusterSize.describe(admin, TIMEOUT));
    fitted.notice().ifPresent(notice -> err.println("lanes: " + notice));
    return fitted.catalog();
  }

  static Admin admin(Map<String, Object> clientProperties) {
    return Admin.create(clientProperties);
  }
}
