package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CpuWindowTest {

  private static CpuWindow measured(long... counterReadings) {
    PrimitiveIterator.OfLong readings = LongStream.of(counterReadings).iterator();
    CpuWindow window = new CpuWindow(CpuShares.find(Map.of()), readings::nextLong);
    window.started();
    window.ended();
    return window;
  }

  @Test
  void aBacklogThatShrankOrHeldMeansTheRunnerKeptUp() {
    assertThat(measured(500, 120).backlogNote())
        .isEqualTo(" (the runner kept up: every accepted run's CPU is in it)");
    assertThat(measured(500, 500).backlogNote()).contains("kept up");
    assertThat(measured(500, 120).counterChange()).isEqualTo(-380);
  }

  @Test
  void aBacklogThatGrewIsNamedWithItsGrowth() {
    assertThat(measured(100, 1_100).backlogNote())
        .isEqualTo(" (the runner fell 1000 run requests behind: their runs' CPU is not in it)");
  }

  @Test
  void aCounterNotReadAtBothEdgesSaysNothing() {
    assertThat(measured(-1, 300).counted()).isFalse();
    assertThat(measured(-1, 300).backlogNote()).isEmpty();
    assertThat(measured(300, -1).backlogNote()).isEmpty();
    assertThat(new CpuWindow(CpuShares.find(Map.of()), null).counted()).isFalse();
  }
}
