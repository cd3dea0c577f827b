package io.outrun.listener.schedule;

import java.util.List;

/** What a tick did: schedules started, and instants fired, caught up, skipped, held and missed. */
public record TickReport(
    int seeded, int fired, int caughtUp, int skipped, int buffered, long missed) {

  public static final TickReport NOTHING = new TickReport(0, 0, 0, 0, 0, 0);

  static TickReport seeded(long seeded) {
    return new TickReport((int) seeded, 0, 0, 0, 0, 0);
  }

  /** What publishing these outcomes did. */
  static TickReport of(List<ScheduleOutcome> published) {
    int fired = 0;
    int caughtUp = 0;
    int skipped = 0;
    int buffered = 0;
    long missed = 0;
    for (ScheduleOutcome outcome : published) {
      fired += outcome.onTime().size();
      caughtUp += outcome.caughtUp();
      skipped += (int) outcome.advance().skipped();
      missed += outcome.advance().missed();
      buffered += outcome.buffered() ? 1 : 0;
    }
    return new TickReport(0, fired, caughtUp, skipped, buffered, missed);
  }

  TickReport plus(TickReport other) {
    return new TickReport(
        seeded + other.seeded,
        fired + other.fired,
        caughtUp + other.caughtUp,
        skipped + other.skipped,
        buffered + other.buffered,
        missed + other.missed);
  }
}
