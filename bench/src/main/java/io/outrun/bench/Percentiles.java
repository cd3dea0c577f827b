package io.outrun.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
record Percentiles(int count, double p50, double p90, double p99, double max) {

  static Percentiles of(Collection<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 90),
        rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** The smallest value with at least p percent of all values at or below it. */
  private static double rank(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }

  @Override
  public String toString() {
    return text("runs", "no runs");
  }

  /** p50, p90, p99 and max, then how many {@code unit} they are of; {@code none} when none. */
  String text(String unit, String none) {
    return count == 0
        ? none
        : "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d %s)"
            .formatted(p50, p90, p99, max, count, unit);
  }
}
