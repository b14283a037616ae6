package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  private static final String JAAS_PASSWORD = "jaas-pw-4711";
  private static final String KEY_PASSWORD = "key-pw-0815";
  private static final String USER_INFO = "user:info-secret";

  private static final LanesConfig WITH_SECRETS =
      LanesConfig.fromYaml(
          """
          kafka:
            properties:
              security.protocol: SASL_SSL
              sasl.jaas.config: PlainLoginModule required username="u" password="%s";
              ssl.key.password: %s
              basic.auth.user.info: "%s"
          """
              .formatted(JAAS_PASSWORD, KEY_PASSWORD, USER_INFO),
          "secrets.yaml");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasl.jaas.config",
        "ssl.key.password",
        "ssl.truststore.password",
        "ssl.keystore.key",
        "basic.auth.user.info",
        "sasl.oauthbearer.client.credentials.client.secret",
        "sasl.login.token",
        "SSL.KEY.PASSWORD",
        "LANES_KAFKA_SASL_JAAS_CONFIG",
        "LANES_KAFKA_SSL_KEYSTORE_PASSWORD"
      })
  void secretKeys(String key) {
    assertThat(Secrets.isSecret(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "security.protocol",
        "sasl.mechanism",
        "bootstrap.servers",
        "acks",
        "client.dns.lookup",
        "ssl.endpoint.identification.algorithm"
      })
  void plainKeys(String key) {
    assertThat(Secrets.isSecret(key)).isFalse();
  }

  @Test
  void maskReplacesOnlySecretValuesAndKeepsTheOrder() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("sasl.mechanism", "PLAIN");
    values.put("sasl.jaas.config", JAAS_PASSWORD);
    values.put("acks", 1);

    assertThat(Secrets.mask(values))
        .containsExactly(
            Map.entry("sasl.mechanism", "PLAIN"),
            Map.entry("sasl.jaas.config", Secrets.MASK),
            Map.entry("acks", 1));
  }

  @Test
  void renderShowsSecretsMaskedAndEverythingElse() {
    String rendered = WITH_SECRETS.render();

    assertThat(rendered)
        .doesNotContain(JAAS_PASSWORD, KEY_PASSWORD, USER_INFO)
        .contains("security.protocol: SASL_SSL")
        .contains("sasl.jaas.config: '******'", "ssl.key.password: '******'");
  }

  @Test
  void renderMasksSecretsThatCameFromTheEnvironment() {
    LanesConfig config =
        LanesConfig.defaults()
            .withEnvironment(Map.of("LANES_KAFKA_SSL_TRUSTSTORE_PASSWORD", KEY_PASSWORD));

    assertThat(config.render()).doesNotContain(KEY_PASSWORD).contains("ssl.truststore.password");
    assertThat(config.toString()).doesNotContain(KEY_PASSWORD);
  }

  @Test
  void toStringMasksSecrets() {
    assertThat(WITH_SECRETS.toString())
        .doesNotContain(JAAS_PASSWORD, KEY_PASSWORD, USER_INFO)
        .contains("sasl.jaas.config=" + Secrets.MASK, "security.protocol=SASL_SSL");
    assertThat(WITH_SECRETS.kafka().toString()).doesNotContain(JAAS_PASSWORD);
  }

  @Test
  void kafkaClientsStillGetTheRealSecrets() {
    assertThat(WITH_SECRETS.kafkaProperties()).containsEntry("ssl.key.password", KEY_PASSWORD);
  }

  @Test
  void yamlSyntaxErrorsDoNotQuoteTheBrokenLine() {
    String unterminated =
        "kafka:\n  properties:\n    sasl.jaas.config: \"password=" + JAAS_PASSWORD;

    assertThatThrownBy(() -> LanesConfig.fromYaml(unterminated, "broken.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("broken.yaml: not valid YAML at line ")
        .hasNoCause()
        .message()
        .doesNotContain(JAAS_PASSWORD)
        .doesNotContain("\n");
  }

  @Test
  void anUnquotedSecretStartingWithAStarIsRefusedNotReadAsAnotherValue() {
    String yaml = "kafka:\n  properties:\n    ssl.key.password: *" + KEY_PASSWORD + "\n";

    assertThatThrownBy(() -> LanesConfig.fromYaml(yaml, "star.yaml"))
        .hasMessage(
            "star.yaml: YAML aliases are not supported at line 3, column 23"
                + " (a value starting with '*' must be quoted)");
  }
}
