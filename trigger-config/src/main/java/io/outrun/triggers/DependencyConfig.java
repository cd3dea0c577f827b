package io.outrun.triggers;

import io.outrun.events.TriggerType;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code dependency}: run this workflow after a run of {@code dependsOnWorkflowId} ends in a way
 * {@code condition} matches, {@code delayMinutes} (0 to {@value #MAX_DELAY_MINUTES}) after it
 * finished.
 */
public record DependencyConfig(
    String dependsOnWorkflowId, DependencyCondition condition, int delayMinutes)
    implements TriggerConfig {

  public static final int MAX_DELAY_MINUTES = 60;

  public DependencyConfig {
    Objects.requireNonNull(dependsOnWorkflowId, "dependsOnWorkflowId");
    Objects.requireNonNull(condition, "condition");
    if (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) {
      throw new IllegalArgumentException("delayMinutes out of range: " + delayMinutes);
    }
  }

  @Override
  public TriggerType type() {
    return TriggerType.DEPENDENCY;
  }

  public Duration delay() {
    return Duration.ofMinutes(delayMinutes);
  }
}
