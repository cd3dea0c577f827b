package io.outrun.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second: runner-service's heap and its process's CPU, from its {@code /actuator/prometheus}
 * (Micrometer's JVM metrics), the machine's CPU, and this benchmark's own CPU. In the local stack
 * the three services, Kafka and MongoDB share one JVM, so "runner heap" is that whole JVM's heap:
 * an upper bound for the runner's. Also the stack's garbage-collection pauses ({@code
 * jvm_gc_pause_seconds}): how many, how long in all, and the longest seen.
 */
final class StackGauges implements AutoCloseable {

  private static final double MB = 1024 * 1024;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI prometheus;
  private final OperatingSystemMXBean bench =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("bench-gauges").unstarted(runnable));
  private volatile Sample last =
      new Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  private volatile double maxHeapMb = Double.NaN;
  private volatile Pauses firstPauses;
  private volatile Pauses lastPauses;
  private volatile double longestPauseMs = Double.NaN;

  /** The stack's GC pauses so far: how many and their total time. */
  private record Pauses(double count, double seconds, long atNanos) {}

  /**
   * Heap in MB; CPU as a share of the whole machine (all cores), in percent: the stack's process,
   * this benchmark's, and the machine's (anything else running shows as the difference).
   */
  record Sample(
      double heapMb, double liveAfterGcMb, double stackCpu, double benchCpu, double machineCpu) {}

  StackGauges(String runnerUrl) {
    this.prometheus = URI.create(runnerUrl + "/actuator/prometheus");
    sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  Sample last() {
    return last;
  }

  /** The most heap seen in use at any sample. */
  double maxHeapMb() {
    return maxHeapMb;
  }

  private void sample() {
    double benchCpu = bench.getProcessCpuLoad() * 100;
    try {
      String text =
          http.send(
                  HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double heap = PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / MB;
      last =
          new Sample(
              heap,
              PrometheusText.sum(text, "jvm_gc_live_data_size_bytes", "") / MB,
              PrometheusText.sum(text, "process_cpu_usage", "") * 100,
              benchCpu,
              PrometheusText.sum(text, "system_cpu_usage", "") * 100);
      maxHeapMb = Double.isNaN(maxHeapMb) ? heap : Math.max(maxHeapMb, heap);
      samplePauses(text);
    } catch (Exception e) {
      last = new Sample(Double.NaN, Double.NaN, Double.NaN, benchCpu, Double.NaN);
    }
  }

  private void samplePauses(String text) {
    PrometheusText.GcPauses read = PrometheusText.gcPauses(text);
    if (read == null) {
      return;
    }
    Pauses now = new Pauses(read.count(), read.seconds(), System.nanoTime());
    Pauses before = lastPauses;
    lastPauses = now;
    if (before == null) {
      firstPauses = now;
      return;
    }
    if (now.count() == before.count()) {
      return; // no pause since the last sample; the recent maximum may be older than the benchmark
    }
    double longest = PrometheusText.max(text, "jvm_gc_pause_seconds_max", "") * 1000;
    longestPauseMs = Double.isNaN(longestPauseMs) ? longest : Math.max(longestPauseMs, longest);
  }

  /**
   * The stack's GC pauses since this benchmark's first sample, as one line: how many, their total
   * and share of the time, and the longest (Micrometer's recent maximum, sampled every second).
   */
  String pauses() {
    Pauses first = firstPauses;
    Pauses last = lastPauses;
    if (first == null || last == first) {
      return "stack GC pauses: not reported";
    }
    double wallSeconds = (last.atNanos() - first.atNanos()) / 1e9;
    double pausedMs = (last.seconds() - first.seconds()) * 1000;
    return "stack GC pauses over %.0f s: %.0f, %.0f ms in all (%.1f%% of the time), longest %.0f ms"
        .formatted(
            wallSeconds,
            last.count() - first.count(),
            pausedMs,
            pausedMs / (wallSeconds * 10),
            longestPauseMs);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
