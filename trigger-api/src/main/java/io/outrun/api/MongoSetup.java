package io.outrun.api;

import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/**
 * MongoDB as the documents of docs/ARCHITECTURE.md need it: map keys kept as they are (free-form
 * JSON keys may contain dots), no {@code _class} hints (other services read these documents by
 * shape), the indexes trigger-api's queries use, created at startup.
 */
@Configuration(proxyBeanMethods = false)
class MongoSetup {

  private static final Duration INDEX_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  static BeanPostProcessor plainDocumentMapping() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof MappingMongoConverter converter) {
          converter.preserveMapKeys(true);
          converter.setTypeMapper(new DefaultMongoTypeMapper(null));
        }
        return bean;
      }
    };
  }

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
                            .named("workflow_newest")))
            .then()
            .block(INDEX_TIMEOUT);
  }
}
