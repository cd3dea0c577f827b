package io.outrun.api.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.api.error.ProblemException;
import io.outrun.service.quota.RunStartBuckets;
import io.outrun.service.quota.RunStartProperties;
import io.outrun.service.quota.RunStartQuota;
import io.outrun.service.quota.WorkspaceQuotas;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses a manual run beyond its workspace's runs per minute ({@code outrun.quotas}): 429 with
 * {@code Retry-After}. In memory, no I/O: each replica keeps its own buckets at its share of the
 * limit.
 */
@Component
@EnableConfigurationProperties(RunStartProperties.class)
class RunStartLimit {

  private final RunStartBuckets buckets;
  private final RunStartProperties quotas;
  private final WorkspaceQuotas overrides;
  private final MeterRegistry meters;

  RunStartLimit(
      RunStartProperties quotas, WorkspaceQuotas overrides, Clock clock, MeterRegistry meters) {
    this.buckets = new RunStartBuckets(clock, quotas.maxWorkspaces());
    this.quotas = quotas;
    this.overrides = overrides;
    this.meters = meters;
  }

  /**
   * Completes empty if the workspace may start a run now, else with a 429 problem. The workspace's
   * own {@code quotas.runsPerMinute} replaces the default (read at most every {@link
   * WorkspaceQuotas#TTL}; the default if it cannot be read).
   */
  Mono<Void> check(String workspaceId) {
    return overrides
        .cached(workspaceId)
        .mapNotNull(WorkspaceQuotas.Overrides::runsPerMinute)
        .onErrorResume(e -> Mono.empty())
        .defaultIfEmpty(quotas.runsPerMinute())
        .flatMap(perMinute -> check(workspaceId, perMinute));
  }

  private Mono<Void> check(String workspaceId, int runsPerMinute) {
    return switch (buckets.take(workspaceId, quotas.perReplica(runsPerMinute))) {
      case RunStartQuota.Allowed allowed -> Mono.empty();
      case RunStartQuota.Exceeded exceeded -> {
        meters
            .counter(ApiMetrics.QUOTA_REJECTIONS, ApiMetrics.LIMIT, ApiMetrics.RUNS_PER_MINUTE)
            .increment();
        yield Mono.error(
            ProblemException.tooManyRequests(
                "The workspace has started its " + runsPerMinute + " runs a minute; retry later.",
                exceeded.retryAfterSeconds()));
      }
    };
  }
}
