package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.api.error.ProblemException;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsSeriesTest {

  private static final Instant NOW = Instant.parse("2026-03-08T07:42:10Z");

  @Test
  void dayIsTwentyFourHourBucketsEndingWithTheCurrentHour() {
    StatsSeries series = new StatsSeries.Tally(SeriesWindow.DAY, NOW).series("wf-1");

    assertThat(series.window()).isEqualTo("day");
    assertThat(series.bucketSeconds()).isEqualTo(3600);
    assertThat(series.buckets()).hasSize(24);
    assertThat(series.buckets().getFirst().start()).isEqualTo("2026-03-07T08:00:00Z");
    assertThat(series.buckets().getLast().start()).isEqualTo("2026-03-08T07:00:00Z");
  }

  @Test
  void weekIsTwentyEightSixHourBucketsAlignedToUtc() {
    StatsSeries series = new StatsSeries.Tally(SeriesWindow.WEEK, NOW).series("wf-1");

    assertThat(series.window()).isEqualTo("week");
    assertThat(series.bucketSeconds()).isEqualTo(21600);
    assertThat(series.buckets()).hasSize(28);
    assertThat(series.buckets().getLast().start()).isEqualTo("2026-03-08T06:00:00Z");
    assertThat(series.buckets().getFirst().start()).isEqualTo("2026-03-01T12:00:00Z");
  }

  @Test
  void runsAreCountedInTheBucketTheyWereQueuedInByOutcome() {
    StatsSeries series =
        new StatsSeries.Tally(SeriesWindow.DAY, NOW)
            .add(run("2026-03-08T07:00:00Z", "completed", 100L, 10, 0.5))
            .add(run("2026-03-08T07:42:09Z", "failed", 300L, 5, 0.25))
            .add(run("2026-03-08T06:59:59Z", "cancelled", null, 0, 0))
            .add(run("2026-03-07T07:59:59Z", "completed", 1L, 1, 1)) // before the window
            .add(run("2026-03-08T07:30:00Z", "running", null, 0, 0)) // not ended
            .series("wf-1");

    StatsSeries.Bucket current = series.buckets().getLast();
    assertThat(current.completed()).isEqualTo(1);
    assertThat(current.failed()).isEqualTo(1);
    assertThat(current.cancelled()).isZero();
    assertThat(current.aiTokens()).isEqualTo(15);
    assertThat(current.aiCost()).isEqualTo(0.75);
    assertThat(current.durationP50Ms()).isEqualTo(100);
    assertThat(current.durationP95Ms()).isEqualTo(300);
    StatsSeries.Bucket previous = series.buckets().get(22);
    assertThat(previous.cancelled()).isEqualTo(1);
    assertThat(previous.durationP50Ms()).isNull();
    assertThat(series.buckets().stream().mapToLong(StatsSeries.Bucket::completed).sum())
        .isEqualTo(1);
  }

  @Test
  void emptyBucketHasZerosAndNoPercentiles() {
    StatsSeries.Bucket bucket =
        new StatsSeries.Tally(SeriesWindow.DAY, NOW).series("wf-1").buckets().getFirst();

    assertThat(bucket)
        .isEqualTo(
            new StatsSeries.Bucket(
                Instant.parse("2026-03-07T08:00:00Z"), 0, 0, 0, null, null, 0, 0.0));
  }

  @Test
  void percentilesAreWithinFivePercentOfTheExactOnes() {
    DurationHistogram histogram = new DurationHistogram();
    LongStream.rangeClosed(1, 10_000).forEach(histogram::add);

    assertThat(histogram.percentile(50)).isBetween(5_000L, 5_250L);
    assertThat(histogram.percentile(95)).isBetween(9_500L, 9_975L);
    assertThat(histogram.count()).isEqualTo(10_000);
  }

  @Test
  void percentileOfEqualDurationsIsExact() {
    DurationHistogram histogram = new DurationHistogram();
    LongStream.range(0, 7).forEach(i -> histogram.add(1234));
    histogram.add(0);

    assertThat(histogram.percentile(50)).isEqualTo(1234);
    assertThat(histogram.percentile(95)).isEqualTo(1234);
    assertThat(histogram.percentile(1)).isZero();
  }

  @Test
  void unknownWindowIsRefusedNamingTheParameter() {
    assertThatThrownBy(() -> SeriesWindow.of("month"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors()).extracting("field").containsExactly("window"));
    assertThat(SeriesWindow.of(null)).isEqualTo(SeriesWindow.DAY);
    assertThat(SeriesWindow.of("week")).isEqualTo(SeriesWindow.WEEK);
  }

  private static StatsSeries.EndedRun run(
      String queuedAt, String status, Long durationMs, long tokens, double cost) {
    return new StatsSeries.EndedRun(Instant.parse(queuedAt), status, durationMs, tokens, cost);
  }
}
