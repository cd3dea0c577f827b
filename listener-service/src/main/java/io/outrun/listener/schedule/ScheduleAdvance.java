package io.outrun.listener.schedule;

import java.time.Instant;

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
    long skipped) {}
