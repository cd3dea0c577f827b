package io.outrun.listener.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code triggerRegistry} in {@code /actuator/health}: down until the registry follows MongoDB. */
@Component
class TriggerRegistryHealthIndicator implements HealthIndicator {

  private final TriggerRegistry registry;

  TriggerRegistryHealthIndicator(TriggerRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Health health() {
    Health.Builder health = registry.isReady() ? Health.up() : Health.outOfService();
    return health.withDetail("fireableTriggers", registry.fireableCount()).build();
  }
}
