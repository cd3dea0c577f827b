package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/workflows}: create, list, read and deploy workflows. */
@RestController
@RequestMapping("/api/workflows")
class WorkflowController {

  /** {@code ?limit=} is clamped to 1..200. */
  static final int MAX_LIMIT = 200;

  private final WorkflowService workflows;
  private final DeployService deploys;

  WorkflowController(WorkflowService workflows, DeployService deploys) {
    this.workflows = workflows;
    this.deploys = deploys;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<WorkflowView> create(
      @AuthenticationPrincipal CurrentUser user,
      @Valid @RequestBody CreateWorkflowRequest request) {
    return workflows.create(user, request).map(WorkflowView::of);
  }

  @GetMapping
  Flux<WorkflowView> list(
      @AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "50") int limit) {
    return workflows.list(user, Math.clamp(limit, 1, MAX_LIMIT)).map(WorkflowView::of);
  }

  @GetMapping("/{id}")
  Mono<WorkflowView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return workflows.find(user, id).map(WorkflowView::of);
  }

  @PostMapping("/{id}/deploy")
  Mono<WorkflowView> deploy(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return deploys.deploy(user, id).map(WorkflowView::of);
  }
}
