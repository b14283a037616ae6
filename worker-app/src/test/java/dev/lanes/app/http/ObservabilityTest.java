package dev.lanes.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservabilityTest {

  @Test
  void theRegistryExposesJvmAndProcessMeters() {
    try (Observability observability = Observability.start()) {
      String scrape = observability.registry().scrape();

      assertThat(scrape)
          .contains("jvm_memory_used_bytes{")
          .contains("jvm_gc_memory_allocated_bytes_total")
          .contains("jvm_threads_live_threads")
          .contains("jvm_classes_loaded_classes")
          .contains("system_cpu_count")
          .contains("process_uptime_seconds");
    }
  }
}
