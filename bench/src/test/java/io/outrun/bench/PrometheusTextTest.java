package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE =
      """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="Eden Space"} 1.0E7
      jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 2.5E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
      jvm_memory_used_bytes_total 5.0
      process_cpu_usage 0.25
      """;

  @Test
  void sumsTheSamplesWithTheLabel() {
    assertThat(PrometheusText.sum(SCRAPE, "jvm_memory_used_bytes", "area=\"heap\""))
        .isEqualTo(3.5e7);
  }

  @Test
  void readsAMetricWithoutLabels() {
    assertThat(PrometheusText.sum(SCRAPE, "process_cpu_usage", "")).isEqualTo(0.25);
  }

  @Test
  void anAbsentMetricIsNaN() {
    assertThat(PrometheusText.sum(SCRAPE, "jvm_gc_live_data_size_bytes", "")).isNaN();
    assertThat(PrometheusText.max(SCRAPE, "jvm_gc_live_data_size_bytes", "")).isNaN();
  }

  @Test
  void takesTheLargestSampleWithTheLabel() {
    assertThat(PrometheusText.max(SCRAPE, "jvm_memory_used_bytes", "area=")).isEqualTo(9.9e7);
    assertThat(PrometheusText.max(SCRAPE, "jvm_memory_used_bytes", "area=\"heap\""))
        .isEqualTo(2.5e7);
  }
}
