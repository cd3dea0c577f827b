package io.outrun.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A workflow as the API shows it. */
record WorkflowView(
    String id,
    String name,
    List<Node> nodes,
    List<Edge> edges,
    Map<String, Object> settings,
    WorkflowStatus status,
    int version,
    Integer deployedVersion,
    Instant createdAt,
    Instant updatedAt,
    Instant deployedAt) {

  static WorkflowView of(Workflow workflow) {
    return new WorkflowView(
        workflow.id(),
        workflow.name(),
        workflow.nodes(),
        workflow.edges(),
        workflow.settings(),
        workflow.state(),
        workflow.version(),
        workflow.deployedVersion(),
        workflow.createdAt(),
        workflow.updatedAt(),
        workflow.deployedAt());
  }
}
