package io.outrun.api.workspace;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code retention.runsExpiredBefore} mark of a workspace whose runs retention changes. Runs
 * that ended before {@code now} minus the old retention may have been removed already; if the new
 * retention is longer, the runner's age check ({@code now} minus the new one) alone would let their
 * redelivered requests run again, so the workspace keeps the latest such instant and the runner
 * refuses requests older than it too (docs/ARCHITECTURE.md, "Retention and idempotency"). Pure.
 */
final class RunsExpiryMark {

  private RunsExpiryMark() {}

  /**
   * The mark after the change: for a longer retention, the old mark or the old cutoff, whichever is
   * later; otherwise the old mark (null if none).
   */
  static Instant after(
      Integer oldDays, Instant oldMark, Integer newDays, Duration defaultKeep, Instant now) {
    Duration before = oldDays == null ? defaultKeep : Duration.ofDays(oldDays);
    Duration after = newDays == null ? defaultKeep : Duration.ofDays(newDays);
    if (after.compareTo(before) <= 0) {
      return oldMark; // a shorter retention: the runner's own cutoff is later than the old one
    }
    Instant cutoff = now.minus(before);
    return oldMark != null && oldMark.isAfter(cutoff) ? oldMark : cutoff;
  }
}
