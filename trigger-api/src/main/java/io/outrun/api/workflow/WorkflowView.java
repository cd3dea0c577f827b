package io.outrun.api.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workflow as the API shows it; a deploy or rollback adds {@code newTriggerSecrets}, the webhook
 * secrets it generated for trigger nodes (shown once, absent when there are none).
 */
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
    Instant deployedAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NewTriggerSecret> newTriggerSecrets) {

  static WorkflowView of(Workflow workflow) {
    return of(workflow, List.of());
  }

  static WorkflowView of(DeployResult deployed) {
    return of(deployed.workflow(), deployed.newTriggerSecrets());
  }

  private static WorkflowView of(Workflow workflow, List<NewTriggerSecret> newTriggerSecrets) {
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
        workflow.deployedAt(),
        newTriggerSecrets);
  }
}
