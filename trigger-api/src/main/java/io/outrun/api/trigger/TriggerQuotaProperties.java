package io.outrun.api.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.active-triggers}: enabled triggers one workspace may have; creating or
 * enabling one beyond it is a 409. Counted before the write, so requests racing at the limit may
 * pass it by the few that raced.
 */
@ConfigurationProperties("outrun.quotas")
record TriggerQuotaProperties(@DefaultValue("1000") int activeTriggers) {

  TriggerQuotaProperties {
    if (activeTriggers < 1) {
      throw new IllegalArgumentException("outrun.quotas.active-triggers must be at least 1");
    }
  }
}
