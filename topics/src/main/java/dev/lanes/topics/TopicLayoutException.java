package dev.lanes.topics;

/**
 * A lane's topics exist on the cluster with partition counts that disagree, or some are missing.
 * The message names each topic and its partition count; the fix is an operator's decision.
 */
public class TopicLayoutException extends RuntimeException {

  public TopicLayoutException(String message) {
    super(message);
  }
}
