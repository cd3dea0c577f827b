package io.outrun.service.retention;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * {@link RetentionProperties} for every service with MongoDB, and a {@link RetentionSweeper} for
 * the collections a service declares it owns ({@link RetainedCollections}).
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration")
@ConditionalOnBean(ReactiveMongoTemplate.class)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

  @Bean
  WorkspaceRetentions workspaceRetentions(ReactiveMongoTemplate mongo) {
    return new WorkspaceRetentions(mongo);
  }

  @Bean
  @ConditionalOnBean(RetainedCollections.class)
  RetentionSweeper retentionSweeper(
      ReactiveMongoTemplate mongo,
      RetainedCollections retained,
      RetentionProperties properties,
      Clock clock) {
    return new RetentionSweeper(mongo, retained, properties.sweepInterval(), clock);
  }
}
