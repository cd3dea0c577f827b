package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GcWindowTest {

  private static String exposition(double count, double seconds) {
    return exposition(count, seconds, 2);
  }

  /**
   * Young pauses of two causes: {@code count} and {@code seconds} of one, {@code humongous} 50 ms.
   */
  private static String exposition(double count, double seconds, double humongous) {
    return """
        # HELP jvm_gc_pause_seconds Time spent in GC pause
        # TYPE jvm_gc_pause_seconds summary
        jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} %s
        jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} %s
        jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation"} %s
        jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation"} %s
        jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.07
        """
        .formatted(count, seconds, humongous, humongous * 0.05);
  }

  private static GcWindow over(String... expositions) {
    AtomicInteger next = new AtomicInteger();
    return new GcWindow(() -> expositions[next.getAndIncrement()]);
  }

  @Test
  void countsThePausesOfEveryCauseBetweenTheEdges() {
    GcWindow window = over(exposition(10, 0.5, 2), exposition(14, 0.7, 4));

    window.started();
    window.ended();

    // 4 of one cause for 200 ms, 2 of the other for 100 ms
    assertThat(window.text())
        .startsWith("stack GC pauses: 6, 300 ms in all (")
        .endsWith("% of the window), 50 ms on average");
  }

  @Test
  void tellsTheHeapAllocatedPerSecondOverTheWindow() {
    String allocated = "jvm_gc_memory_allocated_bytes_total %s\n";
    String[] expositions = {
      exposition(10, 0.5) + allocated.formatted(1e9),
      exposition(11, 0.6) + allocated.formatted(1.6e9)
    };
    AtomicInteger next = new AtomicInteger();
    long[] clock = {0, 2_000_000_000L}; // a window of 2 s
    AtomicInteger tick = new AtomicInteger();
    GcWindow window =
        new GcWindow(
            () -> expositions[next.getAndIncrement()], () -> clock[tick.getAndIncrement()]);

    window.started();
    window.ended();

    assertThat(window.text())
        .isEqualTo(
            "stack GC pauses: 1, 100 ms in all (5.0 % of the window), 100 ms on average;"
                + " heap allocated 300 MB/s");
  }

  @Test
  void saysSoWhenThereWasNoPauseOrNoReading() {
    GcWindow none = over(exposition(10, 0.5), exposition(10, 0.5));
    none.started();
    none.ended();
    assertThat(none.text()).isEqualTo("stack GC pauses: none");

    GcWindow unread = over(exposition(10, 0.5), null);
    unread.started();
    unread.ended();
    assertThat(unread.text()).isEqualTo("stack GC pauses: not reported");

    GcWindow noMetric = over("# nothing here\n", "# nor here\n");
    noMetric.started();
    noMetric.ended();
    assertThat(noMetric.text()).isEqualTo("stack GC pauses: not reported");
  }
}
