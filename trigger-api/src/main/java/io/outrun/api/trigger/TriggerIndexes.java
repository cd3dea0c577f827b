package io.outrun.api.trigger;

import static io.outrun.api.MongoIndexes.newestFirst;

import io.outrun.api.MongoIndexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

/** The indexes the trigger queries use: workspace lists, history (runs, events), webhook logs. */
@Configuration(proxyBeanMethods = false)
class TriggerIndexes {

  @Bean
  MongoIndexes triggerQueryIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on(
            Trigger.COLLECTION,
            new Index()
                .on("workspaceId", Sort.Direction.ASC)
                .on("type", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC)
                .named("workspace_type_newest")),
        MongoIndexes.on(
            TriggerHistory.RUNS,
            newestFirst("triggeredBy.triggerId", "queuedAt", "trigger_newest")),
        // The listener creates the same index (same keys, same name) for its own writes.
        MongoIndexes.on(
            TriggerHistory.TRIGGER_EVENTS, newestFirst("triggerId", "at", "trigger_newest")),
        // Buckets newest first; receivedAt orders the older one-request documents (no "to") after
        // them without an in-memory sort. A data dir from before the buckets keeps its old
        // "trigger_newest" index (triggerId, receivedAt): harmless, no longer created.
        MongoIndexes.on(
            TriggerActivity.WEBHOOK_LOGS,
            newestFirst("triggerId", "to", "trigger_newest_bucket")
                .on("receivedAt", Sort.Direction.DESC)));
  }
}
