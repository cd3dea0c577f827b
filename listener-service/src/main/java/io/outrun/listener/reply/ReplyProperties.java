package io.outrun.listener.reply;

import java.time.Duration;
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
 * @param tailIdle how long no request waits before the replica stops reading run completions (its
 *     reader pauses, so a completion nobody wants costs no fetch; the next waiting request resumes
 *     it from the topic's end before its run is requested)
 */
@ConfigurationProperties("outrun.listener.reply")
public record ReplyProperties(
    @DefaultValue("1000") int maxWaiting,
    @DefaultValue("false") boolean allowSetCookie,
    @DefaultValue("30s") Duration tailIdle) {

  public ReplyProperties {
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("max-waiting must not be negative");
    }
    if (!tailIdle.isPositive()) {
      throw new IllegalArgumentException("tail-idle must be positive");
    }
  }
}
