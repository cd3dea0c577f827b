package io.outrun.api.audit;

import static io.outrun.api.MongoIndexes.newestFirst;

import io.outrun.api.MongoIndexes;
import io.outrun.service.retention.RetainedCollections;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;

/**
 * The audit log's index (a workspace's entries newest first) and its retention: {@code
 * outrun.retention.audit-log} (365 days) after {@code at}, by a TTL index and the sweeper.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  MongoIndexes auditIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on(
            AuditStore.COLLECTION,
            newestFirst("workspaceId", AuditStore.AT, "workspace_newest")
                .on("_id", Sort.Direction.DESC)));
  }

  @Bean
  RetainedCollections auditRetention(RetentionProperties retention) {
    return RetainedCollections.of(
        new RetentionRule(AuditStore.COLLECTION, AuditStore.AT, retention.auditLog()));
  }
}
