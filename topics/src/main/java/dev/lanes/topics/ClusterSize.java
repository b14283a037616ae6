package dev.lanes.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * What decides how many replicas a topic can get: the brokers the cluster reports live now, and the
 * voters of its KRaft controller quorum when the cluster lets us read them.
 *
 * @param liveBrokers brokers in the cluster's metadata now; a stopped broker is not among them
 * @param controllerVoters voters of the controller quorum, empty when the quorum could not be
 *     described (not authorized, or an older broker)
 */
public record ClusterSize(int liveBrokers, OptionalInt controllerVoters) {

  public ClusterSize {
    if (liveBrokers < 0) {
      throw new IllegalArgumentException("liveBrokers must be >= 0, was " + liveBrokers);
    }
    Objects.requireNonNull(controllerVoters, "controllerVoters");
  }

  /**
   * Asks the cluster. The quorum is read only when a single broker answers, the one case where it
   * matters (see {@link ReplicationFit}).
   *
   * @throws TopicProvisioningException if the brokers cannot be counted within {@code timeout}
   */
  public static ClusterSize describe(Admin admin, Duration timeout) {
    Deadline deadline = Deadline.after(timeout);
    int brokers;
    try {
      brokers = deadline.await(admin.describeCluster().nodes(), "count the brokers").size();
    } catch (ExecutionException e) {
      throw new TopicProvisioningException(
          "cannot reach Kafka to count its brokers: " + e.getCause(), e.getCause());
    }
    if (brokers != 1) {
      return new ClusterSize(brokers, OptionalInt.empty());
    }
    return new ClusterSize(brokers, voters(admin, deadline));
  }

  // Not authorized or not supported: unknown, which never counts as a single node.
  private static OptionalInt voters(Admin admin, Deadline deadline) {
    try {
      return OptionalInt.of(
          deadline
              .await(admin.describeMetadataQuorum().quorumInfo(), "describe the controller quorum")
              .voters()
              .size());
    } catch (ExecutionException e) {
      return OptionalInt.empty();
    }
  }
}
