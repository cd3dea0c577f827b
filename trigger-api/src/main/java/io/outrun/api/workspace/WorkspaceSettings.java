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
 */
public record WorkspaceSettings(
    String workspaceId,
    String slug,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer autoPauseAfterFailures,
    @JsonInclude(JsonInclude.Include.NON_NULL) RetentionDays retention) {

  /** Days each kind of record is kept; a null field keeps that kind's default. */
  public record RetentionDays(
      Integer runsDays, Integer webhookLogsDays, Integer triggerEventsDays) {

    public static final int MAX = 3650;

    boolean empty() {
      return runsDays == null && webhookLogsDays == null && triggerEventsDays == null;
    }
  }
}
