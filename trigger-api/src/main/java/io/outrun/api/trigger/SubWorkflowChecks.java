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
 * A workflow's {@code sub_workflow} nodes at deploy: each calls a workflow of the same workspace
 * (an unknown one, or another workspace's, is the same problem), and no call closes a cycle of
 * calls and dependency triggers back to the workflow ({@link DependencyChecks#graph}, the graph
 * dependency triggers are checked against); the problem names the chain, starting and ending with
 * the deployed workflow.
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
      Workflow workflow, DependencyGraph graph, String nodeId, String target) {
    String field = "nodes[" + nodeId + "].data.workflowId";
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

  /** The workflow each {@code sub_workflow} node of {@code nodes} calls, by node id. */
  static Map<String, String> targets(List<Node> nodes) {
    Map<String, String> targets = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (SubWorkflowCallStore.TYPE.equals(node.type())
          && node.data().get("workflowId") instanceof String target
          && !target.isBlank()) {
        targets.put(node.id(), target);
      }
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
