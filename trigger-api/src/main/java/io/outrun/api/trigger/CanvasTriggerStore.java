package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * none). A node keeps its trigger, and so its id and secret, across deploys. A trigger whose node
 * left the deployed canvas is detached: disabled, its node id moved to {@code detachedNodeId}, so
 * that deploying or rolling back to a canvas with that node again reattaches the same trigger.
 */
@Component
class CanvasTriggerStore {

  /** A trigger and the node it stands (or, detached, stood) for. */
  record NodeTrigger(String nodeId, Trigger trigger, boolean attached) {}

  static final String NODE_ID = "nodeId";
  static final String DETACHED_NODE_ID = "detachedNodeId";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  CanvasTriggerStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The workflow's triggers made from its nodes, attached or detached. */
  Flux<NodeTrigger> byNode(String workspaceId, String workflowId) {
    Query query =
        Query.query(
            where("workspaceId")
                .is(workspaceId)
                .and("workflowId")
                .is(workflowId)
                .orOperator(where(NODE_ID).exists(true), where(DETACHED_NODE_ID).exists(true)));
    return mongo
        .find(query, Document.class, Trigger.COLLECTION)
        .flatMapIterable(
            document ->
                TriggerDocuments.read(document).stream()
                    .map(t -> nodeTrigger(document, t))
                    .toList());
  }

  private static NodeTrigger nodeTrigger(Document document, Trigger trigger) {
    String nodeId = document.getString(NODE_ID);
    return nodeId != null
        ? new NodeTrigger(nodeId, trigger, true)
        : new NodeTrigger(document.getString(DETACHED_NODE_ID), trigger, false);
  }

  /**
   * The trigger each node id has: its attached one, else the newest detached one (which a deploy
   * reattaches). Pure.
   */
  static Map<String, NodeTrigger> claimed(List<NodeTrigger> triggers) {
    Map<String, NodeTrigger> byNode = new HashMap<>();
    for (NodeTrigger candidate : triggers) {
      byNode.merge(candidate.nodeId(), candidate, CanvasTriggerStore::preferred);
    }
    return byNode;
  }

  private static NodeTrigger preferred(NodeTrigger a, NodeTrigger b) {
    if (a.attached() != b.attached()) {
      return a.attached() ? a : b;
    }
    Instant aAt = a.trigger().updatedAt();
    Instant bAt = b.trigger().updatedAt();
    return aAt != null && (bAt == null || !bAt.isAfter(aAt)) ? a : b;
  }

  /** Inserts the trigger of node {@code nodeId}, with the node's id, in one write. */
  Mono<Trigger> insert(Trigger.Builder created, String nodeId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Trigger trigger = created.createdAt(now).updatedAt(now).nodeId(nodeId).build();
    Document document = TriggerDocuments.write(trigger).append(NODE_ID, nodeId);
    return mongo.insert(document, Trigger.COLLECTION).thenReturn(trigger);
  }

  /**
   * The trigger no longer stands for a node: disabled, and its node id kept only as {@code
   * detachedNodeId}.
   */
  Mono<Void> detach(String triggerId, String nodeId) {
    Update update =
        new Update()
            .set("enabled", false)
            .unset(NODE_ID)
            .set(DETACHED_NODE_ID, nodeId)
            .set("updatedAt", Date.from(clock.instant()));
    return mongo
        .updateFirst(Query.query(where("_id").is(triggerId)), update, Trigger.COLLECTION)
        .then();
  }
}
