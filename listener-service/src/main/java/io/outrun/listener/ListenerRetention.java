package io.outrun.listener;

import io.outrun.service.retention.RetainedCollections;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.RetentionRule;
import io.outrun.service.retention.WorkspaceRetentions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The collections listener-service writes and keeps under retention ({@code outrun.retention.*}):
 * webhook log buckets by their newest entry, trigger events by their time (both overridable per
 * workspace, {@code retention.webhookLogsDays} / {@code triggerEventsDays}), and delayed dependent
 * starts left past their due time. service-support's {@code RetentionSweeper} indexes and sweeps
 * them.
 */
@Configuration(proxyBeanMethods = false)
class ListenerRetention {

  @Bean
  RetainedCollections listenerRetainedCollections(RetentionProperties retention) {
    return RetainedCollections.of(
        new RetentionRule(
            "webhook_logs", "to", retention.webhookLogs(), WorkspaceRetentions.WEBHOOK_LOGS),
        new RetentionRule(
            "trigger_events", "at", retention.triggerEvents(), WorkspaceRetentions.TRIGGER_EVENTS),
        new RetentionRule("pending_starts", "dueAt", retention.pendingStarts()));
  }
}
