package dev.lanes.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to Kafka: its test methods, constructor and lifecycle methods can
 * declare a {@link TestKafka} parameter. Shorthand for {@code @ExtendWith(KafkaExtension.class)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KafkaExtension.class)
public @interface KafkaTest {}
