package io.outrun.listener.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.schedule.*}.
 *
 * @param enabled whether this replica runs the tick (all replicas normally do; one at a time wins)
 * @param tickOffset how long after each whole second the tick wakes
 * @param lockAtMostFor how long a tick's lock outlives a replica that died holding it
 * @param lockAtLeastFor how long a tick's lock is held however quick the tick, so replicas whose
 *     clocks differ a little don't each tick the same second (less than a second)
 * @param lateTolerance how late an instant may fire and still count as on time rather than caught
 *     up; an instant is never missed within it, even when {@code catchupWindowSeconds} is 0
 * @param maxFiresPerSchedule the most instants one schedule fires in one tick (a long catch-up goes
 *     on at the next tick)
 * @param maxSchedulesPerTick the most schedules one tick handles (the rest go on at the next tick)
 * @param unknownRunTimeout how long a requested run that the runner has not stored yet still counts
 *     as running for {@code skip} and {@code buffer_one}
 */
@ConfigurationProperties("outrun.listener.schedule")
public record ScheduleProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2ms") Duration tickOffset,
    @DefaultValue("60s") Duration lockAtMostFor,
    @DefaultValue("500ms") Duration lockAtLeastFor,
    @DefaultValue("5s") Duration lateTolerance,
    @DefaultValue("1000") int maxFiresPerSchedule,
    @DefaultValue("5000") int maxSchedulesPerTick,
    @DefaultValue("10m") Duration unknownRunTimeout) {

  public ScheduleProperties {
    if (tickOffset.isNegative() || tickOffset.compareTo(Duration.ofMillis(500)) > 0) {
      throw new IllegalArgumentException("tick-offset must be between 0 and 500ms");
    }
    if (lockAtLeastFor.isNegative() || lockAtLeastFor.compareTo(Duration.ofSeconds(1)) >= 0) {
      throw new IllegalArgumentException("lock-at-least-for must be at least 0 and under 1s");
    }
    if (lockAtMostFor.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException(
          "lock-at-most-for must be at least 10s: a tick may wait outrun.kafka.publish-timeout");
    }
    if (maxFiresPerSchedule < 1 || maxSchedulesPerTick < 1) {
      throw new IllegalArgumentException("max-fires-per-schedule and max-schedules-per-tick >= 1");
    }
  }
}
