package io.outrun.listener.registry;

import java.time.Instant;

/**
 * Where a schedule trigger stands, as the registry last saw it: enough to tell, without a query,
 * whether a tick has work for it.
 *
 * @param nextRunAt the first instant not yet handled; null until the listener starts the schedule
 * @param bufferedAt an instant {@code buffer_one} holds back, or null
 */
public record ScheduleTimes(Instant nextRunAt, Instant bufferedAt) {

  public static final ScheduleTimes NONE = new ScheduleTimes(null, null);

  /** True when a tick at {@code now} has something to do: start, fire or release a held instant. */
  public boolean needsTick(Instant now) {
    return nextRunAt == null || !nextRunAt.isAfter(now) || bufferedAt != null;
  }
}
