package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.diagnostics.DiagnosticHandlers;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

  @Test
  void findsHandlersByTypeAndNothingForUnknownTypes() {
    TaskHandler handler = (task, context) -> {};
    HandlerRegistry registry = HandlerRegistry.builder().register("mail", handler).build();

    assertThat(registry.find("mail")).isSameAs(handler);
    assertThat(registry.find("sms")).isNull();
  }

  @Test
  void aTypeCanBeRegisteredOnce() {
    HandlerRegistry.Builder builder =
        HandlerRegistry.builder().register("mail", (task, context) -> {});

    assertThatThrownBy(() -> builder.register("mail", (task, context) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a handler is already registered for type mail");
  }

  @Test
  void diagnosticsRegisterTheFiveBuiltInTypes() {
    assertThat(DiagnosticHandlers.registry().types())
        .containsExactlyInAnyOrder("noop", "sleep", "fail", "echo", "http");
  }
}
