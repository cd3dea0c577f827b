package io.outrun.listener.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one tick does with one schedule: the instants it fires now, the instants too old to fire
 * (missed), and where the schedule goes on from.
 *
 * @param due the instants to fire, oldest first: from {@code nextRunAt} up to now, none older than
 *     the catch-up window
 * @param missed the instants older than the catch-up window, not run; null if none
 * @param nextRunAt the first instant not handled by this tick; null if the schedule never fires
 *     again. It is not after now only when the tick stopped at {@code maxFires}.
 */
record TickPlan(List<Instant> due, Missed missed, Instant nextRunAt) {

  /**
   * Instants older than the catch-up window, from the first to the last.
   *
   * @param atLeast true when there were too many to count and {@code count} is a lower bound
   */
  record Missed(Instant from, Instant to, long count, boolean atLeast) {}

  /** Missed instants counted one by one before the rest are skipped over uncounted. */
  static final int MAX_COUNTED = 100_000;

  /**
   * @param nextRunAt the first instant not yet handled
   * @param now the tick's time
   * @param catchUp how late an instant may be and still fire; anything older is missed
   * @param maxFires the most instants to fire in one tick; the rest wait for the next
   */
  static TickPlan of(
      ScheduleSpec spec, Instant nextRunAt, Instant now, Duration catchUp, int maxFires) {
    Instant oldestToFire = now.minus(catchUp);
    Optional<Instant> cursor = Optional.of(nextRunAt);
    Missed missed = null;
    if (nextRunAt.isBefore(oldestToFire)) {
      Instant from = nextRunAt;
      Instant last = nextRunAt;
      long count = 0;
      boolean atLeast = false;
      while (cursor.isPresent() && cursor.get().isBefore(oldestToFire)) {
        last = cursor.get();
        count++;
        if (spec instanceof ScheduleSpec.Interval interval) {
          Instant first = interval.firstAtOrAfter(nextRunAt, oldestToFire);
          long skipped =
              Duration.between(nextRunAt, first).toMillis() / interval.interval().toMillis();
          count = skipped;
          last = first.minus(interval.interval());
          cursor = Optional.of(first);
          break;
        }
        if (count >= MAX_COUNTED) {
          atLeast = true;
          cursor = spec.following(oldestToFire.minusNanos(1));
          break;
        }
        cursor = spec.following(last);
      }
      missed = new Missed(from, last, count, atLeast);
    }
    List<Instant> due = new ArrayList<>();
    while (cursor.isPresent() && !cursor.get().isAfter(now) && due.size() < maxFires) {
      due.add(cursor.get());
      cursor = spec.following(cursor.get());
    }
    return new TickPlan(List.copyOf(due), missed, cursor.orElse(null));
  }
}
