package io.outrun.listener.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.webhook.dedupe.*}: the listener's memory of accepted deliveries.
 *
 * @param remember how long an accepted delivery id is answered from memory (default 24 h; the
 *     runner's own idempotency, which is what guarantees one run, has no time limit)
 * @param maxEntries the most deliveries remembered (roughly 250 bytes each); beyond it the least
 *     used are forgotten first; 0 remembers nothing
 */
@ConfigurationProperties("outrun.listener.webhook.dedupe")
public record WebhookDedupeProperties(
    @DefaultValue("24h") Duration remember, @DefaultValue("100000") long maxEntries) {

  public WebhookDedupeProperties {
    if (!remember.isPositive() || maxEntries < 0) {
      throw new IllegalArgumentException("remember must be positive, max-entries not negative");
    }
  }
}
