package io.outrun.listener.schedule;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Time-based work done by the listener's tick ({@link ScheduleLoop}): once a second, on one replica
 * at a time, under the ShedLock lock.
 */
public interface TickWork {

  /** True when a tick at {@code now} has something to do; answered from memory, without I/O. */
  boolean hasWork(Instant now);

  /** Does what is due at {@code now}; completes when it is done (or has failed). */
  Mono<?> tick(Instant now);
}
