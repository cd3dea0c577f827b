package io.outrun.listener.webhook;

import static java.util.Objects.requireNonNull;

import io.outrun.listener.registry.KnownTrigger;
import java.time.Instant;

/**
 * One webhook request as {@code webhook_logs} stores it (an element of a bucket's {@code entries},
 * see {@link WebhookLogBucket}), and nothing more: never a header, body, query string, signature or
 * credential. The shape trigger-api's {@code GET .../webhook-logs} reads.
 *
 * @param reason a short machine word: the request counter's {@code outcome} tag (e.g. {@code
 *     accepted}, {@code duplicate}, {@code unauthorized}), except for a 404 of a trigger that
 *     exists but cannot fire: {@code trigger_disabled} or {@code workflow_inactive}
 * @param runId the started run, when accepted; else null
 */
record WebhookLogEntry(
    String triggerId,
    String workspaceId,
    Instant receivedAt,
    String method,
    String path,
    String ip,
    String userAgent,
    int status,
    String reason,
    long processingTimeMs,
    String runId) {

  /** The longest user agent, path or IP kept; longer ones are cut. */
  static final int MAX_TEXT = 512;

  WebhookLogEntry {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(receivedAt, "receivedAt");
    requireNonNull(method, "method");
    requireNonNull(reason, "reason");
    path = cut(path);
    ip = cut(ip);
    userAgent = cut(userAgent);
  }

  static final String TRIGGER_DISABLED = "trigger_disabled";
  static final String WORKFLOW_INACTIVE = "workflow_inactive";

  /** Why the request got its answer, told precisely here though the 404 itself is generic. */
  static String reason(WebhookOutcome outcome, KnownTrigger.Standing standing) {
    if (!(outcome instanceof WebhookOutcome.NotFound)) {
      return outcome.metricName();
    }
    return switch (standing) {
      case TRIGGER_DISABLED -> TRIGGER_DISABLED;
      case WORKFLOW_INACTIVE -> WORKFLOW_INACTIVE;
      case FIREABLE -> outcome.metricName();
    };
  }

  private static String cut(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
