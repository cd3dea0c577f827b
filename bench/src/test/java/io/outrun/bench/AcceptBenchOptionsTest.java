package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptBenchOptionsTest {

  @Test
  void defaultsWarmTheJitUpBeforeMeasuringHalfAMinute() {
    AcceptBenchOptions options = AcceptBenchOptions.parse(new String[0], Map.of());

    assertThat(options.seconds()).isEqualTo(30);
    assertThat(options.warmup()).isEqualTo(150);
    assertThat(options.connections()).isEqualTo(64);
    assertThat(options.apiUrl()).isEqualTo("http://localhost:8080");
    assertThat(options.kafkaBootstrap()).isEqualTo("localhost:9092");
  }

  @Test
  void optionsAndPortVariablesOverrideTheDefaults() {
    AcceptBenchOptions options =
        AcceptBenchOptions.parse(
            new String[] {"--seconds=10", "--warmup=0", "--connections=8"},
            Map.of("OUTRUN_API_PORT", "18080", "OUTRUN_KAFKA_PORT", "19092"));

    assertThat(options.seconds()).isEqualTo(10);
    assertThat(options.warmup()).isZero();
    assertThat(options.connections()).isEqualTo(8);
    assertThat(options.apiUrl()).isEqualTo("http://localhost:18080");
    assertThat(options.kafkaBootstrap()).isEqualTo("localhost:19092");
  }

  @Test
  void anUnknownOptionOrNoMeasuredTimeIsRefused() {
    assertThatThrownBy(() -> AcceptBenchOptions.parse(new String[] {"--rate=9"}, Map.of()))
        .hasMessageContaining("unknown argument '--rate=9'");
    assertThatThrownBy(() -> AcceptBenchOptions.parse(new String[] {"--seconds=0"}, Map.of()))
        .hasMessageContaining("--seconds");
    assertThatThrownBy(() -> AcceptBenchOptions.parse(new String[] {"--connections=0"}, Map.of()))
        .hasMessageContaining("--connections");
  }

  @Test
  void saysWhetherTheRunnerEndedRunsDuringTheWindow() {
    assertThat(AcceptBenchmark.runner(0, 18_040))
        .startsWith("its group committed no run request during the window (18040 accepted)")
        .endsWith("the figures are the accept path's alone");
    assertThat(AcceptBenchmark.runner(12_000, 18_000))
        .startsWith("its group committed 12000 run requests during the window (18000 accepted)")
        .endsWith("shared the cores with the accept path");
    assertThat(AcceptBenchmark.runner(-1, 18_000))
        .isEqualTo("Kafka did not say what its group committed");
  }
}
