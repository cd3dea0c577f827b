package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookBenchOptionsTest {

  @Test
  void defaultsWarmTheJitUpForTwoMinutesBeforeMeasuring() {
    WebhookBenchOptions options = WebhookBenchOptions.parse(new String[0], Map.of());

    assertThat(options.seconds()).isEqualTo(15);
    assertThat(options.warmup()).isEqualTo(120);
    assertThat(options.warmupMax()).isEqualTo(360);
    assertThat(options.connections()).isEqualTo(64);
    assertThat(options.latencySeconds()).isEqualTo(15);
    assertThat(options.bodyBytes()).isEqualTo(512);
    assertThat(options.drain()).isZero();
    assertThat(options.listenerUrl()).isEqualTo("http://localhost:8081");
    assertThat(options.apiUrl()).isEqualTo("http://localhost:8080");
    assertThat(options.kafkaBootstrap()).isEqualTo("localhost:9092");
  }

  @Test
  void theHalfLoadRateIsHalfTheSaturationUnlessARateIsGiven() {
    WebhookBenchOptions measured = WebhookBenchOptions.parse(new String[0], Map.of());
    WebhookBenchOptions fixed = WebhookBenchOptions.parse(new String[] {"--rate=1200"}, Map.of());

    assertThat(measured.latencyRate(4321.0)).isEqualTo(2161);
    assertThat(measured.latencyRate(0.4)).isEqualTo(1);
    assertThat(fixed.latencyRate(4321.0)).isEqualTo(1200);
  }

  @Test
  void optionsAndPortVariablesOverrideTheDefaults() {
    WebhookBenchOptions options =
        WebhookBenchOptions.parse(
            new String[] {"--seconds=30", "--connections=128", "--latency-seconds=0"},
            Map.of("OUTRUN_LISTENER_PORT", "18081", "OUTRUN_KAFKA_PORT", " "));

    assertThat(options.seconds()).isEqualTo(30);
    assertThat(options.connections()).isEqualTo(128);
    assertThat(options.latencyPhase()).isFalse();
    assertThat(options.listenerUrl()).isEqualTo("http://localhost:18081");
    assertThat(options.kafkaBootstrap()).isEqualTo("localhost:9092");
  }

  @Test
  void anUnknownOrMalformedArgumentIsRefused() {
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"--speed=9"}, Map.of()))
        .hasMessageContaining("unknown argument '--speed=9'");
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"seconds=9"}, Map.of()))
        .hasMessageContaining("unknown argument 'seconds=9'");
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"--rate=-1"}, Map.of()))
        .hasMessageContaining("--rate must be a whole number");
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"--rate=fast"}, Map.of()))
        .hasMessageContaining("--rate must be a whole number");
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"--seconds=0"}, Map.of()))
        .hasMessageContaining("--seconds must be at least 1");
    assertThatThrownBy(
            () -> WebhookBenchOptions.parse(new String[] {"--body-bytes=2000000"}, Map.of()))
        .hasMessageContaining("--body-bytes must be at most");
    assertThatThrownBy(() -> WebhookBenchOptions.parse(new String[] {"--help"}, Map.of()))
        .hasMessageContaining("--connections=64");
  }
}
