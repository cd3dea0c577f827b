package io.outrun.api.trigger;

import io.outrun.cron.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
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
    return new TriggerView(
        trigger.id(),
        trigger.workflowId(),
        trigger.type(),
        trigger.name(),
        trigger.enabled(),
        publicConfig(trigger.config()),
        trigger.createdAt(),
        trigger.updatedAt(),
        trigger.triggerCount(),
        trigger.lastTriggeredAt(),
        nextRunAt(trigger, clock.instant()),
        trigger.is(Trigger.SCHEDULE) ? schedule(trigger).missed() : null,
        trigger.is(Trigger.SCHEDULE) ? schedule(trigger).skipped() : null,
        trigger.is(Trigger.WEBHOOK) ? properties.webhookUrl(trigger.id()) : null,
        secret);
  }

  private static Trigger.ScheduleState schedule(Trigger trigger) {
    return trigger.schedule() == null
        ? new Trigger.ScheduleState(null, null, null, null, null)
        : trigger.schedule();
  }

  private static Map<String, Object> publicConfig(Map<String, Object> config) {
    Map<String, Object> shown = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          if (!WebhookSecrets.isSecretField(key)) {
            shown.put(key, value instanceof Date date ? date.toInstant() : value);
          }
        });
    return shown;
  }

  /**
   * When an enabled schedule fires next: the {@code nextRunAt} the listener stored, else (not
   * seeded yet, or just reset) the cron's next time in its zone, or for an interval the next
   * multiple of it after the last fire (or the last change of the trigger). Null otherwise.
   */
  static Instant nextRunAt(Trigger trigger, Instant now) {
    if (!trigger.is(Trigger.SCHEDULE) || !trigger.enabled()) {
      return null;
    }
    return trigger.nextRunAt() != null ? trigger.nextRunAt() : computedNextRunAt(trigger, now);
  }

  private static Instant computedNextRunAt(Trigger trigger, Instant now) {
    ZoneId zone = Zones.of(String.valueOf(trigger.config().getOrDefault("timezone", "UTC")));
    if (trigger.config().get("cron") instanceof String cron && zone != null) {
      return CronSchedule.parse(cron) instanceof CronSchedule.Parsed.Valid(CronSchedule schedule)
          ? schedule.nextAfter(now, zone).orElse(null)
          : null;
    }
    if (trigger.config().get("intervalSeconds") instanceof Number seconds
        && seconds.longValue() > 0) {
      Instant anchor =
          trigger.lastTriggeredAt() != null ? trigger.lastTriggeredAt() : trigger.updatedAt();
      Duration interval = Duration.ofSeconds(seconds.longValue());
      if (anchor == null || anchor.isAfter(now)) {
        return anchor == null ? now.plus(interval) : anchor.plus(interval);
      }
      long elapsed = Duration.between(anchor, now).toMillis() / interval.toMillis();
      return anchor.plus(interval.multipliedBy(elapsed + 1));
    }
    return null;
  }
}
