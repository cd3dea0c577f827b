package io.outrun.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterCatalogTest {

  private final SimpleMeterRegistry registry = registry();

  private static SimpleMeterRegistry registry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry
        .config()
        .meterFilter(
            new MeterCatalog(
                List.of(
                    MeterDoc.of("outrun.x.tokens", "tokens", "Tokens used"),
                    MeterDoc.count("outrun.x.started", "Things started"))));
    return registry;
  }

  @Test
  void documentedMeterGetsItsDescriptionAndUnitAndKeepsItsTags() {
    registry.counter("outrun.x.tokens", "model", "m1").increment();

    Counter counter = registry.get("outrun.x.tokens").tag("model", "m1").counter();
    assertThat(counter.getId().getDescription()).isEqualTo("Tokens used");
    assertThat(counter.getId().getBaseUnit()).isEqualTo("tokens");
  }

  @Test
  void descriptionSetWhereTheMeterIsBuiltWins() {
    Counter.builder("outrun.x.started").description("Set here").register(registry);

    assertThat(registry.get("outrun.x.started").counter().getId().getDescription())
        .isEqualTo("Set here");
  }

  @Test
  void undocumentedMeterIsLeftAsItIs() {
    registry.counter("jvm.other").increment();

    assertThat(registry.get("jvm.other").counter().getId().getDescription()).isNull();
  }

  @Test
  void aDocWithoutDescriptionIsRefused() {
    assertThatThrownBy(() -> MeterDoc.count("outrun.y", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
