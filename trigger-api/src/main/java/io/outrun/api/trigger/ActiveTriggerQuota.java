package io.outrun.api.trigger;

import io.outrun.service.quota.WorkspaceQuotas;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How many enabled triggers a workspace may have: its own {@code quotas.activeTriggers}, read fresh
 * (so a changed override applies at once), else {@code outrun.quotas.active-triggers}.
 */
@Component
@EnableConfigurationProperties(TriggerQuotaProperties.class)
class ActiveTriggerQuota {

  private final TriggerQuotaProperties defaults;
  private final WorkspaceQuotas overrides;

  ActiveTriggerQuota(TriggerQuotaProperties defaults, WorkspaceQuotas overrides) {
    this.defaults = defaults;
    this.overrides = overrides;
  }

  Mono<Integer> of(String workspaceId) {
    return overrides
        .fresh(workspaceId)
        .mapNotNull(WorkspaceQuotas.Overrides::activeTriggers)
        .defaultIfEmpty(defaults.activeTriggers());
  }
}
