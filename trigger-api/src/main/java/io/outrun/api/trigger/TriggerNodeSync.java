package io.outrun.api.trigger;

import io.outrun.api.RandomIds;
import io.outrun.api.workflow.Node;
import io.outrun.api.workflow.TriggerNodes;
import io.outrun.api.workflow.Workflow;
import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
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
 * disabled and no longer stands for a node. Triggers made through the triggers API are left alone.
 * The nodes were checked first ({@link TriggerNodeChecks}).
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

  Mono<Void> synchronise(Workflow workflow) {
    Map<String, Node> nodes =
        TriggerNodes.of(workflow.nodes()).stream()
            .collect(Collectors.toMap(Node::id, node -> node, (a, b) -> a));
    return canvas
        .byNode(workflow.workspaceId(), workflow.id())
        .collectMap(CanvasTriggerStore.NodeTrigger::nodeId, CanvasTriggerStore.NodeTrigger::trigger)
        .flatMapMany(
            existing ->
                Flux.concat(
                    Flux.fromIterable(nodes.values())
                        .concatMap(node -> save(workflow, node, existing.get(node.id()))),
                    Flux.fromIterable(gone(existing, nodes.keySet()))
                        .concatMap(trigger -> canvas.detach(trigger.id()))))
        .then();
  }

  private static java.util.List<Trigger> gone(Map<String, Trigger> existing, Set<String> nodeIds) {
    return existing.entrySet().stream()
        .filter(entry -> !nodeIds.contains(entry.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }

  private Mono<Void> save(Workflow workflow, Node node, Trigger existing) {
    TriggerRequest request = TriggerNodeRequests.of(node);
    if (existing != null && existing.type().wireName().equals(request.type())) {
      return update(workflow, request, existing);
    }
    Mono<Void> detached = existing == null ? Mono.empty() : canvas.detach(existing.id());
    return detached.then(create(workflow, node, request));
  }

  private Mono<Void> update(Workflow workflow, TriggerRequest request, Trigger existing) {
    return checks
        .config(workflow.workspaceId(), workflow.id(), request, existing.id())
        .map(valid -> secrets.forUpdate(existing, valid))
        .flatMap(
            withSecret -> {
              Update update =
                  new Update()
                      .set("name", request.name())
                      .set("enabled", request.enabled())
                      .set("config", TriggerDocuments.storedConfig(withSecret.config()));
              if (existing.is(TriggerType.SCHEDULE)) {
                update = ScheduleResets.reset(update);
              }
              return store.update(workflow.workspaceId(), workflow.id(), existing.id(), update);
            })
        .then();
  }

  private Mono<Void> create(Workflow workflow, Node node, TriggerRequest request) {
    String id = ids.next();
    return checks
        .config(workflow.workspaceId(), workflow.id(), request, null)
        .map(valid -> secrets.forNew(id, valid))
        .flatMap(
            withSecret ->
                canvas.insert(
                    new TriggerStore.NewTrigger(
                        id,
                        workflow.workspaceId(),
                        workflow.id(),
                        TriggerConfigs.type(request.type()),
                        request.name(),
                        request.enabled(),
                        withSecret.config()),
                    node.id()))
        .then();
  }
}
