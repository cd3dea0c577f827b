package io.outrun.listener.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.listener.webhook.*}.
 *
 * @param maxBodySize a larger request body is refused with 413
 * @param encryptionKey base64 of 32 bytes: the same AES-256 key as trigger-api's {@code
 *     outrun.api.secrets.encryption-key}, to decrypt the secrets of HMAC webhooks. Without it those
 *     webhooks answer 401; api_key and bearer webhooks need no key.
 * @param publishTimeout how long a webhook waits for Kafka to acknowledge its run request before
 *     answering 503 (whatever the producer's own timeouts)
 */
@ConfigurationProperties("outrun.listener.webhook")
public record WebhookProperties(
    @DefaultValue("10MB") DataSize maxBodySize,
    String encryptionKey,
    @DefaultValue("5s") Duration publishTimeout) {

  public WebhookProperties {
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("max-body-size must be between 1 byte and 2 GB");
    }
    if (publishTimeout.isNegative() || publishTimeout.isZero()) {
      throw new IllegalArgumentException("publish-timeout must be positive");
    }
  }

  @Override
  public String toString() {
    return "WebhookProperties[maxBodySize="
        + maxBodySize
        + ", encryptionKey=<redacted>, publishTimeout="
        + publishTimeout
        + "]";
  }
}
