package io.outrun.listener.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.webhook.dedupe.*}: the listener's memory of accepted deliveries.
 *
 * @param remember how long an accepted delivery id is answered from memory (at least the 24 h the
 *     contract asks; the runner's own idempotency has no time limit)
 * @param maxEntries the most deliveries remembered (about 250 bytes each); beyond it the least used
 *     are forgotten first
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
