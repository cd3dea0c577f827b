package io.outrun.api.trigger;

import io.outrun.api.trigger.TriggerActivity.WebhookLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The newest {@code limit} entries of {@code webhook_logs} buckets read newest {@code to} first.
 * Buckets may overlap in time (several listeners, a write retried with the next flush's entries),
 * so reading stops only at a bucket whose {@code to} is older than the {@code limit}-th newest
 * entry already collected: neither it nor any later bucket can hold one of the newest. One per
 * request; not thread-safe.
 */
final class NewestWebhookLogs {

  private static final Comparator<Instant> OLDEST_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<WebhookLog> NEWEST_FIRST =
      Comparator.comparing(WebhookLog::receivedAt, OLDEST_FIRST.reversed());

  private final int limit;
  private final List<WebhookLog> entries = new ArrayList<>();

  /** The {@code receivedAt} of the newest {@code limit} entries so far, oldest on top. */
  private final PriorityQueue<Instant> newest;

  NewestWebhookLogs(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.newest = new PriorityQueue<>(limit + 1, OLDEST_FIRST);
  }

  /** Whether a bucket whose newest entry is {@code to} may hold one of the newest entries. */
  boolean wants(Instant to) {
    return newest.size() < limit || OLDEST_FIRST.compare(to, newest.peek()) >= 0;
  }

  void add(List<WebhookLog> bucket) {
    for (WebhookLog entry : bucket) {
      entries.add(entry);
      newest.add(entry.receivedAt() == null ? Instant.MIN : entry.receivedAt());
      if (newest.size() > limit) {
        newest.poll();
      }
    }
  }

  /** The newest {@code limit} entries collected, newest first. */
  List<WebhookLog> newestFirst() {
    return entries.stream().sorted(NEWEST_FIRST).limit(limit).toList();
  }
}
