package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.input.ApiLimits;
import io.outrun.api.workflow.Node;
import io.outrun.api.workflow.TriggerNodes;
import io.outrun.api.workflow.Workflow;
import io.outrun.triggers.TriggerConfigs;
import io.outrun.triggers.TriggerConfigs.Checked;
import io.outrun.triggers.WebhookConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A workflow's trigger nodes checked exactly as the triggers API checks a trigger ({@link
 * TriggerInputRule}, then {@link TriggerChecks#config}: the type's config rules, a dependency's
 * upstream and cycle, a webhook path's uniqueness), every problem named after its node. Two trigger
 * nodes of one workflow may not ask for one webhook path either.
 */
@Component
class TriggerNodeChecks {

  private final TriggerChecks checks;
  private final ApiLimits limits;
  private final CanvasTriggerStore canvas;

  TriggerNodeChecks(TriggerChecks checks, ApiLimits limits, CanvasTriggerStore canvas) {
    this.checks = checks;
    this.limits = limits;
    this.canvas = canvas;
  }

  Mono<List<FieldProblem>> check(Workflow workflow) {
    List<Node> nodes = TriggerNodes.of(workflow.nodes());
    if (nodes.isEmpty()) {
      return Mono.just(List.of());
    }
    return canvas
        .byNode(workflow.workspaceId(), workflow.id())
        .collectList()
        .map(CanvasTriggerStore::claimed)
        .flatMapMany(
            triggers ->
                Flux.fromIterable(nodes)
                    .concatMap(node -> problems(workflow, node, triggerId(triggers, node))))
        .concatWithValues(samePaths(nodes))
        .collectList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private static String triggerId(Map<String, CanvasTriggerStore.NodeTrigger> triggers, Node node) {
    CanvasTriggerStore.NodeTrigger claimed = triggers.get(node.id());
    return claimed == null ? null : claimed.trigger().id();
  }

  private Mono<List<FieldProblem>> problems(Workflow workflow, Node node, String triggerId) {
    TriggerRequest request = TriggerNodeRequests.of(node);
    List<FieldProblem> input = new ArrayList<>(TriggerNodeRequests.refusedKeys(node));
    input.addAll(TriggerNodeRequests.named(node, TriggerInputRule.check(request, limits)));
    if (!input.isEmpty()) {
      return Mono.just(input);
    }
    return checks
        .config(workflow.workspaceId(), workflow.id(), request, triggerId)
        .thenReturn(List.<FieldProblem>of())
        .onErrorResume(
            ProblemException.class, refused -> Mono.just(TriggerNodeRequests.named(node, refused)));
  }

  /** The path a webhook node asks for, read by the webhook rules; null for none or a bad config. */
  private static String webhookPath(Node node) {
    if (!node.type().equals("trigger.webhook")) {
      return null;
    }
    return TriggerConfigs.fromRequest("webhook", TriggerNodes.requestedConfig(node), null)
            instanceof Checked.Valid(WebhookConfig webhook, String secret)
        ? webhook.path()
        : null;
  }

  private static List<FieldProblem> samePaths(List<Node> nodes) {
    Map<String, String> first = new HashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (Node node : nodes) {
      String path = webhookPath(node);
      if (path != null) {
        String earlier = first.putIfAbsent(path, node.id());
        if (earlier != null && !Objects.equals(earlier, node.id())) {
          problems.add(
              new FieldProblem(
                  "nodes[" + node.id() + "].data.path",
                  "node '" + earlier + "' has the same webhook path"));
        }
      }
    }
    return problems;
  }
}
