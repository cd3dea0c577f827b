package io.outrun.api.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A version as {@code GET /api/workflows/{id}/versions} lists it and, with its graph, as {@code GET
 * .../versions/{n}} shows it.
 *
 * @param deployed whether it is the version the workflow runs now (active or paused)
 * @param everDeployed whether a deploy or rollback has ever made it the deployed version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VersionView(
    String workflowId,
    int version,
    String name,
    String savedBy,
    Instant savedAt,
    boolean deployed,
    boolean everDeployed,
    List<Node> nodes,
    List<Edge> edges,
    Map<String, Object> settings) {

  /** Without the graph (a list entry). */
  static VersionView header(WorkflowVersion version, Workflow workflow, Set<Integer> deployed) {
    return new VersionView(
        version.workflowId(),
        version.version(),
        version.name(),
        version.savedBy(),
        version.createdAt(),
        isDeployed(version, workflow),
        deployed.contains(version.version()),
        null,
        null,
        null);
  }

  /** With the graph. */
  static VersionView full(WorkflowVersion version, Workflow workflow, boolean everDeployed) {
    return new VersionView(
        version.workflowId(),
        version.version(),
        version.name(),
        version.savedBy(),
        version.createdAt(),
        isDeployed(version, workflow),
        everDeployed,
        version.nodes(),
        version.edges(),
        version.settings());
  }

  private static boolean isDeployed(WorkflowVersion version, Workflow workflow) {
    WorkflowStatus status = workflow.state();
    return (status == WorkflowStatus.ACTIVE || status == WorkflowStatus.PAUSED)
        && workflow.deployedVersion() != null
        && workflow.deployedVersion() == version.version();
  }
}
