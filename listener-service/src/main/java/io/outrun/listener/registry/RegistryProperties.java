package io.outrun.listener.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.registry.*}.
 *
 * @param replayMargin how far before the initial load the change streams start: covers clock skew
 *     between this service and MongoDB, since replaying a change is harmless and missing one is not
 * @param minBackoff the first wait before reopening failed change streams
 * @param maxBackoff the longest wait between attempts
 */
@ConfigurationProperties("outrun.listener.registry")
public record RegistryProperties(
    @DefaultValue("5s") Duration replayMargin,
    @DefaultValue("500ms") Duration minBackoff,
    @DefaultValue("30s") Duration maxBackoff) {

  public RegistryProperties {
    if (replayMargin.isNegative()
        || !minBackoff.isPositive()
        || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "replay-margin must not be negative and 0 < min-backoff <= max-backoff");
    }
  }
}
