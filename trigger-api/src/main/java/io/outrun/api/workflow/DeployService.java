package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Deploys a workflow's current version: refused if it is archived (409), if its graph or settings
 * have problems (400, all of them listed; settings again, as a workflow saved before saves checked
 * them may hold bad ones), or if that version has no completed test run yet (409). Every deploy is
 * recorded in {@link Deployments}. The workflow's trigger nodes are checked with the graph and,
 * just before it becomes active, made its trigger documents, and its schedules are reset, so they
 * start from the deploy instead of catching up ({@link DeployedTriggers}).
 */
@Service
class DeployService {

  private final WorkflowService workflows;
  private final WorkflowStore store;
  private final Deployments deployments;
  private final DeployedTriggers triggers;
  private final WorkflowGraphValidator validator = new WorkflowGraphValidator();
  private final Clock clock;

  DeployService(
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

  Mono<Workflow> deploy(CurrentUser user, String id) {
    return workflows
        .find(user, id)
        .flatMap(this::checkDeployable)
        .flatMap(this::requireCompletedTestRun)
        .flatMap(workflow -> store.ensureSnapshot(workflow).thenReturn(workflow))
        .flatMap(workflow -> triggers.prepare(workflow).thenReturn(workflow))
        .flatMap(this::markDeployed)
        .flatMap(
            deployed ->
                deployments
                    .record(deployed, user.userId(), Deployment.DEPLOY)
                    .thenReturn(deployed.workflow()));
  }

  private Mono<Workflow> checkDeployable(Workflow workflow) {
    if (workflow.state() == WorkflowStatus.ARCHIVED) {
      return Mono.error(ProblemException.conflict("An archived workflow cannot be deployed."));
    }
    List<FieldProblem> problems = new ArrayList<>();
    problems.addAll(validator.validate(workflow.nodes(), workflow.edges()));
    problems.addAll(RunSettingsRule.checkWorkflow(workflow.settings()));
    return triggers
        .check(workflow)
        .flatMap(
            triggerProblems -> {
              problems.addAll(triggerProblems);
              return problems.isEmpty()
                  ? Mono.just(workflow)
                  : Mono.error(
                      ProblemException.invalid(
                          "The workflow cannot be deployed as it is.", problems));
            });
  }

  private Mono<Workflow> requireCompletedTestRun(Workflow workflow) {
    return store
        .hasCompletedTestRun(workflow.id(), workflow.version())
        .filter(Boolean::booleanValue)
        .map(tested -> workflow)
        .switchIfEmpty(
            Mono.error(
                () ->
                    ProblemException.conflict(
                        "Version "
                            + workflow.version()
                            + " has no completed test run; run it as a test first.")));
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
