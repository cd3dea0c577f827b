package io.outrun.bench;

import io.outrun.bench.RunLedger.Counts;
import java.util.List;

/**
 * What the measured windows of the throughput phase add up to. The backlog (accepted runs not yet
 * ended) counts as growing when it ended the last window more than one second of offered load above
 * where it ended the first one (or, with a single window, above where the window started).
 *
 * @param backlogBefore backlog when measuring began
 */
record ThroughputSummary(
    double seconds,
    double offeredPerSecond,
    double acceptedPerSecond,
    double completedPerSecond,
    long errors,
    long shed,
    long firstBacklog,
    long lastBacklog,
    boolean backlogGrew) {

  /** One printed window: how long it lasted, what happened in it, the backlog at its end. */
  record Window(double seconds, Counts delta, long backlogAtEnd) {

    double perSecond(long count) {
      return seconds > 0 ? count / seconds : 0;
    }
  }

  static ThroughputSummary of(List<Window> measured, long backlogBefore, int offeredRate) {
    double seconds = measured.stream().mapToDouble(Window::seconds).sum();
    Counts total =
        measured.stream().map(Window::delta).reduce(Counts.ZERO, ThroughputSummary::plus);
    long first = measured.size() > 1 ? measured.getFirst().backlogAtEnd() : backlogBefore;
    long last = measured.isEmpty() ? backlogBefore : measured.getLast().backlogAtEnd();
    return new ThroughputSummary(
        seconds,
        rate(total.offered(), seconds),
        rate(total.accepted(), seconds),
        rate(total.completed(), seconds),
        total.errors(),
        total.shed(),
        first,
        last,
        last - first > offeredRate);
  }

  /**
   * Sustained: without errors, nearly every offered run was accepted and completed about as fast,
   * and the backlog did not grow.
   */
  boolean keepsUp() {
    return !backlogGrew
        && errors == 0
        && acceptedPerSecond >= 0.95 * offeredPerSecond
        && completedPerSecond >= 0.95 * acceptedPerSecond;
  }

  private static double rate(long count, double seconds) {
    return seconds > 0 ? count / seconds : 0;
  }

  private static Counts plus(Counts a, Counts b) {
    return new Counts(
        a.offered() + b.offered(),
        a.shed() + b.shed(),
        a.accepted() + b.accepted(),
        a.rejected() + b.rejected(),
        a.completed() + b.completed(),
        a.failed() + b.failed());
  }
}
