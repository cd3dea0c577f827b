package io.outrun.runner.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.*} as the runner reads them (other services read other keys of the prefix).
 *
 * @param concurrentRuns runs of one workspace this runner executes at once ({@code 0}: no limit
 *     beyond {@code outrun.runner.max-running}); the workspace's further runs wait in its line
 */
@ConfigurationProperties("outrun.quotas")
record QuotaProperties(@DefaultValue("64") int concurrentRuns) {

  QuotaProperties {
    if (concurrentRuns < 0) {
      throw new IllegalArgumentException("outrun.quotas.concurrent-runs must not be negative");
    }
  }
}
