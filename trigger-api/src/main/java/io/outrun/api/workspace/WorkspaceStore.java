package io.outrun.api.workspace;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.MongoIndexes;
import io.outrun.service.quota.WorkspaceQuotas;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.WorkspaceRetentions;
import java.time.Clock;
import java.time.Instant;
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
 * retention: {runsDays, webhookLogsDays, triggerEventsDays}, quotas: {activeTriggers,
 * runsPerMinute, concurrentRuns}, updatedAt}}, one document per workspace that has settings;
 * listener-service reads {@code slug} and {@code autoPauseAfterFailures}, every owner of a retained
 * collection {@code retention} (service-support's {@code WorkspaceRetentions}). A slug is unique
 * across workspaces (unique index {@code slug}).
 */
@Component
class WorkspaceStore {

  static final String COLLECTION = "workspaces";

  private final ReactiveMongoTemplate mongo;
  private final RetentionProperties retention;
  private final Clock clock;

  WorkspaceStore(ReactiveMongoTemplate mongo, RetentionProperties retention, Clock clock) {
    this.mongo = mongo;
    this.retention = retention;
    this.clock = clock;
  }

  Mono<WorkspaceSettings> find(String workspaceId) {
    return mongo
        .findById(workspaceId, Document.class, COLLECTION)
        .map(document -> read(workspaceId, document))
        .defaultIfEmpty(new WorkspaceSettings(workspaceId, null, null, null, null));
  }

  private static WorkspaceSettings read(String workspaceId, Document document) {
    Document retention = document.get("retention") instanceof Document days ? days : new Document();
    WorkspaceSettings.RetentionDays days =
        new WorkspaceSettings.RetentionDays(
            number(retention.get(WorkspaceRetentions.RUNS)),
            number(retention.get(WorkspaceRetentions.WEBHOOK_LOGS)),
            number(retention.get(WorkspaceRetentions.TRIGGER_EVENTS)));
    WorkspaceQuotas.Overrides overrides = WorkspaceQuotas.Overrides.of(document);
    WorkspaceSettings.Quotas quotas =
        new WorkspaceSettings.Quotas(
            overrides.activeTriggers(), overrides.runsPerMinute(), overrides.concurrentRuns());
    return new WorkspaceSettings(
        workspaceId,
        document.getString("slug"),
        number(document.get("autoPauseAfterFailures")),
        days.empty() ? null : days,
        quotas.empty() ? null : quotas);
  }

  private static Integer number(Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }

  /** Whether another workspace has {@code slug}. */
  Mono<Boolean> taken(String workspaceId, String slug) {
    return mongo.exists(Query.query(where("slug").is(slug).and("_id").ne(workspaceId)), COLLECTION);
  }

  /**
   * Saves the settings; fails with a duplicate key if another workspace took the slug first. A
   * changed runs retention keeps {@link RunsExpiryMark}'s mark.
   */
  Mono<WorkspaceSettings> save(WorkspaceSettings settings) {
    return mongo
        .findById(settings.workspaceId(), Document.class, COLLECTION)
        .defaultIfEmpty(new Document())
        .flatMap(old -> save(settings, old));
  }

  private Mono<WorkspaceSettings> save(WorkspaceSettings settings, Document old) {
    Instant now = clock.instant();
    Document oldRetention = old.get("retention") instanceof Document days ? days : new Document();
    Instant mark =
        RunsExpiryMark.after(
            number(oldRetention.get(WorkspaceRetentions.RUNS)),
            oldRetention.get(WorkspaceRetentions.RUNS_EXPIRED_BEFORE) instanceof Date date
                ? date.toInstant()
                : null,
            settings.retention() == null ? null : settings.retention().runsDays(),
            retention.runs(),
            now);
    Update update = new Update().set("updatedAt", Date.from(now));
    if (settings.slug() == null) {
      update.unset("slug");
    } else {
      update.set("slug", settings.slug());
    }
    setOrUnset(update, "autoPauseAfterFailures", settings.autoPauseAfterFailures());
    setOrUnset(update, "retention", retention(settings.retention(), mark));
    setOrUnset(update, WorkspaceQuotas.FIELD, quotas(settings.quotas()));
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

  private static Document retention(WorkspaceSettings.RetentionDays days, Instant mark) {
    Document document = new Document();
    if (mark != null) {
      document.append(WorkspaceRetentions.RUNS_EXPIRED_BEFORE, Date.from(mark));
    }
    if (days == null) {
      return document.isEmpty() ? null : document;
    }
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

  private static Document quotas(WorkspaceSettings.Quotas quotas) {
    if (quotas == null) {
      return null;
    }
    Document document = new Document();
    if (quotas.activeTriggers() != null) {
      document.append(WorkspaceQuotas.ACTIVE_TRIGGERS, quotas.activeTriggers());
    }
    if (quotas.runsPerMinute() != null) {
      document.append(WorkspaceQuotas.RUNS_PER_MINUTE, quotas.runsPerMinute());
    }
    if (quotas.concurrentRuns() != null) {
      document.append(WorkspaceQuotas.CONCURRENT_RUNS, quotas.concurrentRuns());
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
