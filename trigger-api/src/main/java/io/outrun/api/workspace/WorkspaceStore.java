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
 * The {@code workspaces} collection: {@code {_id: workspaceId, slug, autoPauseAfterFailures,
 * retention: {runsDays, webhookLogsDays, triggerEventsDays}, updatedAt}}, one document per
 * workspace that has settings; listener-service reads {@code slug} and {@code
 * autoPauseAfterFailures}, every owner of a retained collection {@code retention}
 * (service-support's {@code WorkspaceRetentions}). A slug is unique across workspaces (unique index
 * {@code slug}).
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
        .map(document -> read(workspaceId, document))
        .defaultIfEmpty(new WorkspaceSettings(workspaceId, null, null, null));
  }

  private static WorkspaceSettings read(String workspaceId, Document document) {
    Document retention = document.get("retention") instanceof Document days ? days : null;
    return new WorkspaceSettings(
        workspaceId,
        document.getString("slug"),
        number(document.get("autoPauseAfterFailures")),
        retention == null
            ? null
            : new WorkspaceSettings.RetentionDays(
                number(retention.get("runsDays")),
                number(retention.get("webhookLogsDays")),
                number(retention.get("triggerEventsDays"))));
  }

  private static Integer number(Object value) {
    return value instanceof Number number ? number.intValue() : null;
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
    setOrUnset(update, "autoPauseAfterFailures", settings.autoPauseAfterFailures());
    setOrUnset(update, "retention", retention(settings.retention()));
    return mongo
        .upsert(Query.query(where("_id").is(settings.workspaceId())), update, COLLECTION)
        .thenReturn(settings);
  }

  private static void setOrUnset(Update update, String field, Object value) {
    if (value == null) {
      update.unset(field);
    } else {
      update.set(field, value);
    }
  }

  private static Document retention(WorkspaceSettings.RetentionDays days) {
    if (days == null) {
      return null;
    }
    Document document = new Document();
    if (days.runsDays() != null) {
      document.append("runsDays", days.runsDays());
    }
    if (days.webhookLogsDays() != null) {
      document.append("webhookLogsDays", days.webhookLogsDays());
    }
    if (days.triggerEventsDays() != null) {
      document.append("triggerEventsDays", days.triggerEventsDays());
    }
    return document;
  }

  @Bean
  static MongoIndexes workspaceIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on(
            COLLECTION,
            new Index().on("slug", Sort.Direction.ASC).unique().sparse().named("slug_unique")));
  }
}
