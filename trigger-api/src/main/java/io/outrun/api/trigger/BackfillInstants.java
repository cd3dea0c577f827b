package io.outrun.api.trigger;

import io.outrun.cron.CronSchedule;
import io.outrun.triggers.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The instants a schedule would have fired in {@code [from, to]}, for a backfill. Cron in the
 * trigger's zone (the shared cron module, so the same instants the listener fires); an interval at
 * the listener's instants ({@code nextRunAt + k * interval}) when it has seeded one, else from
 * {@code from}. Scheduled instants are whole seconds. Pure: no Spring, no I/O.
 */
final class BackfillInstants {

  /** Past the cap, cron instants are counted up to this many to say how many the range holds. */
  static final int COUNT_CEILING = 100_000;

  private static final int BATCH = 256;

  private BackfillInstants() {}

  sealed interface Result {
    /** At most the cap, ascending. */
    record Instants(List<Instant> instants) implements Result {}

    /** More than the cap: {@code count} of them, or at least that many if {@code atLeast}. */
    record TooMany(long count, boolean atLeast) implements Result {}
  }

  static Result between(
      ScheduleConfig config, Instant nextRunAt, Instant from, Instant to, int cap) {
    Instant start = wholeSecondAtOrAfter(from);
    return switch (config.timing()) {
      case ScheduleConfig.Cron cron -> cron(cron.schedule(), config.timezone(), start, to, cap);
      case ScheduleConfig.Interval interval ->
          interval(interval.every(), nextRunAt != null ? nextRunAt : start, start, to, cap);
    };
  }

  private static Result cron(
      CronSchedule schedule, ZoneId zone, Instant start, Instant to, int cap) {
    List<Instant> instants = new ArrayList<>();
    long count = 0;
    Instant after = start.minusSeconds(1);
    while (count <= COUNT_CEILING) {
      List<Instant> batch = schedule.next(after, zone, BATCH);
      for (Instant instant : batch) {
        if (instant.isAfter(to)) {
          return count > cap ? new Result.TooMany(count, false) : new Result.Instants(instants);
        }
        count++;
        if (count <= cap) {
          instants.add(instant);
        }
      }
      if (batch.size() < BATCH) {
        break; // it never fires again
      }
      after = batch.getLast();
    }
    return count > cap
        ? new Result.TooMany(count, count > COUNT_CEILING)
        : new Result.Instants(instants);
  }

  private static Result interval(
      Duration interval, Instant anchor, Instant start, Instant to, int cap) {
    long step = interval.toMillis();
    long steps = Math.ceilDiv(Duration.between(anchor, start).toMillis(), step);
    Instant first = anchor.plusMillis(steps * step);
    if (first.isAfter(to)) {
      return new Result.Instants(List.of());
    }
    long count = Duration.between(first, to).toMillis() / step + 1;
    if (count > cap) {
      return new Result.TooMany(count, false);
    }
    List<Instant> instants = new ArrayList<>();
    for (long k = 0; k < count; k++) {
      instants.add(first.plusMillis(k * step));
    }
    return new Result.Instants(instants);
  }

  private static Instant wholeSecondAtOrAfter(Instant instant) {
    Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
    return truncated.equals(instant) ? instant : truncated.plusSeconds(1);
  }
}
