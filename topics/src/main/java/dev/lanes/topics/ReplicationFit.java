package dev.lanes.topics;

import java.util.Objects;
import java.util.Optional;

/** Fits a catalog's replication to the cluster it is about to be provisioned on. */
public final class ReplicationFit {

  private ReplicationFit() {}

  /**
   * The catalog to provision, and a notice for the operator when it is not the catalog as given.
   *
   * @param replicationFactor the replication factor the catalog was configured with
   */
  public static Fitted fit(TopicCatalog catalog, int replicationFactor, ClusterSize cluster) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(cluster, "cluster");
    int brokers = cluster.liveBrokers();
    if (brokers >= replicationFactor) {
      return new Fitted(catalog, Optional.empty());
    }
    return new Fitted(
        catalog.withReplication((short) brokers, 1),
        Optional.of(
            String.format(
                "the cluster has %d broker(s); topics get replication factor %d instead of %d",
                brokers, brokers, replicationFactor)));
  }

  /** The catalog to provision, and what to tell the operator about it, if anything. */
  public record Fitted(TopicCatalog catalog, Optional<String> notice) {
    public Fitted {
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(notice, "notice");
    }
  }
}
