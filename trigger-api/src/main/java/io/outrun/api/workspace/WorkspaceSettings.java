package io.outrun.api.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A workspace's settings as the API shows them.
 *
 * @param slug the workspace's name in webhook paths ({@code /api/webhooks/{slug}/{path}}), or null
 * @param autoPauseAfterFailures the default of triggers without a limit of their own: disable a
 *     trigger after this many consecutive failed runs; null or 0 never
 * @param retention how long this workspace's runs, webhook logs and trigger events are kept, where
 *     it differs from {@code outrun.retention.*}; null keeps the defaults
 * @param quotas this workspace's limits where they differ from {@code outrun.quotas.*}; null keeps
 *     the defaults
 */
public record WorkspaceSettings(
    String workspaceId,
    String slug,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer autoPauseAfterFailures,
    @JsonInclude(JsonInclude.Include.NON_NULL) RetentionDays retention,
    @JsonInclude(JsonInclude.Include.NON_NULL) Quotas quotas) {

  /** Days each kind of record is kept; a null field keeps that kind's default. */
  public record RetentionDays(
      Integer runsDays, Integer webhookLogsDays, Integer triggerEventsDays) {

    public static final int MAX = 3650;

    boolean empty() {
      return runsDays == null && webhookLogsDays == null && triggerEventsDays == null;
    }
  }

  /**
   * A workspace's limits; a null field keeps that limit's default ({@code outrun.quotas.*}).
   *
   * @param activeTriggers enabled triggers at most (1 to {@value #MAX_ACTIVE_TRIGGERS})
   * @param runsPerMinute runs started per minute by manual runs and webhooks (1 to {@value
   *     #MAX_RUNS_PER_MINUTE})
   * @param concurrentRuns runs executing at once per runner (1 to {@value #MAX_CONCURRENT_RUNS})
   */
  public record Quotas(Integer activeTriggers, Integer runsPerMinute, Integer concurrentRuns) {

    public static final int MAX_ACTIVE_TRIGGERS = 100_000;
    public static final int MAX_RUNS_PER_MINUTE = 1_000_000;
    public static final int MAX_CONCURRENT_RUNS = 10_000;

    boolean empty() {
      return activeTriggers == null && runsPerMinute == null && concurrentRuns == null;
    }
  }
}
