package dev.lanes.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

  @Test
  void sumsTheHeapPoolsAndTheSucceededTasksOfEveryType() {
    String exposition =
        """
        # HELP jvm_memory_used_bytes The amount of used memory
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
        jvm_gc_live_data_size_bytes 3145728.0
        lanes_tasks_total{lane="a",outcome="succeeded",type="noop"} 1500.0
        lanes_tasks_total{lane="a",outcome="failed",type="noop"} 7.0
        lanes_tasks_total{lane="a",outcome="succeeded",type="echo"} 500.0
        """;

    WorkerMetrics.Reading reading = WorkerMetrics.parse(exposition);

    assertThat(reading.heapUsedBytes()).isEqualTo(10_485_760L + 2_097_152L);
    assertThat(reading.liveAfterGcBytes()).isEqualTo(3_145_728L);
    assertThat(reading.succeeded()).isEqualTo(2000);
  }
}
