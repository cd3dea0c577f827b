package io.outrun.api.workflow;

import io.outrun.api.Page;
import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/workflows}: create, list, read, edit, archive and deploy workflows. */
@RestController
@RequestMapping("/api/workflows")
class WorkflowController {

  /** {@code ?limit=} is clamped to 1..200. */
  static final int MAX_LIMIT = 200;

  private final WorkflowService workflows;
  private final DeployService deploys;
  private final WorkflowStatusService statuses;

  WorkflowController(
      WorkflowService workflows, DeployService deploys, WorkflowStatusService statuses) {
    this.workflows = workflows;
    this.deploys = deploys;
    this.statuses = statuses;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<WorkflowView> create(
      @AuthenticationPrincipal CurrentUser user,
      @Valid @RequestBody CreateWorkflowRequest request,
      ServerHttpResponse response) {
    return workflows
        .create(user, request)
        .map(WorkflowView::of)
        .doOnNext(
            created ->
                response.getHeaders().setLocation(URI.create("/api/workflows/" + created.id())));
  }

  /** Newest first, a page at a time: an array, and a {@code Link rel="next"} if more follow. */
  @GetMapping
  Mono<ResponseEntity<List<WorkflowView>>> list(
      @AuthenticationPrincipal CurrentUser user,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String before,
      ServerHttpRequest request) {
    int pageSize = Math.clamp(limit, 1, MAX_LIMIT);
    return Mono.defer(
        () ->
            workflows
                .list(user, statusFilter(status), PageCursor.parse(before), pageSize + 1)
                .collectList()
                .map(
                    found ->
                        Page.of(found, pageSize, WorkflowController::position)
                            .respond(request, WorkflowView::of)));
  }

  @GetMapping("/{id}")
  Mono<WorkflowView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return workflows.find(user, id).map(WorkflowView::of);
  }

  @PutMapping("/{id}")
  Mono<WorkflowView> update(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @Valid @RequestBody UpdateWorkflowRequest request) {
    return workflows.update(user, id, request).map(WorkflowView::of);
  }

  /** Archives (nothing is deleted): 200 with the archived workflow, also when it already was. */
  @DeleteMapping("/{id}")
  Mono<WorkflowView> archive(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return statuses.archive(user, id).map(WorkflowView::of);
  }

  @PostMapping("/{id}/deploy")
  Mono<WorkflowView> deploy(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return deploys.deploy(user, id).map(WorkflowView::of);
  }

  private static PageCursor position(Workflow workflow) {
    return new PageCursor(workflow.createdAt(), workflow.id());
  }

  private static WorkflowStatus statusFilter(String status) {
    if (status == null || status.isEmpty()) {
      return null;
    }
    try {
      return WorkflowStatus.fromWireName(status);
    } catch (IllegalArgumentException unknown) {
      throw ProblemException.invalid(
          "Unknown status filter.",
          List.of(new FieldProblem("status", "must be draft, active, paused or archived")));
    }
  }
}
