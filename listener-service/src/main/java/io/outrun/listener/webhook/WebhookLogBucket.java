package io.outrun.listener.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Up to {@code bucket-size} log entries of one trigger, written together: one {@code webhook_logs}
 * document instead of one per request (MongoDB's bucket pattern), so a flush adds a few documents
 * and index entries rather than thousands.
 *
 * @param from the oldest entry's {@code receivedAt}
 * @param to the newest entry's {@code receivedAt}, which trigger-api sorts buckets by
 * @param entries oldest first
 */
record WebhookLogBucket(
    String triggerId, String workspaceId, Instant from, Instant to, List<WebhookLogEntry> entries) {

  WebhookLogBucket {
    entries = List.copyOf(entries);
  }

  /**
   * Groups one flush's entries per trigger (in order of first appearance), each trigger's sorted
   * oldest first and cut into buckets of at most {@code size} entries.
   */
  static List<WebhookLogBucket> of(List<WebhookLogEntry> entries, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("bucket size must be at least 1");
    }
    Map<List<String>, List<WebhookLogEntry>> byTrigger = new LinkedHashMap<>();
    for (WebhookLogEntry entry : entries) {
      byTrigger
          .computeIfAbsent(List.of(entry.triggerId(), entry.workspaceId()), k -> new ArrayList<>())
          .add(entry);
    }
    List<WebhookLogBucket> buckets = new ArrayList<>();
    for (List<WebhookLogEntry> trigger : byTrigger.values()) {
      trigger.sort(Comparator.comparing(WebhookLogEntry::receivedAt));
      for (int start = 0; start < trigger.size(); start += size) {
        buckets.add(of(trigger.subList(start, Math.min(start + size, trigger.size()))));
      }
    }
    return buckets;
  }

  private static WebhookLogBucket of(List<WebhookLogEntry> sorted) {
    WebhookLogEntry first = sorted.getFirst();
    return new WebhookLogBucket(
        first.triggerId(),
        first.workspaceId(),
        first.receivedAt(),
        sorted.getLast().receivedAt(),
        sorted);
  }
}
