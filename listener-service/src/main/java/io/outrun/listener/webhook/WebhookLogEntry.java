package io.outrun.listener.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One webhook request as {@code webhook_logs} stores it, and nothing more: never a header, body,
 * query string, signature or credential. The shape trigger-api's {@code GET .../webhook-logs}
 * reads.
 *
 * @param reason a short machine word: the request counter's {@code outcome} tag
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

  private static String cut(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
