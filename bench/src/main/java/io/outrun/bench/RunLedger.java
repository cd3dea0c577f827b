package io.outrun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to every run the benchmark asked for, counted as it happens: offered (due to be
 * sent), shed (not sent: every connection busy), accepted (202), rejected (any other answer or no
 * answer), ended (seen completed, failed or cancelled in MongoDB).
 */
final class RunLedger {

  /** Which part of the benchmark asked for a run. */
  enum Phase {
    WARMUP,
    THROUGHPUT,
    LATENCY
  }

  /**
   * A run seen ended.
   *
   * @param requestToEndNanos from just before its POST was sent until MongoDB showed it ended
   * @param queuedToFinishedMs the run document's own {@code finishedAt - queuedAt}
   * @param startedToFinishedMs the run document's own {@code finishedAt - startedAt}
   */
  record Ended(
      Phase phase,
      boolean completed,
      long requestToEndNanos,
      long queuedToFinishedMs,
      long startedToFinishedMs) {}

  private final LongAdder offered = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final List<Ended> ended = new ArrayList<>();
  private volatile String lastRejection = "";

  void offered() {
    offered.increment();
  }

  void shed() {
    shed.increment();
  }

  void accepted() {
    accepted.increment();
  }

  void rejected(String why) {
    rejected.increment();
    lastRejection = why;
  }

  synchronized void ended(Ended run) {
    (run.completed() ? completed : failed).increment();
    ended.add(run);
  }

  Counts counts() {
    return new Counts(
        offered.sum(), shed.sum(), accepted.sum(), rejected.sum(), completed.sum(), failed.sum());
  }

  synchronized List<Ended> ended(Phase phase) {
    return ended.stream().filter(run -> run.phase() == phase).toList();
  }

  /** Ended runs from index {@code from} on, in the order they were seen. */
  synchronized List<Ended> endedSince(int from) {
    return new ArrayList<>(ended.subList(Math.min(from, ended.size()), ended.size()));
  }

  synchronized int endedCount() {
    return ended.size();
  }

  String lastRejection() {
    return lastRejection;
  }

  /** Running totals; the difference of two is what happened in between. */
  record Counts(
      long offered, long shed, long accepted, long rejected, long completed, long failed) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    /** Accepted runs not seen ended yet. */
    long backlog() {
      return accepted - completed - failed;
    }

    long errors() {
      return rejected + failed;
    }

    Counts minus(Counts earlier) {
      return new Counts(
          offered - earlier.offered,
          shed - earlier.shed,
          accepted - earlier.accepted,
          rejected - earlier.rejected,
          completed - earlier.completed,
          failed - earlier.failed);
    }
  }
}
