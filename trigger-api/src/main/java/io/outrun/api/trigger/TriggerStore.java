package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.outrun.events.TriggerType;
import io.outrun.triggers.DependencyConfig;
import io.outrun.triggers.TriggerConfigs;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code triggers} collection, always filtered by workspace. Documents are read and written by
 * {@link TriggerDocuments}; the store stamps {@code createdAt} and {@code updatedAt} itself.
 */
@Component
class TriggerStore {

  private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  TriggerStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Inserts the trigger {@code created} describes (what the request and its checks decided), as
   * first stored now: created and updated now, never fired.
   */
  Mono<Trigger> insert(Trigger.Builder created) {
    Instant now = now();
    Trigger trigger = created.createdAt(now).updatedAt(now).build();
    return mongo.insert(TriggerDocuments.write(trigger), Trigger.COLLECTION).thenReturn(trigger);
  }

  /** The database Outrun's own collections live in (a data_change trigger's default one). */
  Mono<String> databaseName() {
    return mongo.getMongoDatabase().map(MongoDatabase::getName);
  }

  /** Whether a webhook of the workspace other than {@code triggerId} (null: any) has the path. */
  Mono<Boolean> webhookPathTaken(String workspaceId, String path, String triggerId) {
    Criteria taken =
        where("workspaceId")
            .is(workspaceId)
            .and("type")
            .is(TriggerType.WEBHOOK.wireName())
            .and("config.path")
            .is(path);
    if (triggerId != null) {
      taken = taken.and("_id").ne(triggerId);
    }
    return mongo.exists(Query.query(taken), Trigger.COLLECTION);
  }

  /** How many enabled triggers the workspace has. */
  Mono<Long> countEnabled(String workspaceId) {
    return mongo.count(
        Query.query(where("workspaceId").is(workspaceId).and("enabled").is(true)),
        Trigger.COLLECTION);
  }

  /** How many triggers the workspace has. */
  Mono<Long> count(String workspaceId) {
    return mongo.count(Query.query(where("workspaceId").is(workspaceId)), Trigger.COLLECTION);
  }

  /** The trigger if it belongs to {@code workflowId} in {@code workspaceId}. */
  Mono<Trigger> find(String workspaceId, String workflowId, String triggerId) {
    return read(
        mongo.findOne(one(workspaceId, workflowId, triggerId), Document.class, Trigger.COLLECTION));
  }

  /** The trigger if it belongs to {@code workspaceId}, whichever workflow it is of. */
  Mono<Trigger> find(String workspaceId, String triggerId) {
    Query query = Query.query(where("_id").is(triggerId).and("workspaceId").is(workspaceId));
    return read(mongo.findOne(query, Document.class, Trigger.COLLECTION));
  }

  /** Newest first; {@code workflowId} and {@code type} filter when not null. */
  Flux<Trigger> search(String workspaceId, String workflowId, TriggerType type, int limit) {
    Criteria criteria = where("workspaceId").is(workspaceId);
    if (workflowId != null) {
      criteria = criteria.and("workflowId").is(workflowId);
    }
    if (type != null) {
      criteria = criteria.and("type").is(type.wireName());
    }
    Query query = Query.query(criteria).with(NEWEST_FIRST).limit(limit);
    return mongo
        .find(query, Document.class, Trigger.COLLECTION)
        .flatMapIterable(document -> TriggerDocuments.read(document).stream().toList());
  }

  /** Applies {@code update} (plus {@code updatedAt}); empty if the trigger is not there. */
  Mono<Trigger> update(String workspaceId, String workflowId, String triggerId, Update update) {
    return read(
        mongo.findAndModify(
            one(workspaceId, workflowId, triggerId),
            update.set("updatedAt", Date.from(now())),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            Trigger.COLLECTION));
  }

  Mono<Boolean> delete(String workspaceId, String workflowId, String triggerId) {
    return mongo
        .remove(one(workspaceId, workflowId, triggerId), Trigger.COLLECTION)
        .map(result -> result.getDeletedCount() > 0);
  }

  /** Enabled dependency triggers of the workspace, except {@code excludedTriggerId}. */
  Flux<DependencyGraph.Edge> dependencyEdges(String workspaceId, String excludedTriggerId) {
    Criteria criteria =
        where("workspaceId")
            .is(workspaceId)
            .and("type")
            .is(TriggerType.DEPENDENCY.wireName())
            .and("enabled")
            .is(true);
    if (excludedTriggerId != null) {
      criteria = criteria.and("_id").ne(excludedTriggerId);
    }
    return mongo
        .find(Query.query(criteria), Document.class, Trigger.COLLECTION)
        .flatMapIterable(document -> TriggerDocuments.read(document).stream().toList())
        .flatMapIterable(
            trigger ->
                trigger.config(DependencyConfig.class).stream()
                    .map(
                        dependency ->
                            new DependencyGraph.Edge(
                                dependency.dependsOnWorkflowId(), trigger.workflowId()))
                    .toList());
  }

  /** Counts {@code runs} fires started through the API, as the listener does for its own. */
  Mono<Void> markFired(String triggerId, Instant now, int runs) {
    Update fired = new Update().set("lastTriggeredAt", Date.from(now)).inc("triggerCount", runs);
    return mongo
        .updateFirst(Query.query(where("_id").is(triggerId)), fired, Trigger.COLLECTION)
        .then();
  }

  /**
   * Number of triggers per type, across workspaces (for the gauge); a type with none is absent. One
   * pass over the collection (a count per type was one each, and no index serves a count by type).
   */
  Mono<Map<TriggerType, Long>> countByType() {
    Aggregation byType = Aggregation.newAggregation(Aggregation.group("type").count().as("count"));
    return mongo
        .aggregate(byType, Trigger.COLLECTION, Document.class)
        .mapNotNull(TriggerStore::typeCount)
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A group's type and count; null for a type this version does not know. */
  private static Map.Entry<TriggerType, Long> typeCount(Document group) {
    TriggerType type = TriggerConfigs.type(String.valueOf(group.get("_id")));
    return type == null ? null : Map.entry(type, ((Number) group.get("count")).longValue());
  }

  private static Mono<Trigger> read(Mono<Document> document) {
    return document.flatMap(found -> Mono.justOrEmpty(TriggerDocuments.read(found)));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Query one(String workspaceId, String workflowId, String triggerId) {
    return Query.query(
        where("_id")
            .is(triggerId)
            .and("workspaceId")
            .is(workspaceId)
            .and("workflowId")
            .is(workflowId));
  }
}
