package io.outrun.api.workflow;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A {@code deployments} document: one successful deploy or rollback. {@code _id} is {@code
 * <workflowId>:<sequence>}, where {@code sequence} counts the workflow's deployments (its {@code
 * deployCount}), so recording one twice writes nothing new and "newest first" has no ties.
 *
 * @param kind {@code deploy} or {@code rollback}
 */
@Document(Deployment.COLLECTION)
record Deployment(
    @Id String id,
    String workspaceId,
    String workflowId,
    int version,
    String deployedBy,
    Instant deployedAt,
    String kind,
    long sequence) {

  static final String COLLECTION = "deployments";
  static final String DEPLOY = "deploy";
  static final String ROLLBACK = "rollback";

  static Deployment of(Deployed deployed, String userId, String kind) {
    Workflow workflow = deployed.workflow();
    return new Deployment(
        workflow.id() + ":" + deployed.sequence(),
        workflow.workspaceId(),
        workflow.id(),
        workflow.deployedVersion(),
        userId,
        workflow.deployedAt(),
        kind,
        deployed.sequence());
  }

  /** A workflow just marked deployed, and the number of that deployment (1 for the first). */
  record Deployed(Workflow workflow, long sequence) {}
}
