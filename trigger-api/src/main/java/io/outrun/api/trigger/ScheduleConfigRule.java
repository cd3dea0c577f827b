package io.outrun.api.trigger;

import io.outrun.cron.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schedule}: exactly one of {@code cron} / {@code intervalSeconds}, in a time zone. */
final class ScheduleConfigRule {

  static final List<String> OVERLAP_POLICIES = List.of("skip", "buffer_one", "allow_all");
  static final int MAX_INTERVAL_SECONDS = 366 * 24 * 3600;
  static final int MAX_CATCHUP_SECONDS = 7 * 24 * 3600;

  private ScheduleConfigRule() {}

  static Map<String, Object> normalize(ConfigFields fields, Instant now) {
    Map<String, Object> stored = new LinkedHashMap<>();
    if (fields.has("cron") == fields.has("intervalSeconds")) {
      fields.reject("cron", "give exactly one of cron or intervalSeconds");
    }
    String zoneName = fields.has("timezone") ? fields.text("timezone") : "UTC";
    ZoneId zone = Zones.of(zoneName);
    if (zone == null && zoneName != null) {
      fields.reject("timezone", "'" + zoneName + "' is not an IANA time zone (e.g. Europe/Berlin)");
    }
    if (fields.has("cron")) {
      String cron = fields.text("cron");
      if (cron != null && checkCron(fields, cron, zone == null ? ZoneId.of("UTC") : zone, now)) {
        stored.put("cron", cron);
      }
    }
    Integer interval = fields.whole("intervalSeconds", 1, MAX_INTERVAL_SECONDS, null);
    if (interval != null) {
      stored.put("intervalSeconds", interval);
    }
    stored.put("timezone", zone == null ? "UTC" : zone.getId());
    stored.put("overlapPolicy", fields.choice("overlapPolicy", OVERLAP_POLICIES, "skip"));
    stored.put(
        "catchupWindowSeconds", fields.whole("catchupWindowSeconds", 0, MAX_CATCHUP_SECONDS, 60));
    return stored;
  }

  /** Valid, and fires at least once (a cron like {@code 0 0 30 2 *} never does). */
  private static boolean checkCron(ConfigFields fields, String cron, ZoneId zone, Instant now) {
    return switch (CronSchedule.parse(cron)) {
      case CronSchedule.Parsed.Invalid(String reason) -> {
        fields.reject("cron", "invalid cron expression: " + reason);
        yield false;
      }
      case CronSchedule.Parsed.Valid(CronSchedule schedule) -> {
        boolean fires = schedule.nextAfter(now, zone).isPresent();
        if (!fires) {
          fields.reject("cron", "'" + cron + "' never fires");
        }
        yield fires;
      }
    };
  }
}
