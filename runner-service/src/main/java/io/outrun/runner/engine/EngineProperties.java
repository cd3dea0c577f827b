package io.outrun.runner.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.*}: how runs are executed.
 *
 * @param leaseDuration how long a runner's claim on a running run lasts without renewal (it renews
 *     every third of it); after it, another runner resumes the run
 */
@ConfigurationProperties("outrun.runner")
record EngineProperties(@DefaultValue("15s") Duration leaseDuration) {

  EngineProperties {
    if (leaseDuration.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException("outrun.runner.lease-duration must be at least 300ms");
    }
  }
}
