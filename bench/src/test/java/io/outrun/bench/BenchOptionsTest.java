package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsAreTheIssuesTargets() {
    BenchOptions options = BenchOptions.parse(new String[0], Map.of());

    assertThat(options.rate()).isEqualTo(600);
    assertThat(options.seconds()).isEqualTo(60);
    assertThat(options.latencyRate()).isEqualTo(100);
    assertThat(options.jitWarmup()).isEqualTo(180);
    assertThat(options.jitWarmupMax()).isEqualTo(480);
    assertThat(options.apiUrl()).isEqualTo("http://localhost:8080");
    assertThat(options.mongoUri()).isEqualTo("mongodb://localhost:27017/?directConnection=true");
  }

  @Test
  void optionsAndPortVariablesOverrideTheDefaults() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--rate=0", "--latency-seconds=5"},
            Map.of("OUTRUN_API_PORT", "18080", "OUTRUN_RUNNER_PORT", " "));

    assertThat(options.throughputPhase()).isFalse();
    assertThat(options.latencySeconds()).isEqualTo(5);
    assertThat(options.apiUrl()).isEqualTo("http://localhost:18080");
    assertThat(options.runnerUrl()).isEqualTo("http://localhost:8082");
  }

  @Test
  void anUnknownOrMalformedArgumentIsRefused() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--speed=9"}, Map.of()))
        .hasMessageContaining("unknown argument '--speed=9'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate=-1"}, Map.of()))
        .hasMessageContaining("--rate must be a whole number");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--connections=0"}, Map.of()))
        .hasMessageContaining("--connections must be at least 1");
  }

  @Test
  void theJitWarmUpOffersTheFirstPhasesRate() {
    assertThat(BenchOptions.parse(new String[0], Map.of()).jitWarmupRate()).isEqualTo(600);
    assertThat(BenchOptions.parse(new String[] {"--rate=450"}, Map.of()).jitWarmupRate())
        .isEqualTo(450);
    // the throughput phase skipped: the latency phase's rate
    assertThat(
            BenchOptions.parse(new String[] {"--rate=0", "--latency-rate=80"}, Map.of())
                .jitWarmupRate())
        .isEqualTo(80);
    assertThat(
            BenchOptions.parse(new String[] {"--seconds=0", "--latency-rate=80"}, Map.of())
                .jitWarmupRate())
        .isEqualTo(80);
  }

  @Test
  void noJitWarmUpWhenAskedForNoneOrWithNoPhaseToWarmUpFor() {
    assertThat(BenchOptions.parse(new String[] {"--jit-warmup=0"}, Map.of()).jitWarmupRate())
        .isZero();
    assertThat(
            BenchOptions.parse(new String[] {"--rate=0", "--latency-seconds=0"}, Map.of())
                .jitWarmupRate())
        .isZero();
  }

  @Test
  void theJitWarmUpIsAnOptionLikeTheOthers() {
    BenchOptions options = BenchOptions.parse(new String[] {"--jit-warmup=30"}, Map.of());
    assertThat(options.jitWarmup()).isEqualTo(30);
    assertThat(options.warmup()).isEqualTo(10);
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--jit-warmup=-1"}, Map.of()))
        .hasMessageContaining("--jit-warmup must be a whole number >= 0");
  }
}
