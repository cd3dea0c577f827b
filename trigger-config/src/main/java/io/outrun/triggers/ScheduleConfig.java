package io.outrun.triggers;

import io.outrun.cron.CronSchedule;
import io.outrun.events.TriggerType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * {@code schedule}: when it fires ({@code cron} in {@code timezone}, or every {@code
 * intervalSeconds}), what an instant does while the previous run still goes ({@code
 * overlapPolicy}), and how late a missed instant may still be run ({@code catchupWindowSeconds}).
 */
public record ScheduleConfig(
    Timing timing, ZoneId timezone, OverlapPolicy overlapPolicy, Duration catchupWindow)
    implements TriggerConfig {

  public static final ZoneId UTC = ZoneId.of("UTC");

  public ScheduleConfig {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(overlapPolicy, "overlapPolicy");
    Objects.requireNonNull(catchupWindow, "catchupWindow");
  }

  @Override
  public TriggerType type() {
    return TriggerType.SCHEDULE;
  }

  /** When a schedule fires: at a cron's times, or at a fixed interval. */
  public sealed interface Timing permits Cron, Interval {}

  /** A cron expression, parsed; equal when the expressions are. */
  public record Cron(CronSchedule schedule) implements Timing {
    public Cron {
      Objects.requireNonNull(schedule, "schedule");
    }

    public String expression() {
      return schedule.expression();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Cron cron && cron.expression().equals(expression());
    }

    @Override
    public int hashCode() {
      return expression().hashCode();
    }

    @Override
    public String toString() {
      return "Cron[" + expression() + "]";
    }
  }

  /** Every {@code every}, a whole number of seconds. */
  public record Interval(Duration every) implements Timing {
    public Interval {
      if (every.isNegative() || every.isZero() || every.toNanosPart() != 0) {
        throw new IllegalArgumentException("an interval is a positive number of seconds: " + every);
      }
    }
  }
}
