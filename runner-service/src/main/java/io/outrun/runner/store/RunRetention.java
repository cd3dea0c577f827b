package io.outrun.runner.store;

import io.outrun.service.retention.RetainedCollections;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.RetentionRule;
import io.outrun.service.retention.WorkspaceRetentions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ended runs are kept {@code outrun.retention.runs} (30 days), or their workspace's {@code
 * retention.runsDays}, from their {@code finishedAt}; a run still queued or running has none and is
 * kept. service-support's {@code RetentionSweeper} indexes and sweeps it.
 */
@Configuration(proxyBeanMethods = false)
class RunRetention {

  @Bean
  RetainedCollections runnerRetainedCollections(RetentionProperties retention) {
    return RetainedCollections.of(
        new RetentionRule("runs", "finishedAt", retention.runs(), WorkspaceRetentions.RUNS));
  }
}
