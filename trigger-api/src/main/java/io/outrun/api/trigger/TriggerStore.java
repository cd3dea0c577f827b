package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code triggers} collection, always filtered by workspace. */
@Component
class TriggerStore {

  private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

  private final ReactiveMongoTemplate mongo;

  TriggerStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  Mono<Trigger> insert(Trigger trigger) {
    return mongo.insert(trigger);
  }

  /** How many triggers the workspace has. */
  Mono<Long> count(String workspaceId) {
    return mongo.count(Query.query(where("workspaceId").is(workspaceId)), Trigger.class);
  }

  /** The trigger if it belongs to {@code workflowId} in {@code workspaceId}. */
  Mono<Trigger> find(String workspaceId, String workflowId, String triggerId) {
    return mongo.findOne(one(workspaceId, workflowId, triggerId), Trigger.class);
  }

  /** Newest first; {@code workflowId} and {@code type} filter when not null. */
  Flux<Trigger> search(String workspaceId, String workflowId, String type, int limit) {
    Criteria criteria = where("workspaceId").is(workspaceId);
    if (workflowId != null) {
      criteria = criteria.and("workflowId").is(workflowId);
    }
    if (type != null) {
      criteria = criteria.and("type").is(type);
    }
    return mongo.find(Query.query(criteria).with(NEWEST_FIRST).limit(limit), Trigger.class);
  }

  /** Applies {@code update} (plus {@code updatedAt}); empty if the trigger is not there. */
  Mono<Trigger> update(
      String workspaceId, String workflowId, String triggerId, Update update, Instant now) {
    return mongo.findAndModify(
        one(workspaceId, workflowId, triggerId),
        update.set("updatedAt", now),
        FindAndModifyOptions.options().returnNew(true),
        Trigger.class);
  }

  Mono<Boolean> delete(String workspaceId, String workflowId, String triggerId) {
    return mongo
        .remove(one(workspaceId, workflowId, triggerId), Trigger.class)
        .map(result -> result.getDeletedCount() > 0);
  }

  /** Enabled dependency triggers of the workspace, except {@code excludedTriggerId}. */
  Flux<DependencyGraph.Edge> dependencyEdges(String workspaceId, String excludedTriggerId) {
    Criteria criteria =
        where("workspaceId")
            .is(workspaceId)
            .and("type")
            .is(Trigger.DEPENDENCY)
            .and("enabled")
            .is(true);
    if (excludedTriggerId != null) {
      criteria = criteria.and("_id").ne(excludedTriggerId);
    }
    return mongo
        .find(Query.query(criteria), Trigger.class)
        .filter(trigger -> trigger.config().get(DependencyConfigRule.UPSTREAM) instanceof String)
        .map(
            trigger ->
                new DependencyGraph.Edge(
                    (String) trigger.config().get(DependencyConfigRule.UPSTREAM),
                    trigger.workflowId()));
  }

  /** Counts {@code runs} fires started through the API, as the listener does for its own. */
  Mono<Void> markFired(String triggerId, Instant now, int runs) {
    Update fired = new Update().set("lastTriggeredAt", now).inc("triggerCount", runs);
    return mongo.updateFirst(Query.query(where("_id").is(triggerId)), fired, Trigger.class).then();
  }

  /** Number of triggers per type, across workspaces (for the gauge). */
  Mono<Map<String, Long>> countByType() {
    return Flux.fromIterable(TriggerConfigRule.TYPES)
        .flatMap(
            type ->
                mongo
                    .count(Query.query(where("type").is(type)), Trigger.class)
                    .map(count -> Map.entry(type, count)),
            2)
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
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
