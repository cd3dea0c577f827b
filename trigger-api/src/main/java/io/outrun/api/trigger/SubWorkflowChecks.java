package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.workflow.Node;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowLookupStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A workflow's calls of workflows at deploy ({@link WorkflowCalls}: {@code sub_workflow} nodes and
 * an {@code ai_agent}'s workflow tools): each calls a workflow of the same workspace (an unknown
 * one, or another workspace's, is the same problem), and no call closes a cycle of calls and
 * dependency triggers back to the workflow ({@link DependencyChecks#graph}, the graph dependency
 * triggers are checked against); the problem names the chain, starting and ending with the deployed
 * workflow.
 */
@Component
class SubWorkflowChecks {

  private final DependencyChecks dependencies;
  private final WorkflowLookupStore workflows;

  SubWorkflowChecks(DependencyChecks dependencies, WorkflowLookupStore workflows) {
    this.dependencies = dependencies;
    this.workflows = workflows;
  }

  Mono<List<FieldProblem>> check(Workflow workflow) {
    Map<String, String> targets = targets(workflow.nodes());
    if (targets.isEmpty()) {
      return Mono.just(List.of());
    }
    return dependencies
        .graph(workflow.workspaceId(), null, workflow.id())
        .flatMap(
            graph ->
                Flux.fromIterable(targets.entrySet())
                    .concatMap(call -> problems(workflow, graph, call.getKey(), call.getValue()))
                    .collectList());
  }

  private Flux<FieldProblem> problems(
      Workflow workflow, DependencyGraph graph, String field, String target) {
    return workflows
        .isLive(workflow.workspaceId(), target)
        .flatMapMany(
            live -> {
              if (!live) {
                return Flux.just(
                    new FieldProblem(field, "no workflow '" + target + "' in this workspace"));
              }
              return Flux.fromStream(
                  graph
                      .cycleClosedBy(new DependencyGraph.Edge(workflow.id(), target))
                      .map(chain -> fromCaller(workflow.id(), chain))
                      .map(
                          chain ->
                              new FieldProblem(
                                  field,
                                  "closes a cycle of workflow calls and dependencies: "
                                      + String.join(" -> ", chain)))
                      .stream());
            });
  }

  /** The workflows {@code nodes} call, by the field naming each ({@link WorkflowCalls}). */
  static Map<String, String> targets(List<Node> nodes) {
    Map<String, String> targets = new LinkedHashMap<>();
    for (Node node : nodes) {
      targets.putAll(WorkflowCalls.of(node.id(), node.type(), node.data()));
    }
    return targets;
  }

  /** {@code [callee, ..., caller, callee]} as {@code [caller, callee, ..., caller]}. */
  private static List<String> fromCaller(String caller, List<String> chain) {
    List<String> rotated = new ArrayList<>(List.of(caller));
    rotated.addAll(chain.subList(0, chain.size() - 1));
    return rotated;
  }
}
