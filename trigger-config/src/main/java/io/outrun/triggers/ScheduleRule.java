package io.outrun.triggers;

import io.outrun.cron.CronSchedule;
import io.outrun.triggers.ScheduleConfig.Cron;
import io.outrun.triggers.ScheduleConfig.Interval;
import io.outrun.triggers.ScheduleConfig.Timing;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code schedule}: exactly one of {@code cron} / {@code intervalSeconds}, in a time zone, with an
 * overlap policy and a catch-up window. A requested cron must also fire after the request's time (a
 * cron like {@code 0 0 30 2 *} never does).
 */
final class ScheduleRule {

  static final int MAX_INTERVAL_SECONDS = 366 * 24 * 3600;
  static final int MAX_CATCHUP_SECONDS = 7 * 24 * 3600;
  static final int DEFAULT_CATCHUP_SECONDS = 60;

  private ScheduleRule() {}

  /** The config, or null when {@code fields} has recorded why there is none. */
  static ScheduleConfig read(ConfigFields fields, Instant now) {
    if (fields.has("cron") == fields.has("intervalSeconds")) {
      fields.reject("cron", "give exactly one of cron or intervalSeconds");
    }
    String zoneName = fields.has("timezone") ? fields.text("timezone") : "UTC";
    ZoneId zone = Zones.of(zoneName);
    if (zone == null && zoneName != null) {
      fields.reject("timezone", "'" + zoneName + "' is not an IANA time zone (e.g. Europe/Berlin)");
    }
    Timing timing = null;
    if (fields.has("cron")) {
      String cron = fields.text("cron");
      timing =
          cron == null ? null : cron(fields, cron, zone == null ? ScheduleConfig.UTC : zone, now);
    }
    Integer interval = fields.whole("intervalSeconds", 1, MAX_INTERVAL_SECONDS, null);
    if (interval != null) {
      timing = new Interval(Duration.ofSeconds(interval));
    }
    OverlapPolicy overlap = fields.choice("overlapPolicy", OverlapPolicy.class, OverlapPolicy.SKIP);
    Integer catchup =
        fields.whole("catchupWindowSeconds", 0, MAX_CATCHUP_SECONDS, DEFAULT_CATCHUP_SECONDS);
    if (timing == null || zone == null) {
      return null;
    }
    return new ScheduleConfig(timing, zone, overlap, Duration.ofSeconds(catchup));
  }

  static Map<String, Object> write(ScheduleConfig config) {
    Map<String, Object> stored = new LinkedHashMap<>();
    switch (config.timing()) {
      case Cron cron -> stored.put("cron", cron.expression());
      case Interval interval -> stored.put("intervalSeconds", (int) interval.every().toSeconds());
    }
    stored.put("timezone", config.timezone().getId());
    stored.put("overlapPolicy", config.overlapPolicy().wireName());
    stored.put("catchupWindowSeconds", (int) config.catchupWindow().toSeconds());
    return stored;
  }

  /** Valid, and fires at least once after {@code now} (when there is a {@code now} to check). */
  private static Cron cron(ConfigFields fields, String cron, ZoneId zone, Instant now) {
    return switch (CronSchedule.parse(cron)) {
      case CronSchedule.Parsed.Invalid(String reason) -> {
        fields.reject("cron", "invalid cron expression: " + reason);
        yield null;
      }
      case CronSchedule.Parsed.Valid(CronSchedule schedule) -> {
        if (now != null && schedule.nextAfter(now, zone).isEmpty()) {
          fields.reject("cron", "'" + cron + "' never fires");
          yield null;
        }
        yield new Cron(schedule);
      }
    };
  }
}
