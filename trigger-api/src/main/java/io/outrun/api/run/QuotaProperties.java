package io.outrun.api.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.*} as trigger-api reads them (the runner and listener-service read others).
 *
 * @param runsPerMinute runs one workspace may start per minute, manual runs and webhooks together
 *     ({@code 0}: no limit); a token bucket that refills continuously
 * @param replicas replicas of this service: each enforces {@code runsPerMinute / replicas} with its
 *     own bucket (at least 1 a minute)
 * @param maxWorkspaces workspaces whose buckets are kept in memory, least recently used dropped
 */
@ConfigurationProperties("outrun.quotas")
record QuotaProperties(
    @DefaultValue("0") int runsPerMinute,
    @DefaultValue("1") int replicas,
    @DefaultValue("100000") int maxWorkspaces) {

  QuotaProperties {
    if (runsPerMinute < 0) {
      throw new IllegalArgumentException("outrun.quotas.runs-per-minute must not be negative");
    }
    if (replicas < 1 || maxWorkspaces < 1) {
      throw new IllegalArgumentException(
          "outrun.quotas.replicas and max-workspaces must be at least 1");
    }
  }

  /** What this replica's bucket allows a minute; {@code 0}: no limit. */
  int perReplica() {
    return perReplica(runsPerMinute);
  }

  /** This replica's share of {@code limit} runs a minute (a workspace's own); {@code 0}: none. */
  int perReplica(int limit) {
    return limit <= 0 ? 0 : Math.max(1, limit / replicas);
  }
}
