package io.outrun.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An immutable {@code workflow_versions} snapshot, {@code _id} = {@code <workflowId>:<version>}:
 * what the runner executes for a run of that version.
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
    Instant createdAt) {

  static final String COLLECTION = "workflow_versions";

  static WorkflowVersion of(Workflow workflow) {
    return new WorkflowVersion(
        workflow.id() + ":" + workflow.version(),
        workflow.workspaceId(),
        workflow.id(),
        workflow.version(),
        workflow.name(),
        workflow.nodes(),
        workflow.edges(),
        workflow.settings(),
        workflow.updatedAt());
  }
}
