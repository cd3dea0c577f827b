package io.outrun.api.run;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The time span of {@code GET /api/workflows/{id}/stats/series}: {@code day} is 24 one-hour
 * buckets, {@code week} 28 six-hour buckets, each aligned to UTC (a six-hour bucket starts at 00,
 * 06, 12 or 18 h), the last one holding {@code now}. Pure.
 */
enum SeriesWindow {
  DAY("day", Duration.ofHours(1), 24),
  WEEK("week", Duration.ofHours(6), 28);

  private final String wireName;
  private final Duration bucket;
  private final int buckets;

  SeriesWindow(String wireName, Duration bucket, int buckets) {
    this.wireName = wireName;
    this.bucket = bucket;
    this.buckets = buckets;
  }

  /** The window a {@code ?window=} names; absent or empty is {@code day}; anything else a 400. */
  static SeriesWindow of(String value) {
    if (value == null || value.isEmpty()) {
      return DAY;
    }
    for (SeriesWindow window : values()) {
      if (window.wireName.equals(value)) {
        return window;
      }
    }
    throw ProblemException.invalid(
        "Unknown stats window.", List.of(new FieldProblem("window", "must be day or week")));
  }

  String wireName() {
    return wireName;
  }

  long bucketSeconds() {
    return bucket.toSeconds();
  }

  int buckets() {
    return buckets;
  }

  /** The start of the oldest bucket of the window that ends with the bucket holding {@code now}. */
  Instant start(Instant now) {
    long size = bucketSeconds();
    long current = Math.floorDiv(now.getEpochSecond(), size) * size;
    return Instant.ofEpochSecond(current - (buckets - 1) * size);
  }

  /** The bucket {@code time} falls in, counted from the window's start, or -1 outside it. */
  int indexOf(Instant start, Instant time) {
    long offset = Math.floorDiv(time.getEpochSecond() - start.getEpochSecond(), bucketSeconds());
    return offset < 0 || offset >= buckets ? -1 : (int) offset;
  }
}
