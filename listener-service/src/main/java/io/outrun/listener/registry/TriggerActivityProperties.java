package io.outrun.listener.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.trigger-activity.*}.
 *
 * @param flushInterval how often the fires counted in memory are written to {@code triggers}
 * @param shutdownTimeout the longest wait at shutdown for the last write
 */
@ConfigurationProperties("outrun.listener.trigger-activity")
public record TriggerActivityProperties(
    @DefaultValue("1s") Duration flushInterval, @DefaultValue("5s") Duration shutdownTimeout) {

  public TriggerActivityProperties {
    if (!flushInterval.isPositive() || shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "flush-interval must be positive and shutdown-timeout not negative");
    }
  }
}
