package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How a worker's group consumers join their groups: as dynamic members (a new member id on every
 * start), or as static members named after a worker id the operator gave.
 *
 * <p>A static member that restarts within {@code session.timeout.ms} gets its partitions back
 * without a rebalance, and a killed one keeps them until that timeout. Each consumer needs an id of
 * its own in its group across the fleet, so the id is {@code <worker-id>.<lane>.<role>}: the lane's
 * main loops are {@code main-1}, {@code main-2}, ... in the lane's group, its retry loop is {@code
 * retry} in the retry group.
 *
 * @param workerId the operator's worker id when static, empty when dynamic
 */
public record GroupMembership(Optional<String> workerId) {

  /** Kafka's rule for a {@code group.instance.id} (JoinGroupRequest.validateGroupInstanceId). */
  static final int MAX_INSTANCE_ID_LENGTH = 249;

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final String RULE =
      "Kafka allows only ASCII letters, digits, '.', '_' and '-' in a group.instance.id";

  public GroupMembership {
    workerId.ifPresent(id -> requireLegal("worker id", id));
  }

  public static GroupMembership dynamic() {
    return new GroupMembership(Optional.empty());
  }

  /**
   * Static membership named after {@code workerId}.
   *
   * @throws IllegalArgumentException when the id has a character Kafka refuses in a member id
   */
  public static GroupMembership staticAs(String workerId) {
    return new GroupMembership(Optional.of(workerId));
  }

  /** The {@code group.instance.id} of the consumer of {@code lane} in {@code role}. */
  public static String instanceId(String workerId, String lane, String role) {
    return workerId + "." + lane + "." + role;
  }

  /**
   * Refuses a worker id that makes one of {@code lane}'s instance ids longer than Kafka allows, so
   * the worker stops before any client is made instead of in one consumer's constructor.
   */
  public void requireFits(LaneConfig lane) {
    if (workerId.isEmpty()) {
      return;
    }
    for (String role : roles(lane)) {
      String id = instanceId(workerId.get(), lane.name(), role);
      if (id.length() > MAX_INSTANCE_ID_LENGTH) {
        throw new IllegalArgumentException(
            "worker id '"
                + workerId.get()
                + "' is too long: its group.instance.id '"
                + id
                + "' has "
                + id.length()
                + " characters, Kafka allows at most "
                + MAX_INSTANCE_ID_LENGTH);
      }
      requireLegal("group.instance.id of lane " + lane.name(), id);
    }
  }

  /**
   * {@code config} for the consumer of {@code lane} in {@code role}, with its {@code
   * group.instance.id} when static; unchanged when dynamic.
   */
  public Map<String, Object> apply(Map<String, Object> config, String lane, String role) {
    if (workerId.isEmpty()) {
      return config;
    }
    Map<String, Object> copy = new HashMap<>(config);
    copy.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(workerId.get(), lane, role));
    return copy;
  }

  /** The roles of the lane's group consumers: its main loops, then its retry loop if it has one. */
  static List<String> roles(LaneConfig lane) {
    List<String> roles = new ArrayList<>();
    for (int number = 1; number <= lane.pollers(); number++) {
      roles.add(PollLoop.mainId(number));
    }
    if (!lane.retryTopics().isEmpty()) {
      roles.add(PollLoop.RETRY);
    }
    return roles;
  }

  private static void requireLegal(String what, String id) {
    if (!LEGAL.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " '" + id + "' is not allowed: " + RULE);
    }
  }
}
