package io.outrun.listener.webhook;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.outrun.service.quota.RunStartBuckets;
import io.outrun.service.quota.RunStartProperties;
import io.outrun.service.quota.RunStartQuota;
import io.outrun.service.quota.WorkspaceQuotas;
import io.outrun.triggers.WebhookConfig.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code config.rateLimit: {"requestsPerMinute": N}}: a token bucket per trigger (bucket4j), of N
 * tokens refilled evenly over a minute, so a burst of N is allowed after a quiet minute. Buckets
 * live in this listener's memory: with several replicas behind a load balancer a trigger gets up to
 * N per replica, and a restart refills them. A bucket is rebuilt when the limit changes; one of a
 * deleted trigger stays until restart (one small entry per trigger). A request the trigger's limit
 * lets through then takes a token of its workspace's runs per minute ({@code outrun.quotas}), kept
 * the same way: each replica enforces its share. A workspace's own {@code quotas.runsPerMinute}
 * replaces the default; it is read from {@code workspaces} at most every 30 s per workspace ({@link
 * WorkspaceQuotas#TTL}), so the webhook's path makes no MongoDB call in between.
 */
@Component
@EnableConfigurationProperties(RunStartProperties.class)
class WebhookRateLimits {

  private record Entry(long requestsPerMinute, Bucket bucket) {}

  private final TimeMeter time;
  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final RunStartBuckets workspaces;
  private final RunStartProperties quotas;
  private final Function<String, Mono<Integer>> overrides;

  WebhookRateLimits(Clock clock) {
    this(clock, RunStartProperties.NONE);
  }

  WebhookRateLimits(Clock clock, RunStartProperties quotas) {
    this(clock, quotas, workspaceId -> Mono.empty());
  }

  @Autowired
  WebhookRateLimits(Clock clock, RunStartProperties quotas, WorkspaceQuotas overrides) {
    this(
        clock,
        quotas,
        workspaceId ->
            overrides
                .cached(workspaceId)
                .mapNotNull(WorkspaceQuotas.Overrides::runsPerMinute)
                .onErrorResume(e -> Mono.empty()));
  }

  /**
   * @param overrides a workspace's own runs per minute; empty for the default
   */
  WebhookRateLimits(
      Clock clock, RunStartProperties quotas, Function<String, Mono<Integer>> overrides) {
    this.time = new ClockTimeMeter(clock);
    this.workspaces = new RunStartBuckets(clock, quotas.maxWorkspaces());
    this.quotas = quotas;
    this.overrides = overrides;
  }

  /** As {@link #take(String, RateLimit, String)}, with the workspace's own runs per minute. */
  Mono<OptionalLong> admit(String triggerId, RateLimit rateLimit, String workspaceId) {
    return overrides
        .apply(workspaceId)
        .map(quotas::perReplica)
        .defaultIfEmpty(quotas.perReplica())
        .map(perMinute -> take(triggerId, rateLimit, workspaceId, perMinute));
  }

  /**
   * Takes a token for one request of this trigger, then one from its workspace's runs per minute
   * ({@code outrun.quotas.runs-per-minute}, this replica's share), in memory.
   *
   * @return empty when the request may go on, else the whole seconds (at least 1) until a token is
   *     free again
   */
  OptionalLong take(String triggerId, RateLimit rateLimit, String workspaceId) {
    return take(triggerId, rateLimit, workspaceId, quotas.perReplica());
  }

  private OptionalLong take(
      String triggerId, RateLimit rateLimit, String workspaceId, int workspacePerMinute) {
    OptionalLong trigger = take(triggerId, rateLimit);
    if (trigger.isPresent()) {
      return trigger;
    }
    return switch (workspaces.take(workspaceId, workspacePerMinute)) {
      case RunStartQuota.Allowed allowed -> OptionalLong.empty();
      case RunStartQuota.Exceeded exceeded -> OptionalLong.of(exceeded.retryAfterSeconds());
    };
  }

  /**
   * Takes a token for one request of this trigger.
   *
   * @param rateLimit the trigger's, or null when it has none
   * @return empty when the request may go on, else the whole seconds (at least 1) until a token is
   *     free again
   */
  OptionalLong take(String triggerId, RateLimit rateLimit) {
    if (rateLimit == null) {
      buckets.remove(triggerId);
      return OptionalLong.empty();
    }
    long limit = rateLimit.requestsPerMinute();
    Entry entry =
        buckets.compute(
            triggerId,
            (id, old) ->
                old != null && old.requestsPerMinute() == limit
                    ? old
                    : new Entry(limit, bucket(limit)));
    ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    long nanos = probe.getNanosToWaitForRefill();
    return OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L)));
  }

  private Bucket bucket(long requestsPerMinute) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(requestsPerMinute)
                    .refillGreedy(requestsPerMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  /** Bucket4j's time from the injected clock, so tests can move it. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
