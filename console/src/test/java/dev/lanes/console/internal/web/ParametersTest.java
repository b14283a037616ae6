package dev.lanes.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.console.internal.ConsoleProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void repeatedNamesKeepEveryValueInOrder() {
    assertThat(Parameters.parse("position=0%401&position=2%405&to=main", "form"))
        .containsExactly(
            java.util.Map.entry("position", List.of("0@1", "2@5")),
            java.util.Map.entry("to", List.of("main")));
  }

  @Test
  void plusIsASpaceAndANameWithoutValueIsEmpty() {
    assertThat(Parameters.parse("q=connection+refused&flag", "query"))
        .containsEntry("q", List.of("connection refused"))
        .containsEntry("flag", List.of(""));
  }

  @Test
  void emptyOrMissingIsNoParameters() {
    assertThat(Parameters.parse(null, "query")).isEmpty();
    assertThat(Parameters.parse("", "query")).isEmpty();
    assertThat(Parameters.parse("&&", "query")).isEmpty();
  }

  @Test
  void brokenEscapeIs400NamingTheParameterAndValue() {
    assertThatThrownBy(() -> Parameters.parse("lane=a&since=%zz", "query"))
        .isInstanceOfSatisfying(ConsoleProblem.class, p -> assertThat(p.status()).isEqualTo(400))
        .hasMessage(
            "query parameter 'since' is not valid percent-encoding, was '%zz' (write % as %25)");
    assertThatThrownBy(() -> Parameters.parse("bad%2=1", "form"))
        .hasMessageContaining("form parameter 'bad%2'");
  }

  @Test
  void aHugeBrokenValueIsShortenedInTheMessage() {
    assertThatThrownBy(() -> Parameters.parse("q=" + "a".repeat(1000) + "%", "form"))
        .hasMessageContaining("...")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }
}
