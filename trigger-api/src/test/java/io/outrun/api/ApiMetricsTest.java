package io.outrun.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.BusMetrics;
import io.outrun.service.metrics.MeterCatalog;
import io.outrun.service.metrics.MeterNames;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {

  @Test
  void everyMeterNameHasADescription() {
    assertThat(new MeterCatalog(ApiMetrics.DOCS).names())
        .containsAll(
            MeterNames.declaredBy(ApiMetrics.class).stream()
                .filter(name -> !name.equals(BusMetrics.DEAD_LETTERED))
                .toList());
  }
}
