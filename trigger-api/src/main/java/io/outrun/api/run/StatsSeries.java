package io.outrun.api.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/workflows/{id}/stats/series}: a workflow's finished non-test runs per time
 * bucket, oldest bucket first, the last one holding now.
 */
record StatsSeries(String workflowId, String window, long bucketSeconds, List<Bucket> buckets) {

  /**
   * One bucket: the runs queued in it by outcome, their duration's 50th and 95th percentile (of
   * those that ran; null if none), and the AI tokens and estimated cost they used.
   */
  record Bucket(
      Instant start,
      long completed,
      long failed,
      long cancelled,
      Long durationP50Ms,
      Long durationP95Ms,
      long aiTokens,
      double aiCost) {}

  /** One finished run as the series counts it. */
  record EndedRun(Instant queuedAt, String status, Long durationMs, long aiTokens, double aiCost) {}

  /** Adds up ended runs into a window's buckets. Not thread-safe: one per computation. */
  static final class Tally {

    private final SeriesWindow window;
    private final Instant start;
    private final List<Counts> counts = new ArrayList<>();

    Tally(SeriesWindow window, Instant now) {
      this.window = window;
      this.start = window.start(now);
      for (int i = 0; i < window.buckets(); i++) {
        counts.add(new Counts());
      }
    }

    /** Where the window starts: runs queued before it are not counted. */
    Instant start() {
      return start;
    }

    Tally add(EndedRun run) {
      int index = window.indexOf(start, run.queuedAt());
      if (index >= 0) {
        counts.get(index).add(run);
      }
      return this;
    }

    StatsSeries series(String workflowId) {
      List<Bucket> buckets = new ArrayList<>();
      for (int i = 0; i < counts.size(); i++) {
        buckets.add(counts.get(i).bucket(start.plusSeconds(i * window.bucketSeconds())));
      }
      return new StatsSeries(workflowId, window.wireName(), window.bucketSeconds(), buckets);
    }
  }

  private static final class Counts {

    private long completed;
    private long failed;
    private long cancelled;
    private long aiTokens;
    private double aiCost;
    private final DurationHistogram durations = new DurationHistogram();

    void add(EndedRun run) {
      switch (run.status()) {
        case "completed" -> completed++;
        case "failed" -> failed++;
        case "cancelled" -> cancelled++;
        default -> {
          return; // not ended: not counted
        }
      }
      if (run.durationMs() != null) {
        durations.add(run.durationMs());
      }
      aiTokens += run.aiTokens();
      aiCost += run.aiCost();
    }

    Bucket bucket(Instant start) {
      return new Bucket(
          start,
          completed,
          failed,
          cancelled,
          durations.percentile(50),
          durations.percentile(95),
          aiTokens,
          aiCost);
    }
  }
}
