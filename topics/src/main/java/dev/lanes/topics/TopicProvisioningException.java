package dev.lanes.topics;

/** Provisioning could not finish: a Kafka call failed or the deadline passed. Names the topics. */
public class TopicProvisioningException extends RuntimeException {

  public TopicProvisioningException(String message) {
    super(message);
  }

  public TopicProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
