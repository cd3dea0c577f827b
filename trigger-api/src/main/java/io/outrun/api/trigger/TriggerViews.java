package io.outrun.api.trigger;

import io.outrun.cron.CronSchedule;
import io.outrun.events.TriggerType;
import io.outrun.triggers.ScheduleConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Turns stored triggers into {@link TriggerView}s: a schedule's {@code nextRunAt} as the listener
 * stored it (computed at read time until it has), and its missed and skipped counters.
 */
@Component
class TriggerViews {

  private final TriggerProperties properties;
  private final Clock clock;

  TriggerViews(TriggerProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    warmUpCron();
  }

  /**
   * The cron library loads its description bundle and classes from jars on first use; doing that
   * once here, on the starting thread, keeps that blocking I/O off the event loop.
   */
  private static void warmUpCron() {
    if (CronSchedule.parse("0 2 * * 1") instanceof CronSchedule.Parsed.Valid(var schedule)) {
      schedule.description();
      schedule.next(Instant.EPOCH, ZoneId.of("UTC"), 2);
    }
  }

  TriggerView of(Trigger trigger) {
    return of(trigger, null);
  }

  /** With {@code secret} shown: only for the response that created or rotated it. */
  TriggerView of(Trigger trigger, String secret) {
    return TriggerView.of(
        trigger, nextRunAt(trigger, clock.instant()), webhookUrl(trigger), secret);
  }

  private String webhookUrl(Trigger trigger) {
    return trigger.is(TriggerType.WEBHOOK) ? properties.webhookUrl(trigger.id()) : null;
  }

  /**
   * When an enabled schedule fires next: the {@code nextRunAt} the listener stored, else (not
   * seeded yet, or just reset) the cron's next time in its zone, or for an interval the next
   * multiple of it after the last fire (or the last change of the trigger). Null otherwise.
   */
  static Instant nextRunAt(Trigger trigger, Instant now) {
    if (!trigger.is(TriggerType.SCHEDULE) || !trigger.enabled()) {
      return null;
    }
    if (trigger.nextRunAt() != null) {
      return trigger.nextRunAt();
    }
    return trigger
        .config(ScheduleConfig.class)
        .map(schedule -> computedNextRunAt(trigger, schedule, now))
        .orElse(null);
  }

  private static Instant computedNextRunAt(Trigger trigger, ScheduleConfig schedule, Instant now) {
    return switch (schedule.timing()) {
      case ScheduleConfig.Cron cron ->
          cron.schedule().nextAfter(now, schedule.timezone()).orElse(null);
      case ScheduleConfig.Interval interval -> {
        Instant anchor =
            trigger.lastTriggeredAt() != null ? trigger.lastTriggeredAt() : trigger.updatedAt();
        Duration every = interval.every();
        if (anchor == null || anchor.isAfter(now)) {
          yield anchor == null ? now.plus(every) : anchor.plus(every);
        }
        long elapsed = Duration.between(anchor, now).toMillis() / every.toMillis();
        yield anchor.plus(every.multipliedBy(elapsed + 1));
      }
    };
  }
}
