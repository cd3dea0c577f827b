package io.outrun.listener.schedule;

import io.outrun.cron.CronSchedule;
import io.outrun.triggers.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a schedule trigger fires: a cron expression in a time zone, or a fixed interval. Every
 * instant is a whole second (cron instants are whole minutes).
 */
sealed interface ScheduleSpec {

  /**
   * The first instant strictly after {@code now}: where a schedule starts when it is switched on.
   */
  Optional<Instant> seed(Instant now);

  /** The instant after {@code scheduled}, one of this schedule's instants; empty if none. */
  Optional<Instant> following(Instant scheduled);

  /** The schedule a trigger's config describes. */
  static ScheduleSpec of(ScheduleConfig config) {
    return switch (config.timing()) {
      case ScheduleConfig.Cron cron -> new Cron(cron.schedule(), config.timezone());
      case ScheduleConfig.Interval interval -> new Interval(interval.every());
    };
  }

  record Cron(CronSchedule schedule, ZoneId zone) implements ScheduleSpec {

    @Override
    public Optional<Instant> seed(Instant now) {
      return schedule.nextAfter(now, zone);
    }

    @Override
    public Optional<Instant> following(Instant scheduled) {
      return schedule.nextAfter(scheduled, zone);
    }
  }

  /** Every {@code interval}, counted from the instant it was switched on. */
  record Interval(Duration interval) implements ScheduleSpec {

    @Override
    public Optional<Instant> seed(Instant now) {
      return Optional.of(now.truncatedTo(ChronoUnit.SECONDS).plus(interval));
    }

    @Override
    public Optional<Instant> following(Instant scheduled) {
      return Optional.of(scheduled.plus(interval));
    }

    /** The first instant at or after {@code from} of the series through {@code scheduled}. */
    Instant firstAtOrAfter(Instant scheduled, Instant from) {
      if (!scheduled.isBefore(from)) {
        return scheduled;
      }
      long steps = Duration.between(scheduled, from).toMillis() / interval.toMillis();
      Instant candidate = scheduled.plus(interval.multipliedBy(steps));
      return candidate.isBefore(from) ? candidate.plus(interval) : candidate;
    }
  }
}
