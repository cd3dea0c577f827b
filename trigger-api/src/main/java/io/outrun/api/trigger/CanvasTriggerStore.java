package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The triggers that stand for trigger nodes: a {@code triggers} document with {@code nodeId}, the
 * id of the node of its workflow it was made from (a trigger made through the triggers API has
 * none). A node keeps its trigger, and so its id and secret, across deploys.
 */
@Component
class CanvasTriggerStore {

  /** A trigger and the node it stands for. */
  record NodeTrigger(String nodeId, Trigger trigger) {}

  static final String NODE_ID = "nodeId";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  CanvasTriggerStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The workflow's triggers made from its nodes. */
  Flux<NodeTrigger> byNode(String workspaceId, String workflowId) {
    Query query =
        Query.query(
            where("workspaceId")
                .is(workspaceId)
                .and("workflowId")
                .is(workflowId)
                .and(NODE_ID)
                .exists(true));
    return mongo
        .find(query, Document.class, Trigger.COLLECTION)
        .flatMapIterable(
            document ->
                TriggerDocuments.read(document).stream()
                    .map(trigger -> new NodeTrigger(document.getString(NODE_ID), trigger))
                    .toList());
  }

  /** Inserts the trigger of node {@code nodeId}, with the node's id, in one write. */
  Mono<Trigger> insert(TriggerStore.NewTrigger created, String nodeId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Trigger trigger =
        new Trigger(
            created.id(),
            created.workspaceId(),
            created.workflowId(),
            created.type(),
            created.name(),
            created.enabled(),
            created.config(),
            now,
            now,
            null,
            0,
            null,
            null);
    Document document = TriggerDocuments.write(trigger).append(NODE_ID, nodeId);
    return mongo.insert(document, Trigger.COLLECTION).thenReturn(trigger);
  }

  /** The trigger no longer stands for a node: disabled, and its node id removed. */
  Mono<Void> detach(String triggerId) {
    Update update =
        new Update()
            .set("enabled", false)
            .unset(NODE_ID)
            .set("updatedAt", Date.from(clock.instant()));
    return mongo
        .updateFirst(Query.query(where("_id").is(triggerId)), update, Trigger.COLLECTION)
        .then();
  }
}
