package io.outrun.api.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.WorkflowService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Checking a dependency before saving it, and a workflow's place in the dependency graph. */
@RestController
@RequestMapping("/api/workflows/{workflowId}/triggers")
class DependencyController {

  private final WorkflowService workflows;
  private final DependencyChecks checks;
  private final TriggerStore store;

  DependencyController(WorkflowService workflows, DependencyChecks checks, TriggerStore store) {
    this.workflows = workflows;
    this.checks = checks;
    this.store = store;
  }

  record DependencyRequest(String dependsOnWorkflowId) {}

  record Validation(boolean valid, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> chain) {}

  /** A workflow linked by enabled dependency triggers; distance 1 is a direct link. */
  record Linked(String workflowId, String name, int distance) {}

  record Dependencies(List<Linked> upstream, List<Linked> downstream) {}

  /** Whether this workflow could depend on another: unknown ones are 400, cycles are invalid. */
  @PostMapping("/validate-dependency")
  Mono<Validation> validate(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @RequestBody DependencyRequest request) {
    String upstream = request.dependsOnWorkflowId();
    if (upstream == null || upstream.isBlank()) {
      return Mono.error(
          ProblemException.invalid(
              "dependsOnWorkflowId is required.",
              List.of(new FieldProblem("dependsOnWorkflowId", "is required"))));
    }
    return workflows
        .find(user, workflowId)
        .then(checks.requireUpstream(user.workspaceId(), upstream))
        .then(checks.cycle(user.workspaceId(), workflowId, upstream, null))
        .map(chain -> new Validation(chain.isEmpty(), chain.orElse(null)));
  }

  /** Every workflow this one waits for, and every one that waits for it, transitively. */
  @GetMapping("/dependencies")
  Mono<Dependencies> dependencies(
      @AuthenticationPrincipal CurrentUser user, @PathVariable String workflowId) {
    return workflows
        .find(user, workflowId)
        .then(store.dependencyEdges(user.workspaceId(), null).collectList())
        .map(DependencyGraph::new)
        .flatMap(
            graph -> {
              Map<String, Integer> up = graph.upstreamOf(workflowId);
              Map<String, Integer> down = graph.downstreamOf(workflowId);
              Set<String> ids = new HashSet<>(up.keySet());
              ids.addAll(down.keySet());
              return checks
                  .names(user.workspaceId(), ids)
                  .map(names -> new Dependencies(linked(up, names), linked(down, names)));
            });
  }

  private static List<Linked> linked(Map<String, Integer> distances, Map<String, String> names) {
    List<Linked> linked = new ArrayList<>();
    distances.forEach((id, distance) -> linked.add(new Linked(id, names.get(id), distance)));
    return linked;
  }
}
