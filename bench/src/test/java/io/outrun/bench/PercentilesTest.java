package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfAHundredValuesIsTheValueAtThatRank() {
    List<Double> oneToHundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

    Percentiles percentiles = Percentiles.of(oneToHundred.reversed());

    assertThat(percentiles).isEqualTo(new Percentiles(100, 50.0, 90.0, 99.0, 100.0));
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    assertThat(Percentiles.of(List.of(7.5))).isEqualTo(new Percentiles(1, 7.5, 7.5, 7.5, 7.5));
  }

  @Test
  void noValuesReportNoRuns() {
    Percentiles none = Percentiles.of(List.of());

    assertThat(none.count()).isZero();
    assertThat(none.p99()).isNaN();
    assertThat(none).hasToString("no runs");
  }
}
