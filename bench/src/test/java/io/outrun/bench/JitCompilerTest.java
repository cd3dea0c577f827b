package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitCompilerTest {

  @Test
  void aWarmUpGoesOnAWindowAtATimeWhileTheCompilerIsBusy() {
    assertThat(JitCompiler.extension(180, 480, 10, 31.0)).isEqualTo(10);
    assertThat(JitCompiler.extension(470, 480, 10, 31.0)).isEqualTo(10);
    // the last window is cut at the cap
    assertThat(JitCompiler.extension(475, 480, 10, 31.0)).isEqualTo(5);
  }

  @Test
  void aWarmUpStopsOnceTheCompilerHasSettledOrAtItsCap() {
    assertThat(JitCompiler.extension(180, 480, 10, 4.0)).isZero();
    assertThat(JitCompiler.extension(180, 480, 10, JitCompiler.SETTLED_PERCENT)).isZero();
    assertThat(JitCompiler.extension(480, 480, 10, 31.0)).isZero();
    // the cap below the set warm-up: a fixed warm-up
    assertThat(JitCompiler.extension(180, 120, 10, 31.0)).isZero();
    // the compiler's CPU unknown (no stack process on this machine): no guessing
    assertThat(JitCompiler.extension(180, 480, 10, Double.NaN)).isZero();
  }

  @Test
  void aWarmUpSaysWhyItStopped() {
    assertThat(JitCompiler.settling("--jit-warmup", 180, "--jit-warmup-max", 480, 180, 6.2))
        .isEqualTo(
            "warm-up: 180 s; the JIT compiler's threads took 6 % of one core in its last window");
    assertThat(JitCompiler.settling("--jit-warmup", 180, "--jit-warmup-max", 480, 250, 9.0))
        .startsWith("warm-up: 250 s in all, 70 s beyond --jit-warmup, until the JIT compiler's");
    assertThat(JitCompiler.settling("--warmup", 120, "--warmup-max", 360, 360, 22.0))
        .contains("the most --warmup-max allows")
        .contains("22 % of one core")
        .contains("what follows measures the compiler at work");
    assertThat(JitCompiler.settling("--jit-warmup", 180, "--jit-warmup-max", 0, 180, 22.0))
        .contains("fixed (--jit-warmup-max)");
    assertThat(JitCompiler.settling("--jit-warmup", 180, "--jit-warmup-max", 480, 180, Double.NaN))
        .contains("the compiler's CPU is unknown");
  }

  @Test
  void theCompilerThreadsAreOneGroupAsProcNamesThem() {
    // /proc cuts names at 15 characters: "C2 CompilerThread0" is "C2 CompilerThre"
    assertThat(CpuShares.group("C1 CompilerThre")).isEqualTo(CpuShares.group("C2 CompilerThre"));
  }
}
