package io.outrun.listener.schedule;

import java.time.Instant;
import java.util.Date;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The state a tick leaves on one schedule trigger.
 *
 * @param readNextRunAt the {@code nextRunAt} the tick read: the write applies only if it is
 *     unchanged
 * @param nextRunAt the first instant not handled yet; null when the schedule never fires again
 * @param lastRunId the last run this tick requested; null if it requested none
 * @param bufferedAt the instant held back by {@code buffer_one} after this tick, or null
 */
record ScheduleAdvance(
    String triggerId,
    Instant readNextRunAt,
    Instant nextRunAt,
    Instant lastScheduledAt,
    String lastRunId,
    Instant requestedAt,
    Instant bufferedAt,
    long missed,
    long skipped) {

  Update update() {
    Update update = new Update();
    if (nextRunAt == null) {
      update.unset("nextRunAt");
    } else {
      update.set("nextRunAt", Date.from(nextRunAt));
    }
    if (lastRunId != null) {
      update
          .set("schedule.lastRunId", lastRunId)
          .set("schedule.lastRunRequestedAt", Date.from(requestedAt))
          .max("schedule.lastScheduledAt", Date.from(lastScheduledAt));
    }
    if (bufferedAt == null) {
      update.unset("schedule.bufferedAt");
    } else {
      update.set("schedule.bufferedAt", Date.from(bufferedAt));
    }
    if (missed > 0) {
      update.inc("schedule.missedCount", missed);
    }
    if (skipped > 0) {
      update.inc("schedule.skippedCount", skipped);
    }
    return update;
  }
}
