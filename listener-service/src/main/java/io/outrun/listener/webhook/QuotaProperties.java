package io.outrun.listener.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.*} as listener-service reads them (trigger-api and the runner read others).
 *
 * @param runsPerMinute runs one workspace may start per minute, webhooks and manual runs each
 *     counted by the service that takes them ({@code 0}: no limit)
 * @param replicas replicas of this service: each enforces {@code runsPerMinute / replicas}
 * @param maxWorkspaces workspaces whose buckets are kept in memory, least recently used dropped
 */
@ConfigurationProperties("outrun.quotas")
record QuotaProperties(
    @DefaultValue("0") int runsPerMinute,
    @DefaultValue("1") int replicas,
    @DefaultValue("100000") int maxWorkspaces) {

  static final QuotaProperties NONE = new QuotaProperties(0, 1, 1);

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
