package io.outrun.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An immutable {@code workflow_versions} snapshot, {@code _id} = {@code <workflowId>:<version>}:
 * what the runner executes for a run of that version. {@code savedBy} is the user whose save made
 * it (absent on snapshots written before it was recorded, and on a repaired one).
 */
@Document(WorkflowVersion.COLLECTION)
record WorkflowVersion(
    @Id String id,
    String workspaceId,
    String workflowId,
    int version,
    String name,
    List<Node> nodes,
    List<Edge> edges,
    Map<String, Object> settings,
    Instant createdAt,
    String savedBy) {

  static final String COLLECTION = "workflow_versions";

  /**
   * The snapshot of {@code workflow}'s current version, saved by {@code savedBy} (null: unknown).
   */
  static WorkflowVersion of(Workflow workflow, String savedBy) {
    return new WorkflowVersion(
        workflow.id() + ":" + workflow.version(),
        workflow.workspaceId(),
        workflow.id(),
        workflow.version(),
        workflow.name(),
        workflow.nodes(),
        workflow.edges(),
        workflow.settings(),
        workflow.updatedAt(),
        savedBy);
  }

  /** {@code workflow} with this version's canvas (name, nodes, edges, settings) as its content. */
  Workflow applyTo(Workflow workflow) {
    return new Workflow(
        workflow.id(),
        workflow.workspaceId(),
        name,
        nodes,
        edges,
        settings,
        workflow.status(),
        version,
        workflow.deployedVersion(),
        workflow.createdBy(),
        workflow.createdAt(),
        workflow.updatedAt(),
        workflow.deployedAt());
  }

  /** A stored snapshot as the editor saved it: node data with its keys unescaped. */
  WorkflowVersion fromStored() {
    List<Node> original =
        nodes == null
            ? List.of()
            : nodes.stream().map(node -> node == null ? null : node.fromStored()).toList();
    return new WorkflowVersion(
        id,
        workspaceId,
        workflowId,
        version,
        name,
        original,
        edges == null ? List.of() : edges,
        settings == null ? Map.of() : settings,
        createdAt,
        savedBy);
  }
}
