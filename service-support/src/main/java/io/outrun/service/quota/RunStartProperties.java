package io.outrun.service.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.*} as the services that start runs read them (trigger-api for manual runs,
 * listener-service for webhooks; the runner reads others of the prefix).
 *
 * @param runsPerMinute runs one workspace may start per minute, counted by each service that takes
 *     them in a token bucket of its own that refills continuously ({@code 0}: no limit)
 * @param replicas replicas of the service: each enforces {@code runsPerMinute / replicas} with its
 *     own bucket (at least 1 a minute)
 * @param maxWorkspaces workspaces whose buckets are kept in memory, least recently used dropped
 */
@ConfigurationProperties("outrun.quotas")
public record RunStartProperties(
    @DefaultValue("0") int runsPerMinute,
    @DefaultValue("1") int replicas,
    @DefaultValue("100000") int maxWorkspaces) {

  /** No limit. */
  public static final RunStartProperties NONE = new RunStartProperties(0, 1, 1);

  public RunStartProperties {
    if (runsPerMinute < 0) {
      throw new IllegalArgumentException("outrun.quotas.runs-per-minute must not be negative");
    }
    if (replicas < 1 || maxWorkspaces < 1) {
      throw new IllegalArgumentException(
          "outrun.quotas.replicas and max-workspaces must be at least 1");
    }
  }

  /** What this replica's bucket allows a minute; {@code 0}: no limit. */
  public int perReplica() {
    return perReplica(runsPerMinute);
  }

  /** This replica's share of {@code limit} runs a minute (a workspace's own); {@code 0}: none. */
  public int perReplica(int limit) {
    return limit <= 0 ? 0 : Math.max(1, limit / replicas);
  }
}
