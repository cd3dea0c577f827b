package io.outrun.runner.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.writes.*}: the group commit of run state ({@link RunWrites}).
 *
 * @param maxBatch the most writes one flush carries
 * @param linger the least time between the starts of two flushes; a write reaching an idle
 *     committer goes at once
 */
@ConfigurationProperties("outrun.runner.writes")
record WriteProperties(@DefaultValue("500") int maxBatch, @DefaultValue("5ms") Duration linger) {

  WriteProperties {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("outrun.runner.writes.max-batch must be at least 1");
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("outrun.runner.writes.linger must not be negative");
    }
  }
}
