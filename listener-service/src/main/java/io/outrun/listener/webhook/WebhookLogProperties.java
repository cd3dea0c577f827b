package io.outrun.listener.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.webhook.logs.*}.
 *
 * @param flushInterval how often the buffered entries are written (one insert per flush)
 * @param capacity the most entries buffered; more are dropped (and counted), never waited for
 * @param shutdownTimeout the longest wait at shutdown for the last write
 * @param trustForwardedFor log the first {@code X-Forwarded-For} address instead of the remote
 *     address; only behind a proxy that sets it, since a client can send any value
 * @param bucketSize the most entries in one {@code webhook_logs} document: a flush stores each
 *     trigger's entries in as few documents (buckets) as this allows
 */
@ConfigurationProperties("outrun.listener.webhook.logs")
public record WebhookLogProperties(
    @DefaultValue("1s") Duration flushInterval,
    @DefaultValue("10000") int capacity,
    @DefaultValue("5s") Duration shutdownTimeout,
    @DefaultValue("false") boolean trustForwardedFor,
    @DefaultValue("500") int bucketSize) {

  public WebhookLogProperties {
    if (!flushInterval.isPositive()
        || shutdownTimeout.isNegative()
        || capacity < 1
        || bucketSize < 1) {
      throw new IllegalArgumentException(
          "flush-interval must be positive, shutdown-timeout not negative, capacity and"
              + " bucket-size at least 1");
    }
  }
}
