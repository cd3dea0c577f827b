package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.secret.SecretCatalog;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether the caller's workflow may be deployed as it is, in order: it exists in the workspace
 * (404), it is not archived (409), its graph, settings, trigger nodes ({@link DeployedTriggers})
 * and secret references have no problems (400, all of them listed; a secret the workspace does not
 * hold names the node and the secret), and its current version has a completed test run (409).
 */
@Component
class DeployChecks {

  private final WorkflowService workflows;
  private final WorkflowStore store;
  private final SecretCatalog secrets;
  private final DeployedTriggers triggers;
  private final WorkflowGraphValidator validator = new WorkflowGraphValidator();

  DeployChecks(
      WorkflowService workflows,
      WorkflowStore store,
      SecretCatalog secrets,
      DeployedTriggers triggers) {
    this.workflows = workflows;
    this.store = store;
    this.secrets = secrets;
    this.triggers = triggers;
  }

  Mono<Workflow> deployable(CurrentUser user, String id) {
    return workflows
        .find(user, id)
        .flatMap(this::checkDeployable)
        .flatMap(this::requireCompletedTestRun);
  }

  private Mono<Workflow> checkDeployable(Workflow workflow) {
    if (workflow.state() == WorkflowStatus.ARCHIVED) {
      return Mono.error(ProblemException.conflict("An archived workflow cannot be deployed."));
    }
    return Mono.zip(
            secrets.missing(workflow.workspaceId(), SecretRefsRule.names(workflow.nodes())),
            triggers.check(workflow))
        .flatMap(
            found -> {
              List<FieldProblem> problems = new ArrayList<>();
              problems.addAll(validator.validate(workflow.nodes(), workflow.edges()));
              problems.addAll(RunSettingsRule.checkWorkflow(workflow.settings()));
              problems.addAll(found.getT2());
              problems.addAll(SecretRefsRule.problems(workflow.nodes(), found.getT1()));
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
}
