package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.error.WorkspaceRoom;
import io.outrun.api.input.ApiLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a save is refused for: first the definition's shape and size ({@link WorkflowInputRule},
 * then its JSON size), then run settings the runner could not use ({@link RunSettingsRule}), each a
 * 400 before anything is read or written; and, for a new workflow, a workspace already holding the
 * most workflows allowed (409).
 */
@Component
class WorkflowChecks {

  private final ApiLimits limits;
  private final JsonMapper json;
  private final WorkflowStore store;

  WorkflowChecks(ApiLimits limits, JsonMapper json, WorkflowStore store) {
    this.limits = limits;
    this.json = json;
    this.store = store;
  }

  /** Empty if the definition may be saved, else a 400 listing why not. */
  Mono<Void> requireSavable(
      String name, List<Node> nodes, List<Edge> edges, Map<String, Object> settings) {
    return Mono.fromRunnable(
        () -> {
          List<FieldProblem> problems =
              WorkflowInputRule.check(name, nodes, edges, settings, limits);
          if (!problems.isEmpty()) {
            throw ProblemException.invalid("The workflow cannot be saved as it is.", problems);
          }
          requireSize(name, nodes, edges, settings);
          problems = RunSettingsRule.checkForSave(settings, nodes);
          if (!problems.isEmpty()) {
            throw ProblemException.invalid(
                "The workflow has settings the runner cannot use; nothing was saved.", problems);
          }
        });
  }

  /** A 409 if the workspace has as many workflows (not archived) as it may have. */
  Mono<Void> requireRoom(String workspaceId) {
    return WorkspaceRoom.require(
        store.countLive(workspaceId),
        limits.maxWorkflowsPerWorkspace(),
        "workflows",
        "archive one to create another");
  }

  /** The workflow as JSON must fit {@code max-workflow-size}. */
  private void requireSize(
      String name, List<Node> nodes, List<Edge> edges, Map<String, Object> settings) {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("name", name);
    definition.put("nodes", nodes);
    definition.put("edges", edges);
    definition.put("settings", settings);
    long bytes = json.writeValueAsBytes(definition).length;
    long max = limits.maxWorkflowSize().toBytes();
    if (bytes > max) {
      throw ProblemException.invalid(
              "The workflow is " + bytes + " bytes of JSON; at most " + max + " are allowed.")
          .with("size", bytes)
          .with("maxSize", max);
    }
  }
}
