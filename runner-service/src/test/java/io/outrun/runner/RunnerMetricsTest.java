package io.outrun.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.BusMetrics;
import io.outrun.service.metrics.MeterCatalog;
import io.outrun.service.metrics.MeterNames;
import org.junit.jupiter.api.Test;

class RunnerMetricsTest {

  @Test
  void everyMeterNameHasADescription() {
    assertThat(new MeterCatalog(RunnerMetrics.DOCS).names())
        .containsAll(
            MeterNames.declaredBy(RunnerMetrics.class).stream()
                .filter(name -> !name.equals(BusMetrics.DEAD_LETTERED))
                .toList());
  }
}
