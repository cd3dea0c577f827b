package io.outrun.listener.schedule;

import io.outrun.triggers.StoredConfig;
import java.time.Instant;

/**
 * A schedule trigger as a tick reads it from {@code triggers}: its config (read as types) and the
 * state the listener keeps on it.
 *
 * @param nextRunAt the first instant not yet handled; null until the listener seeds it
 * @param lastRunId the run this schedule requested last, or null
 * @param lastRunRequestedAt when that run was requested, or null
 * @param bufferedAt an instant held back by {@code buffer_one}, or null
 */
record ScheduledTrigger(
    String id,
    StoredConfig config,
    Instant nextRunAt,
    String lastRunId,
    Instant lastRunRequestedAt,
    Instant bufferedAt) {}
