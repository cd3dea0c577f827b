package io.outrun.api.workflow;

import java.time.Instant;

/** A deployment as {@code GET /api/workflows/{id}/deployments} shows it. */
record DeploymentView(
    String id, String workflowId, int version, String kind, String deployedBy, Instant deployedAt) {

  static DeploymentView of(Deployment deployment) {
    return new DeploymentView(
        deployment.id(),
        deployment.workflowId(),
        deployment.version(),
        deployment.kind(),
        deployment.deployedBy(),
        deployment.deployedAt());
  }
}
