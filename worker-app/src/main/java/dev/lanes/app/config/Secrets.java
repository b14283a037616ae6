package dev.lanes.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which settings hold secrets, and how they are shown: as {@link #MASK}, whatever their value. The
 * rule errs towards masking: showing {@code ******} for a harmless key (such as {@code
 * key.serializer}) costs a look at the file, printing a password costs a credential rotation.
 */
public final class Secrets {

  public static final String MASK = "******";

  // Substrings of Kafka (and schema registry) client settings that hold credentials:
  // sasl.jaas.config, ssl.key.password, ssl.keystore.key, basic.auth.user.info, sasl.oauthbearer...
  private static final List<String> SECRET_PARTS =
      List.of("password", "secret", "token", "key", "jaas", "credential", "user.info");

  private Secrets() {}

  /**
   * Whether {@code key} names a secret. Case and {@code _}/{@code .} are ignored, so an environment
   * variable such as {@code LANES_KAFKA_SSL_KEY_PASSWORD} counts like {@code ssl.key.password}.
   */
  public static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String normalized = key.toLowerCase(Locale.ROOT).replace('_', '.');
    return SECRET_PARTS.stream().anyMatch(normalized::contains);
  }

  /**
   * A copy of {@code values}, in their order, with every secret value replaced by {@link #MASK}.
   */
  public static Map<String, Object> mask(Map<String, ?> values) {
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach((key, value) -> masked.put(key, isSecret(key) ? MASK : value));
    return Collections.unmodifiableMap(masked);
  }
}
