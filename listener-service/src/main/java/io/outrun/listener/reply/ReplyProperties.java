package io.outrun.listener.reply;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.reply.*}: webhooks that answer with their run's result ({@code
 * responseMode: last_node}).
 *
 * @param maxWaiting most requests of this replica waiting for their runs at once; one more is
 *     answered 503 before anything is published
 * @param allowSetCookie whether a {@code respond} node may set {@code Set-Cookie} (off: webhook
 *     senders are servers, and a workflow setting cookies on the listener's domain is a hazard)
 */
@ConfigurationProperties("outrun.listener.reply")
public record ReplyProperties(
    @DefaultValue("1000") int maxWaiting, @DefaultValue("false") boolean allowSetCookie) {

  public ReplyProperties {
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("max-waiting must not be negative");
    }
  }
}
