package io.outrun.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.BusMetrics;
import io.outrun.service.metrics.MeterCatalog;
import io.outrun.service.metrics.MeterNames;
import org.junit.jupiter.api.Test;

class ListenerMetricsTest {

  @Test
  void everyMeterNameHasADescription() {
    assertThat(new MeterCatalog(ListenerMetrics.DOCS).names())
        .containsAll(
            MeterNames.declaredBy(ListenerMetrics.class).stream()
                .filter(name -> !name.equals(BusMetrics.DEAD_LETTERED))
                .toList());
  }
}
