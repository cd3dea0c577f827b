package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bench.RunLedger.Counts;
import io.outrun.bench.ThroughputSummary.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputSummaryTest {

  private static Window window(long accepted, long completed, long backlogAtEnd) {
    return new Window(10, new Counts(accepted, 0, accepted, 0, completed, 0), backlogAtEnd);
  }

  @Test
  void ratesArePerSecondOverAllMeasuredWindows() {
    ThroughputSummary summary =
        ThroughputSummary.of(List.of(window(1000, 990, 20), window(1000, 1010, 0)), 10, 100);

    assertThat(summary.seconds()).isEqualTo(20.0);
    assertThat(summary.offeredPerSecond()).isEqualTo(100.0);
    assertThat(summary.completedPerSecond()).isEqualTo(100.0);
    assertThat(summary.keepsUp()).isTrue();
  }

  @Test
  void backlogGrowingByMoreThanOneSecondOfLoadFallsBehind() {
    ThroughputSummary summary =
        ThroughputSummary.of(List.of(window(1000, 500, 500), window(1000, 500, 1000)), 0, 100);

    assertThat(summary.firstBacklog()).isEqualTo(500);
    assertThat(summary.lastBacklog()).isEqualTo(1000);
    assertThat(summary.backlogGrew()).isTrue();
    assertThat(summary.keepsUp()).isFalse();
  }

  @Test
  void backlogWobblingWithinOneSecondOfLoadIsSteady() {
    ThroughputSummary summary =
        ThroughputSummary.of(List.of(window(1000, 1000, 30), window(1000, 950, 80)), 0, 100);

    assertThat(summary.backlogGrew()).isFalse();
  }

  @Test
  void aSingleWindowIsComparedWithTheBacklogBeforeIt() {
    ThroughputSummary summary = ThroughputSummary.of(List.of(window(1000, 700, 350)), 50, 100);

    assertThat(summary.firstBacklog()).isEqualTo(50);
    assertThat(summary.backlogGrew()).isTrue();
  }

  @Test
  void errorsMeanItDoesNotKeepUp() {
    Window withErrors = new Window(10, new Counts(1000, 0, 990, 10, 990, 0), 0);

    assertThat(ThroughputSummary.of(List.of(withErrors), 0, 100).keepsUp()).isFalse();
  }
}
