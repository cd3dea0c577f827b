package io.outrun.listener.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * A schedule trigger as a tick reads it from {@code triggers}: its config and the state the
 * listener keeps on it.
 *
 * @param nextRunAt the first instant not yet handled; null until the listener seeds it
 * @param lastRunId the run this schedule requested last, or null
 * @param lastRunRequestedAt when that run was requested, or null
 * @param bufferedAt an instant held back by {@code buffer_one}, or null
 */
record ScheduledTrigger(
    String id,
    Map<String, Object> config,
    Instant nextRunAt,
    String lastRunId,
    Instant lastRunRequestedAt,
    Instant bufferedAt) {}
