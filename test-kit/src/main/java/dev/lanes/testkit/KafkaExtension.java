package dev.lanes.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker as a {@link TestKafka} parameter (of test methods, constructors
 * and lifecycle methods). Register it with {@link KafkaTest} or {@code @ExtendWith}.
 *
 * <p>The broker is chosen once per JVM and shared by every test class: the cluster named by the
 * {@code KAFKA_BOOTSTRAP_SERVERS} environment variable if set, else a Testcontainers broker if
 * Docker is available, else a broker embedded in the JVM. It is stopped when the run ends.
 */
public final class KafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaExtension.class);

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestKafka.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return sharedKafka(extensionContext).testKafka();
  }

  private static SharedKafka sharedKafka(ExtensionContext context) {
    // The root store lives for the whole run and closes its AutoCloseable values when the run
    // ends, so every test class gets the same broker and nobody has to stop it.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedKafka.class, key -> SharedKafka.startFromEnvironment(), SharedKafka.class);
  }
}
