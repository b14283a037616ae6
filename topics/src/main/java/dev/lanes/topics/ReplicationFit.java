package dev.lanes.topics;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Fits a catalog's replication to the cluster it is about to be provisioned on. Replication is
 * lowered for one case only: a single-node cluster, i.e. one live broker whose controller quorum
 * has one voter ({@code lanes broker}, a dev container). There it gets replication 1 and {@code
 * min.insync.replicas} 1, and says so.
 *
 * <p>Never on a cluster: a cluster with brokers down (a rolling restart, a broker failure) keeps
 * the configured replication. Its existing topics then match the catalog instead of drifting, and
 * new topics get all their replicas, which the missing brokers fill when they are back (KRaft
 * places replicas on registered brokers, live or not). One live broker whose quorum has several
 * voters, or whose quorum cannot be read, is such a cluster too.
 */
public final class ReplicationFit {

  private ReplicationFit() {}

  /**
   * The catalog to provision, and a notice for the operator when it is not the catalog as given or
   * the cluster cannot hold all its replicas now.
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
    if (isSingleNode(cluster)) {
      return new Fitted(
          catalog.withReplication((short) 1, 1),
          Optional.of(
              "single-node cluster (1 broker, 1 controller voter): topics get replication factor"
                  + " 1 and min.insync.replicas 1 instead of "
                  + replicationFactor));
    }
    return new Fitted(catalog, Optional.of(shortOfBrokers(brokers, replicationFactor, cluster)));
  }

  private static boolean isSingleNode(ClusterSize cluster) {
    return cluster.liveBrokers() == 1 && cluster.controllerVoters().equals(OptionalInt.of(1));
  }

  private static String shortOfBrokers(int brokers, int replicationFactor, ClusterSize cluster) {
    String notice =
        String.format(
            "%d live broker(s) for replication factor %d: replication stays %d; partitions on the"
                + " missing brokers are under-replicated until they are back",
            brokers, replicationFactor, replicationFactor);
    if (brokers == 1 && cluster.controllerVoters().isEmpty()) {
      // The one case we cannot tell from a single local broker: name the way out.
      notice +=
          " (the controller quorum could not be read; for a single local broker set"
              + " topics.replication-factor: 1)";
    }
    return notice;
  }

  /** The catalog to provision, and what to tell the operator about it, if anything. */
  public record Fitted(TopicCatalog catalog, Optional<String> notice) {
    public Fitted {
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(notice, "notice");
    }
  }
}
