package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Rolls a workflow back to a version that was deployed before: it becomes the deployed version
 * (status active) while the edited {@code version} stays as it is. No deploy gate: that version
 * passed it when it was first deployed. Refused (409) for an archived workflow or a version never
 * deployed; recorded in {@link Deployments} as a rollback. Like a deploy, just before the workflow
 * becomes active it makes the trigger documents match that version's trigger nodes (triggers of
 * nodes not in it detached, those in it reattached and updated, ids and secrets kept) and resets
 * the schedules ({@link DeployedTriggers}).
 */
@Service
class RollbackService {

  private final WorkflowService workflows;
  private final WorkflowStore store;
  private final Deployments deployments;
  private final DeployedTriggers triggers;
  private final Clock clock;

  RollbackService(
      WorkflowService workflows,
      WorkflowStore store,
      Deployments deployments,
      DeployedTriggers triggers,
      Clock clock) {
    this.workflows = workflows;
    this.store = store;
    this.deployments = deployments;
    this.triggers = triggers;
    this.clock = clock;
  }

  Mono<DeployResult> rollback(CurrentUser user, String id, int version) {
    return workflows
        .find(user, id)
        .flatMap(RollbackService::requireNotArchived)
        .flatMap(workflow -> requireDeployedBefore(workflow, version))
        .flatMap(
            workflow ->
                triggers
                    .prepare(workflow)
                    .flatMap(secrets -> markRolledBack(user, workflow, version, secrets)));
  }

  private Mono<DeployResult> markRolledBack(
      CurrentUser user, Workflow workflow, int version, java.util.List<NewTriggerSecret> secrets) {
    return store
        .markRolledBack(workflow, version, clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .switchIfEmpty(Mono.error(RollbackService::archivedConflict))
        .flatMap(
            deployed ->
                deployments
                    .record(deployed, user.userId(), Deployment.ROLLBACK)
                    .thenReturn(new DeployResult(deployed.workflow(), secrets)));
  }

  private static Mono<Workflow> requireNotArchived(Workflow workflow) {
    return workflow.state() == WorkflowStatus.ARCHIVED
        ? Mono.error(archivedConflict())
        : Mono.just(workflow);
  }

  /**
   * The workflow with the canvas of {@code version}, if that version was deployed before (the
   * currently deployed version counts too: it may predate the deployment records).
   */
  private Mono<Workflow> requireDeployedBefore(Workflow workflow, int version) {
    Mono<Boolean> deployedBefore =
        Objects.equals(workflow.deployedVersion(), version)
            ? Mono.just(true)
            : deployments.wasDeployed(workflow.workspaceId(), workflow.id(), version);
    return deployedBefore
        .flatMap(deployed -> deployed ? store.snapshot(workflow, version) : Mono.empty())
        .switchIfEmpty(
            Mono.error(
                () ->
                    ProblemException.conflict(
                        "Version "
                            + version
                            + " was never deployed; only a version deployed before can be"
                            + " rolled back to.")));
  }

  private static ProblemException archivedConflict() {
    return ProblemException.conflict("An archived workflow cannot be rolled back.");
  }
}
