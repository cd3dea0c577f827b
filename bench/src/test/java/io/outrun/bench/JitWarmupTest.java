package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JitWarmupTest {

  @Test
  void theBenchmarksOfAStackAsItRunsWarmUpForTwoMinutesUnlessToldOtherwise() {
    assertThat(DataChangeBenchmark.options(new String[0]))
        .containsEntry("jit-warmup", 120)
        .containsEntry("inserts", 1000);
    assertThat(DataChangeBenchmark.options(new String[] {"--jit-warmup=0"}))
        .containsEntry("jit-warmup", 0);
    assertThat(DependencyBenchmark.USAGE).endsWith("--jit-warmup=120");
    assertThat(KafkaTopicBenchmark.USAGE).contains("--warmup=200 --jit-warmup=120");
    assertThat(ScheduleBenchmark.USAGE).contains("--seconds=60 --jit-warmup=120");
  }

  @Test
  void theOptionJoinsABenchmarksOwnAndIsCheckedLikeThem() {
    Map<String, Integer> defaults = JitWarmup.withOption(Map.of("runs", 200));

    assertThat(defaults).containsOnly(Map.entry("runs", 200), Map.entry("jit-warmup", 120));
    assertThat(BenchArgs.parse(new String[] {"--jit-warmup=30"}, defaults, "u"))
        .containsEntry("jit-warmup", 30)
        .containsEntry("runs", 200);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--jit-warmup=-5"}, defaults, "u"))
        .withMessageContaining("--jit-warmup must be a whole number >= 0");
    assertThat(JitWarmup.withUsage("options: --runs=200"))
        .isEqualTo("options: --runs=200 --jit-warmup=120");
  }
}
