package io.outrun.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies in nanoseconds from any thread, kept whole (a few hundred thousand at most). */
final class LatencyLog {

  private long[] nanos = new long[4096];
  private int size;

  synchronized void add(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  synchronized List<Double> millis() {
    List<Double> millis = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      millis.add(nanos[i] / 1e6);
    }
    return millis;
  }
}
