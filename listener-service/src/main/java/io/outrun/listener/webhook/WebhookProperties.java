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
 * @param json limits of a JSON body; one over them is refused with 400
 */
@ConfigurationProperties("outrun.listener.webhook")
public record WebhookProperties(
    @DefaultValue("10MB") DataSize maxBodySize,
    String encryptionKey,
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue JsonLimits json) {

  /**
   * {@code outrun.listener.webhook.json.*}: what a JSON body may hold (strings are bounded by
   * {@code max-body-size}).
   *
   * @param maxDepth deepest nesting of objects and arrays. MongoDB refuses documents nested deeper
   *     than 100 levels, and a body is stored 3 levels down in a run ({@code
   *     triggeredBy.payload.body}) and may be copied deeper into a step's input or output; 64 keeps
   *     well clear of that, and no webhook sender we know of nests past 20.
   * @param maxNameLength longest object key: a name, not data (GitHub's and Stripe's are under 60)
   * @param maxNumberLength longest number literal: a double needs at most 25 characters; longer
   *     integers cost more than linear time to parse
   */
  public record JsonLimits(
      @DefaultValue("64") int maxDepth,
      @DefaultValue("1024") int maxNameLength,
      @DefaultValue("100") int maxNumberLength) {

    /** The defaults, for code that builds properties itself. */
    public static final JsonLimits DEFAULTS = new JsonLimits(64, 1024, 100);

    public JsonLimits {
      if (maxDepth < 1 || maxDepth > 90) {
        throw new IllegalArgumentException("json.max-depth must be between 1 and 90");
      }
      if (maxNameLength < 1 || maxNumberLength < 1) {
        throw new IllegalArgumentException(
            "json.max-name-length and max-number-length must be positive");
      }
    }
  }

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
        + ", json="
        + json
        + "]";
  }
}
