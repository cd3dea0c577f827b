package io.outrun.runner.engine;

import io.outrun.runner.RunnerMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tag value chosen by workflow authors (a workflow id, a model name), bounded: the first {@code
 * max} distinct values keep their own series, later ones share {@link RunnerMetrics#OTHER}. On a
 * runner that lives long the first ones met are the busiest, and a restart lets new ones in.
 */
final class BoundedTag {

  private final int max;
  private final Set<String> kept = ConcurrentHashMap.newKeySet();

  BoundedTag(int max) {
    this.max = max;
  }

  String of(String value) {
    if (value == null || value.isEmpty()) {
      return RunnerMetrics.UNKNOWN;
    }
    if (kept.contains(value)) {
      return value;
    }
    synchronized (kept) {
      if (kept.size() < max) {
        kept.add(value);
        return value;
      }
    }
    return RunnerMetrics.OTHER;
  }
}
