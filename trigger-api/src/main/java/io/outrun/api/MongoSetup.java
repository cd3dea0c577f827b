package io.outrun.api;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/**
 * The indexes trigger-api's queries use, created at startup. (How documents are mapped is shared by
 * all services: service-support's {@code ServiceConventions}.)
 */
@Configuration(proxyBeanMethods = false)
class MongoSetup {

  private static final Duration INDEX_TIMEOUT = Duration.ofSeconds(30);

  /** Runs once on the main thread before the service is ready, so blocking here is fine. */
  @Bean
  ApplicationRunner createIndexes(ReactiveMongoTemplate mongo) {
    return (ApplicationArguments args) ->
        Flux.concat(
                mongo
                    .indexOps("workflows")
                    .createIndex(
                        new Index()
                            .on("workspaceId", Sort.Direction.ASC)
                            .on("createdAt", Sort.Direction.DESC)
                            .named("workspace_newest")),
                mongo
                    .indexOps("triggers")
                    .createIndex(
                        new Index()
                            .on("workflowId", Sort.Direction.ASC)
                            .on("createdAt", Sort.Direction.DESC)
                            .named("workflow_newest")),
                mongo
                    .indexOps("deployments")
                    .createIndex(
                        new Index()
                            .on("workflowId", Sort.Direction.ASC)
                            .on("sequence", Sort.Direction.DESC)
                            .named("workflow_newest")),
                // runs belong to runner-service; this index serves trigger-api's run history.
                mongo
                    .indexOps("runs")
                    .createIndex(
                        new Index()
                            .on("workflowId", Sort.Direction.ASC)
                            .on("queuedAt", Sort.Direction.DESC)
                            .named("trigger_api_history")))
            .then()
            .block(INDEX_TIMEOUT);
  }
}
