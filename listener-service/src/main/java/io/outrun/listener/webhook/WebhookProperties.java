package io.outrun.listener.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.listener.webhook.*}.
 *
 * @param maxBodySize a larger request body is refused with 413
 */
@ConfigurationProperties("outrun.listener.webhook")
public record WebhookProperties(@DefaultValue("10MB") DataSize maxBodySize) {

  public WebhookProperties {
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("max-body-size must be between 1 byte and 2 GB");
    }
  }
}
