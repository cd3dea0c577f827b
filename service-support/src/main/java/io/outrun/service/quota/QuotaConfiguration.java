package io.outrun.service.quota;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** {@link WorkspaceQuotas} for every service with MongoDB: each enforces some of the quotas. */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration")
@ConditionalOnBean(ReactiveMongoTemplate.class)
public class QuotaConfiguration {

  /** Workspaces whose overrides are kept in memory at most. */
  private static final int MAX_WORKSPACES = 100_000;

  @Bean
  WorkspaceQuotas workspaceQuotas(ReactiveMongoTemplate mongo) {
    return new WorkspaceQuotas(mongo, MAX_WORKSPACES);
  }
}
