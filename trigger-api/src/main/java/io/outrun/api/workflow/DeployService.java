package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Deploys a workflow's current version once {@link DeployChecks} allows it: refused if it is
 * archived (409), if its graph, settings, trigger nodes or secret references have problems (400,
 * all of them listed; settings again, as a workflow saved before saves checked them may hold bad
 * ones), or if that version has no completed test run yet (409). Every deploy is recorded in {@link
 * Deployments}. Just before the workflow becomes active, its trigger nodes are made its trigger
 * documents and its schedules are reset, so they start from the deploy instead of catching up
 * ({@link DeployedTriggers}); the webhook secrets that made are answered once.
 */
@Service
class DeployService {

  private final DeployChecks checks;
  private final WorkflowStore store;
  private final Deployments deployments;
  private final DeployedTriggers triggers;
  private final Clock clock;

  DeployService(
      DeployChecks checks,
      WorkflowStore store,
      Deployments deployments,
      DeployedTriggers triggers,
      Clock clock) {
    this.checks = checks;
    this.store = store;
    this.deployments = deployments;
    this.triggers = triggers;
    this.clock = clock;
  }

  Mono<DeployResult> deploy(CurrentUser user, String id) {
    return checks
        .deployable(user, id)
        .flatMap(workflow -> store.ensureSnapshot(workflow, null).thenReturn(workflow))
        .flatMap(
            workflow ->
                triggers
                    .prepare(workflow)
                    .flatMap(
                        secrets ->
                            markDeployed(workflow)
                                .flatMap(
                                    deployed ->
                                        deployments
                                            .record(deployed, user.userId(), Deployment.DEPLOY)
                                            .thenReturn(
                                                new DeployResult(deployed.workflow(), secrets)))));
  }

  private Mono<Deployment.Deployed> markDeployed(Workflow workflow) {
    return store
        .markDeployed(workflow, clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .switchIfEmpty(
            Mono.error(
                () ->
                    ProblemException.conflict(
                        "The workflow changed while it was being deployed; retry.")));
  }
}
