package io.outrun.listener.schedule;

import io.outrun.cron.CronSchedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
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

  /** The schedule a trigger's {@code config} describes; empty if it describes none. */
  static Optional<ScheduleSpec> of(Map<String, Object> config) {
    ZoneId zone;
    try {
      zone = ZoneId.of(String.valueOf(config.getOrDefault("timezone", "UTC")));
    } catch (DateTimeException invalidZone) {
      return Optional.empty();
    }
    if (config.get("cron") instanceof String expression) {
      return CronSchedule.parse(expression) instanceof CronSchedule.Parsed.Valid(var schedule)
          ? Optional.of(new Cron(schedule, zone))
          : Optional.empty();
    }
    if (config.get("intervalSeconds") instanceof Number seconds && seconds.longValue() > 0) {
      return Optional.of(new Interval(Duration.ofSeconds(seconds.longValue())));
    }
    return Optional.empty();
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
