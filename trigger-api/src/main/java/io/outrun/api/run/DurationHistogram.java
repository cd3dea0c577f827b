package io.outrun.api.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run durations counted in logarithmic bins, each about 5% wide, so a percentile read from it is
 * within 5% of the exact one (and exact when every value of its bin is the same) whatever the
 * number of runs: memory is bounded by the number of bins (under 400 up to a day), not runs. Two
 * histograms add bin by bin, so the same shape can be kept per bucket and merged. Not thread-safe:
 * one per computation.
 */
final class DurationHistogram {

  private static final double LOG_BASE = Math.log(1.05);

  private final TreeMap<Integer, Long> bins = new TreeMap<>();
  private final TreeMap<Integer, long[]> ranges = new TreeMap<>();
  private long count;

  void add(long durationMs) {
    long value = Math.max(0, durationMs);
    int bin = bin(value);
    bins.merge(bin, 1L, Long::sum);
    ranges.merge(
        bin,
        new long[] {value, value},
        (range, one) -> new long[] {Math.min(range[0], value), Math.max(range[1], value)});
    count++;
  }

  long count() {
    return count;
  }

  /**
   * The {@code percentile} (0 < p <= 100) by nearest rank: the highest value seen in the bin that
   * holds that rank; null when empty.
   */
  Long percentile(double percentile) {
    if (count == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
    long seen = 0;
    for (Map.Entry<Integer, Long> bin : bins.entrySet()) {
      seen += bin.getValue();
      if (seen >= rank) {
        return ranges.get(bin.getKey())[1];
      }
    }
    return ranges.lastEntry().getValue()[1];
  }

  private static int bin(long value) {
    return value < 1 ? 0 : 1 + (int) Math.floor(Math.log(value) / LOG_BASE);
  }
}
