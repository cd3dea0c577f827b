package io.outrun.api.workspace;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.MongoIndexes;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code workspaces} collection: {@code {_id: workspaceId, slug, updatedAt}}, one document per
 * workspace that has settings. A slug is unique across workspaces (unique index {@code slug}).
 */
@Component
class WorkspaceStore {

  static final String COLLECTION = "workspaces";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  WorkspaceStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  Mono<WorkspaceSettings> find(String workspaceId) {
    return mongo
        .findById(workspaceId, Document.class, COLLECTION)
        .map(document -> new WorkspaceSettings(workspaceId, document.getString("slug")))
        .defaultIfEmpty(new WorkspaceSettings(workspaceId, null));
  }

  /** Whether another workspace has {@code slug}. */
  Mono<Boolean> taken(String workspaceId, String slug) {
    return mongo.exists(Query.query(where("slug").is(slug).and("_id").ne(workspaceId)), COLLECTION);
  }

  /** Saves the settings; fails with a duplicate key if another workspace took the slug first. */
  Mono<WorkspaceSettings> save(WorkspaceSettings settings) {
    Update update = new Update().set("updatedAt", Date.from(clock.instant()));
    if (settings.slug() == null) {
      update.unset("slug");
    } else {
      update.set("slug", settings.slug());
    }
    return mongo
        .upsert(Query.query(where("_id").is(settings.workspaceId())), update, COLLECTION)
        .thenReturn(settings);
  }

  @Bean
  static MongoIndexes workspaceIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on(
            COLLECTION,
            new Index().on("slug", Sort.Direction.ASC).unique().sparse().named("slug_unique")));
  }
}
