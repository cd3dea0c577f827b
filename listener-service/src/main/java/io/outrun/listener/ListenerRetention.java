package io.outrun.listener;

import io.outrun.service.retention.RetainedCollections;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The collections listener-service writes and keeps under retention ({@code outrun.retention.*}):
 * webhook log buckets by their newest entry, trigger events by their time, and delayed dependent
 * starts left past their due time. service-support's {@code RetentionSweeper} indexes and sweeps
 * them.
 */
@Configuration(proxyBeanMethods = false)
class ListenerRetention {

  @Bean
  RetainedCollections listenerRetainedCollections(RetentionProperties retention) {
    return RetainedCollections.of(
        new RetentionRule("webhook_logs", "to", retention.webhookLogs()),
        new RetentionRule("trigger_events", "at", retention.triggerEvents()),
        new RetentionRule("pending_starts", "dueAt", retention.pendingStarts()));
  }
}
