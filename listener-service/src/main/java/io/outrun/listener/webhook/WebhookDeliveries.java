package io.outrun.listener.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The deliveries this listener accepted: request event id (derived from trigger id + the sender's
 * delivery id, so the key is a fixed 36 characters whatever the sender sends) → run id, kept for
 * {@code remember} (24 h) and at most {@code max-entries} (100,000, roughly 25 MB; beyond it
 * Caffeine evicts the least used). A delivery is remembered only once Kafka has acknowledged its
 * run request, so a repeat of one answered 503 is published again, never answered from memory.
 *
 * <p>This memory only saves a second Kafka record; it is not what makes a delivery start one run.
 * The run id is derived from trigger id + delivery id, and the runner creates runs idempotently by
 * request event id (a unique index on {@code runs.requestEventId}, runs are never deleted), so a
 * repeat that reaches another replica, comes after a restart, after eviction or after {@code
 * remember}, or arrives while the first is still being published, is published again, names the
 * same run and starts nothing.
 */
@Component
class WebhookDeliveries {

  private final Cache<String, String> accepted;

  @Autowired
  WebhookDeliveries(WebhookDedupeProperties properties) {
    this(properties.remember(), properties.maxEntries(), Ticker.systemTicker());
  }

  WebhookDeliveries(Duration remember, long maxEntries, Ticker ticker) {
    this.accepted =
        Caffeine.newBuilder()
            .expireAfterWrite(remember)
            .maximumSize(maxEntries)
            .ticker(ticker)
            // evict on the caller's thread (amortized, never blocking) rather than a pool's
            .executor(Runnable::run)
            .build();
  }

  /** The run an earlier, accepted delivery of this request started, if remembered. */
  Optional<String> runOf(String requestEventId) {
    return Optional.ofNullable(accepted.getIfPresent(requestEventId));
  }

  /** Remembers an accepted delivery; call only once its run request is on Kafka. */
  void accepted(String requestEventId, String runId) {
    accepted.put(requestEventId, runId);
  }
}
