package io.outrun.bench;

import io.outrun.bench.PrometheusText.GcPauses;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stack JVM's garbage-collection pauses over a measured window of {@link WebhookLoad}: how many
 * and how long in all, from Micrometer's {@code jvm_gc_pause_seconds} count and sum read at the
 * window's edges. Every pause stops every thread of the JVM, so in the local stack (three services,
 * Kafka and MongoDB in one) a request that arrives during one waits it out: the pauses are the
 * usual floor of a tail latency there.
 */
final class GcWindow implements WebhookLoad.Window {

  private final Supplier<String> prometheusText;
  private final LongSupplier nanoTime;
  private Reading start;
  private Reading end;
  private long startNanos;
  private long endNanos;

  /** {@code prometheusText}: a Prometheus text exposition of the stack JVM, or null if none. */
  GcWindow(Supplier<String> prometheusText) {
    this(prometheusText, System::nanoTime);
  }

  /** {@code nanoTime}: the clock the window's length is read on. */
  GcWindow(Supplier<String> prometheusText, LongSupplier nanoTime) {
    this.prometheusText = prometheusText;
    this.nanoTime = nanoTime;
  }

  /** Read from a service's {@code /actuator/prometheus} (any service: they share the JVM). */
  static GcWindow of(String serviceUrl) {
    return new GcWindow(PrometheusText.scraper(serviceUrl));
  }

  @Override
  public void started() {
    startNanos = nanoTime.getAsLong();
    start = read();
  }

  @Override
  public void ended() {
    endNanos = nanoTime.getAsLong();
    end = read();
  }

  /** The pauses so far (null: not reported), and the heap allocated so far (NaN: unknown). */
  private record Reading(GcPauses pauses, double allocated) {}

  private Reading read() {
    String text = prometheusText.get();
    return text == null
        ? new Reading(null, Double.NaN)
        : new Reading(PrometheusText.gcPauses(text), PrometheusText.heapAllocated(text));
  }

  /**
   * One line: the pauses over the window, their total, its share of the window, and the mean; then
   * the heap allocated per second, which sets how often the young generation fills.
   */
  String text() {
    double windowMs = (endNanos - startNanos) / 1e6;
    double allocated = end == null ? Double.NaN : end.allocated() - start.allocated();
    String rate =
        Double.isNaN(allocated)
            ? ""
            : "; heap allocated %,.0f MB/s".formatted(allocated / 1e6 / (windowMs / 1000));
    if (start == null || end == null || start.pauses() == null || end.pauses() == null) {
      return "stack GC pauses: not reported" + rate;
    }
    double count = end.pauses().count() - start.pauses().count();
    double pausedMs = (end.pauses().seconds() - start.pauses().seconds()) * 1000;
    if (count == 0) {
      return "stack GC pauses: none" + rate;
    }
    return "stack GC pauses: %.0f, %.0f ms in all (%.1f %% of the window), %.0f ms on average%s"
        .formatted(count, pausedMs, 100 * pausedMs / windowMs, pausedMs / count, rate);
  }
}
