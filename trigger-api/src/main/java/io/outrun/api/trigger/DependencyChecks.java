package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.WorkflowLookupStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a dependency trigger needs beyond its shape: an upstream workflow in the same workspace (an
 * unknown one, or another workspace's, is the same 400), and no cycle among the workspace's enabled
 * dependency triggers and its active workflows' {@code sub_workflow} calls ({@link #graph}).
 */
@Component
class DependencyChecks {

  private static final String UPSTREAM_FIELD = "config.dependsOnWorkflowId";

  private final TriggerStore triggers;
  private final WorkflowLookupStore workflows;
  private final SubWorkflowCallStore calls;

  DependencyChecks(
      TriggerStore triggers, WorkflowLookupStore workflows, SubWorkflowCallStore calls) {
    this.triggers = triggers;
    this.workflows = workflows;
    this.calls = calls;
  }

  /** The cycle the edge {@code upstream -> workflowId} would close, if any. */
  Mono<Optional<List<String>>> cycle(
      String workspaceId, String workflowId, String upstream, String excludedTriggerId) {
    return graph(workspaceId, excludedTriggerId, null)
        .map(graph -> graph.cycleClosedBy(new DependencyGraph.Edge(upstream, workflowId)));
  }

  /**
   * The workspace's workflows linked by its enabled dependency triggers (but {@code
   * excludedTriggerId}) and by the {@code sub_workflow} calls of its active workflows (but {@code
   * excludedCaller}'s): a run of one leads to a run of the other either way, so a cycle of either
   * kind, or of both, is one cycle.
   */
  Mono<DependencyGraph> graph(String workspaceId, String excludedTriggerId, String excludedCaller) {
    return Flux.concat(
            triggers.dependencyEdges(workspaceId, excludedTriggerId),
            calls.edges(workspaceId, excludedCaller))
        .collectList()
        .map(DependencyGraph::new);
  }

  /** Completes if a dependency on {@code upstream} may be saved enabled; else a 400 problem. */
  Mono<Void> check(String workspaceId, String workflowId, String upstream, String excludedId) {
    return requireUpstream(workspaceId, upstream)
        .then(cycle(workspaceId, workflowId, upstream, excludedId))
        .flatMap(
            chain ->
                chain.isEmpty()
                    ? Mono.<Void>empty()
                    : Mono.error(
                        ProblemException.invalid(
                                "This dependency would close a cycle: "
                                    + String.join(" -> ", chain.get()),
                                List.of(
                                    new FieldProblem(UPSTREAM_FIELD, "closes a dependency cycle")))
                            .with("chain", chain.get())));
  }

  /** 400 unless {@code upstream} is a workflow (not archived) of the workspace. */
  Mono<Void> requireUpstream(String workspaceId, String upstream) {
    String message = "no workflow '" + upstream + "' in this workspace";
    return workflows
        .isLive(workspaceId, upstream)
        .flatMap(
            exists ->
                exists
                    ? Mono.<Void>empty()
                    : Mono.error(
                        ProblemException.invalid(
                            "The upstream workflow does not exist.",
                            List.of(new FieldProblem(UPSTREAM_FIELD, message)))));
  }

  /** The workspace's workflows named {@code ids}: id -> name. */
  Mono<Map<String, String>> names(String workspaceId, Collection<String> ids) {
    return workflows.names(workspaceId, ids);
  }
}
