package io.outrun.api;

import static io.outrun.api.MongoIndexes.newestFirst;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
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
  ApplicationRunner createIndexes(ReactiveMongoTemplate mongo, List<MongoIndexes> features) {
    return (ApplicationArguments args) ->
        Flux.fromIterable(features)
            .flatMapIterable(MongoIndexes::indexes)
            .concatMap(index -> mongo.indexOps(index.collection()).createIndex(index.index()))
            .then()
            .block(INDEX_TIMEOUT);
  }

  @Bean
  MongoIndexes workflowIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on("workflows", newestFirst("workspaceId", "createdAt", "workspace_newest")),
        MongoIndexes.on("triggers", newestFirst("workflowId", "createdAt", "workflow_newest")),
        MongoIndexes.on("deployments", newestFirst("workflowId", "sequence", "workflow_newest")),
        // runs belong to runner-service; this index serves trigger-api's run history.
        MongoIndexes.on("runs", newestFirst("workflowId", "queuedAt", "trigger_api_history")),
        // GET /api/runs: the workspace's runs across workflows, newest first, ties by id.
        MongoIndexes.on(
            "runs",
            newestFirst("workspaceId", "queuedAt", "workspace_newest")
                .on("_id", Sort.Direction.DESC)));
  }
}
