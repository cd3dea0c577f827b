package io.outrun.listener.dependency;

import io.outrun.events.RunRequested;
import java.time.Instant;

/**
 * A dependent run waiting for its {@code delayMinutes}: stored in {@code pending_starts} until the
 * tick requests it when due, so it survives restarts.
 *
 * @param request the run request as it will be sent (its time and workflow version are set when it
 *     is sent)
 * @param historyId the id of its {@code trigger_events} entry, which shows it pending, then started
 *     or cancelled
 */
record PendingStart(RunRequested request, String triggerId, Instant dueAt, String historyId) {}
