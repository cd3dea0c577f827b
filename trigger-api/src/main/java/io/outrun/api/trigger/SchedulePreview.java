package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.cron.CronSchedule;
import io.outrun.triggers.Zones;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET .../triggers/schedule/preview}: a cron's description and its next fire times strictly
 * after {@code from}. Pure: no Spring, no I/O.
 */
final class SchedulePreview {

  static final int MAX_COUNT = 100;

  private SchedulePreview() {}

  /** The answer's body. */
  record Preview(String description, List<Instant> nextRuns) {}

  sealed interface Result {
    record Shown(Preview preview) implements Result {}

    record Refused(List<FieldProblem> errors) implements Result {}
  }

  static Result of(String cron, String timezone, int count, String from, Instant now) {
    List<FieldProblem> errors = new ArrayList<>();
    ZoneId zone = Zones.of(timezone == null || timezone.isBlank() ? "UTC" : timezone.trim());
    if (zone == null) {
      errors.add(new FieldProblem("timezone", "'" + timezone + "' is not an IANA time zone"));
    }
    if (count < 1 || count > MAX_COUNT) {
      errors.add(new FieldProblem("count", "must be from 1 to " + MAX_COUNT));
    }
    Instant start = now;
    if (from != null && !from.isBlank()) {
      try {
        start = Instant.parse(from.trim());
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldProblem("from", "must be an ISO-8601 instant such as 2026-03-08T07:00:00Z"));
      }
    }
    CronSchedule schedule = null;
    switch (CronSchedule.parse(cron)) {
      case CronSchedule.Parsed.Invalid(String reason) ->
          errors.add(new FieldProblem("cron", "invalid cron expression: " + reason));
      case CronSchedule.Parsed.Valid(CronSchedule valid) -> schedule = valid;
    }
    if (!errors.isEmpty()) {
      return new Result.Refused(errors);
    }
    List<Instant> next = schedule.next(start, zone, count);
    if (next.isEmpty()) {
      return new Result.Refused(List.of(new FieldProblem("cron", "'" + cron + "' never fires")));
    }
    return new Result.Shown(new Preview(schedule.description(), next));
  }
}
