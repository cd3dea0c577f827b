package io.outrun.runner.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.quotas.*} as the runner reads them (other services read other keys of the prefix).
 *
 * @param concurrentRuns runs of one workspace this runner executes at once ({@code 0}: no limit
 *     beyond {@code outrun.runner.max-running}); the workspace's further runs wait in its line. The
 *     default, half of the default {@code max-running}, leaves a workspace that floods half of the
 *     runner and the other half to the rest. With 64, one workspace's flood completed 157 runs/s on
 *     the local stack against 224 with 128 ({@code ./outrun bench runs}, docs/benchmarks.md): under
 *     load a run takes longer, and fewer places at once meant fewer runs per write.
 */
@ConfigurationProperties("outrun.quotas")
record QuotaProperties(@DefaultValue("128") int concurrentRuns) {

  QuotaProperties {
    if (concurrentRuns < 0) {
      throw new IllegalArgumentException("outrun.quotas.concurrent-runs must not be negative");
    }
  }
}
