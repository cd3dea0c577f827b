package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What happens to a workflow after its first deploy: pause, resume, undeploy, rollback, and the
 * record of its deployments. Each answers the workflow as it is afterwards.
 */
@RestController
@RequestMapping("/api/workflows/{id}")
class WorkflowLifecycleController {

  private final WorkflowStatusService statuses;
  private final RollbackService rollbacks;
  private final Deployments deployments;
  private final WorkflowService workflows;

  WorkflowLifecycleController(
      WorkflowStatusService statuses,
      RollbackService rollbacks,
      Deployments deployments,
      WorkflowService workflows) {
    this.statuses = statuses;
    this.rollbacks = rollbacks;
    this.deployments = deployments;
    this.workflows = workflows;
  }

  @PostMapping("/pause")
  Mono<WorkflowView> pause(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return statuses.pause(user, id).map(WorkflowView::of);
  }

  @PostMapping("/resume")
  Mono<WorkflowView> resume(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return statuses.resume(user, id).map(WorkflowView::of);
  }

  @PostMapping("/undeploy")
  Mono<WorkflowView> undeploy(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return statuses.undeploy(user, id).map(WorkflowView::of);
  }

  @PostMapping("/rollback")
  Mono<WorkflowView> rollback(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @Valid @RequestBody RollbackRequest request) {
    return rollbacks.rollback(user, id, request.version()).map(WorkflowView::of);
  }

  /** Newest first; {@code ?limit=} clamped to 1..200 (default 50). */
  @GetMapping("/deployments")
  Flux<DeploymentView> deployments(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "50") int limit) {
    return workflows
        .find(user, id)
        .flatMapMany(
            workflow ->
                deployments.newestFirst(
                    user.workspaceId(),
                    workflow.id(),
                    Math.clamp(limit, 1, WorkflowController.MAX_LIMIT)))
        .map(DeploymentView::of);
  }
}
