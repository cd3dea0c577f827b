package io.outrun.api.trigger;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/** The indexes the trigger queries use: workspace lists, history and webhook logs. */
@Configuration(proxyBeanMethods = false)
class TriggerIndexes {

  private static final Duration INDEX_TIMEOUT = Duration.ofSeconds(30);

  /** Runs once on the main thread before the service is ready, so blocking here is fine. */
  @Bean
  ApplicationRunner createTriggerIndexes(ReactiveMongoTemplate mongo) {
    return (ApplicationArguments args) ->
        Flux.concat(
                mongo
                    .indexOps(Trigger.COLLECTION)
                    .createIndex(
                        new Index()
                            .on("workspaceId", Sort.Direction.ASC)
                            .on("type", Sort.Direction.ASC)
                            .on("createdAt", Sort.Direction.DESC)
                            .named("workspace_type_newest")),
                mongo
                    .indexOps(TriggerActivity.RUNS)
                    .createIndex(
                        new Index()
                            .on("triggeredBy.triggerId", Sort.Direction.ASC)
                            .on("queuedAt", Sort.Direction.DESC)
                            .named("trigger_newest")),
                mongo
                    .indexOps(TriggerActivity.WEBHOOK_LOGS)
                    .createIndex(
                        new Index()
                            .on("triggerId", Sort.Direction.ASC)
                            .on("receivedAt", Sort.Direction.DESC)
                            .named("trigger_newest")))
            .then()
            .block(INDEX_TIMEOUT);
  }
}
