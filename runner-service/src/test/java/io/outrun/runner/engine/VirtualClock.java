package io.outrun.runner.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Schedulers;

/**
 * The time of Reactor's parallel scheduler: under {@code StepVerifier.withVirtualTime} the virtual
 * time (starting at the epoch), so a run's timestamps and timeouts move with the timers.
 */
final class VirtualClock extends Clock {

  static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
