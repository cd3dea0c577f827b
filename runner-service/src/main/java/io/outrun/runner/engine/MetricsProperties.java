package io.outrun.runner.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.metrics.*}.
 *
 * @param maxWorkflows the workflows (and, separately, AI models) that get a {@code workflow} (or
 *     {@code model}) tag value of their own on this runner's meters; the rest are {@code other}
 */
@ConfigurationProperties("outrun.runner.metrics")
record MetricsProperties(@DefaultValue("500") int maxWorkflows) {

  MetricsProperties {
    if (maxWorkflows < 0) {
      throw new IllegalArgumentException("outrun.runner.metrics.max-workflows must be 0 or more");
    }
  }
}
