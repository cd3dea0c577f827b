package io.outrun.api.trigger;

import io.outrun.api.RandomIds;
import io.outrun.api.trigger.CanvasTriggerStore.NodeTrigger;
import io.outrun.api.workflow.Node;
import io.outrun.api.workflow.TriggerNodes;
import io.outrun.api.workflow.Workflow;
import io.outrun.events.TriggerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a workflow's trigger documents match its trigger nodes, by node id: a node without a
 * trigger gets a new one (an authenticated webhook a generated secret); a node whose trigger is of
 * its type has that trigger's name, enabled and config replaced (keeping its id and, as {@code PUT}
 * does, its secret; a schedule starts afresh); a trigger whose node is gone, or changed type, is
 * detached (disabled; {@link CanvasTriggerStore}), and a detached trigger whose node is back is
 * reattached, keeping its id and secret. Triggers made through the triggers API are left alone. The
 * nodes were checked first ({@link TriggerNodeChecks}). Answers the secrets it generated, to be
 * shown once.
 */
@Component
class TriggerNodeSync {

  private final TriggerChecks checks;
  private final TriggerSecretsService secrets;
  private final TriggerStore store;
  private final CanvasTriggerStore canvas;
  private final RandomIds ids;

  TriggerNodeSync(
      TriggerChecks checks,
      TriggerSecretsService secrets,
      TriggerStore store,
      CanvasTriggerStore canvas,
      RandomIds ids) {
    this.checks = checks;
    this.secrets = secrets;
    this.store = store;
    this.canvas = canvas;
    this.ids = ids;
  }

  /** A secret generated for the trigger of node {@code nodeId}. */
  record Generated(String nodeId, Trigger trigger, String secret) {
    @Override
    public String toString() {
      return "Generated[nodeId=" + nodeId + ", trigger=" + trigger.id() + ", secret=***]";
    }
  }

  /** Makes the triggers match the workflow's (deployed) nodes; answers the secrets generated. */
  Mono<List<Generated>> synchronise(Workflow workflow) {
    Map<String, Node> nodes =
        TriggerNodes.of(workflow.nodes()).stream()
            .collect(Collectors.toMap(Node::id, node -> node, (a, b) -> a, LinkedHashMap::new));
    return canvas
        .byNode(workflow.workspaceId(), workflow.id())
        .collectList()
        .map(CanvasTriggerStore::claimed)
        .flatMapMany(
            existing ->
                Flux.concat(
                    Flux.fromIterable(nodes.values())
                        .concatMap(node -> save(workflow, node, existing.get(node.id()))),
                    Flux.fromIterable(gone(existing, nodes.keySet()))
                        .concatMap(gone -> canvas.detach(gone.trigger().id(), gone.nodeId()))
                        .then(Mono.empty())))
        .collectList();
  }

  private static List<NodeTrigger> gone(Map<String, NodeTrigger> existing, Set<String> nodeIds) {
    return existing.values().stream()
        .filter(nodeTrigger -> nodeTrigger.attached() && !nodeIds.contains(nodeTrigger.nodeId()))
        .toList();
  }

  private Mono<Generated> save(Workflow workflow, Node node, NodeTrigger existing) {
    TriggerRequest request = TriggerNodeRequests.of(node);
    if (existing != null && existing.trigger().type().wireName().equals(request.type())) {
      return update(workflow, node, request, existing.trigger());
    }
    Mono<Void> detached =
        existing == null || !existing.attached()
            ? Mono.empty()
            : canvas.detach(existing.trigger().id(), node.id());
    return detached.then(create(workflow, node, request));
  }

  /** Updates (and, if detached, reattaches) the node's trigger, keeping its id and secret. */
  private Mono<Generated> update(
      Workflow workflow, Node node, TriggerRequest request, Trigger existing) {
    return checks
        .config(workflow.workspaceId(), workflow.id(), request, existing.id())
        .map(valid -> secrets.forUpdate(existing, valid))
        .flatMap(
            withSecret -> {
              Update update =
                  new Update()
                      .set("name", request.name())
                      .set("enabled", request.enabled())
                      .set("config", TriggerDocuments.storedConfig(withSecret.config()))
                      .set(CanvasTriggerStore.NODE_ID, node.id())
                      .unset(CanvasTriggerStore.DETACHED_NODE_ID);
              if (existing.is(TriggerType.SCHEDULE)) {
                update = ScheduleResets.reset(update);
              }
              return store
                  .update(workflow.workspaceId(), workflow.id(), existing.id(), update)
                  .flatMap(saved -> generated(node, saved, withSecret.secret()));
            });
  }

  private static Mono<Generated> generated(Node node, Trigger trigger, String secret) {
    return secret == null ? Mono.empty() : Mono.just(new Generated(node.id(), trigger, secret));
  }

  private Mono<Generated> create(Workflow workflow, Node node, TriggerRequest request) {
    String id = ids.next();
    return checks
        .config(workflow.workspaceId(), workflow.id(), request, null)
        .map(valid -> secrets.forNew(id, valid))
        .flatMap(
            withSecret ->
                canvas
                    .insert(request.newTrigger(id, workflow, withSecret.config()), node.id())
                    .flatMap(saved -> generated(node, saved, withSecret.secret())));
  }
}
