package io.outrun.api.run;

import io.outrun.api.Page;
import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.WorkflowService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A workflow's run history and stats, and cancelling a run. */
@RestController
class RunHistoryController {

  /** {@code ?limit=} is clamped to 1..100 (default 20). */
  static final int MAX_LIMIT = 100;

  private static final Set<String> STATUSES =
      Set.of("queued", "running", "completed", "failed", "cancelled");

  private final WorkflowService workflows;
  private final RunHistory history;
  private final RunCancellation cancellation;

  RunHistoryController(
      WorkflowService workflows, RunHistory history, RunCancellation cancellation) {
    this.workflows = workflows;
    this.history = history;
    this.cancellation = cancellation;
  }

  /** Newest first, a page at a time: an array, and a {@code Link rel="next"} if more follow. */
  @GetMapping("/api/workflows/{id}/runs")
  Mono<ResponseEntity<List<RunView>>> history(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String before,
      ServerHttpRequest request) {
    int pageSize = Math.clamp(limit, 1, MAX_LIMIT);
    return Mono.fromSupplier(() -> new Filter(statusFilter(status), PageCursor.parse(before)))
        .flatMap(
            filter ->
                workflows
                    .find(user, id)
                    .flatMap(
                        workflow ->
                            history
                                .page(
                                    user.workspaceId(),
                                    workflow.id(),
                                    filter.status(),
                                    filter.before(),
                                    pageSize + 1)
                                .collectList()))
        .map(
            runs ->
                Page.of(runs, pageSize, RunHistoryController::position)
                    .respond(request, RunView::of));
  }

  @Operation(
      summary = "A workflow's run statistics",
      description =
          "Counts the workflow's finished non-test runs (completed, failed or cancelled; queued"
              + " and running runs count once they end): totalRuns, successfulRuns (completed),"
              + " failedRuns, avgExecutionTimeMs (mean duration of the runs that started; null if"
              + " none), lastRunAt (when the latest of them was requested; null if none)"
              + " and usage, the sum of those runs' aiTokensUsed, estimatedCost, webhooksCalled"
              + " and httpRequests. Updated as each run ends, without scanning the runs.")
  @GetMapping("/api/workflows/{id}/stats")
  Mono<RunHistory.WorkflowStats> stats(
      @AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return workflows
        .find(user, id)
        .flatMap(workflow -> history.stats(user.workspaceId(), workflow.id()));
  }

  /**
   * 200 with the cancelled run if it was queued; 202 if running (the runner stops it); else 409.
   */
  @PostMapping("/api/runs/{runId}/cancel")
  Mono<ResponseEntity<RunView>> cancel(
      @AuthenticationPrincipal CurrentUser user, @PathVariable String runId) {
    return cancellation
        .cancel(user.workspaceId(), runId)
        .map(
            outcome ->
                ResponseEntity.status(outcome.cancelled() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(RunView.of(outcome.run())));
  }

  private record Filter(String status, PageCursor before) {}

  private static PageCursor position(Document run) {
    Date queuedAt = run.getDate("queuedAt");
    return new PageCursor(
        queuedAt == null ? Instant.EPOCH : queuedAt.toInstant(), run.getString("_id"));
  }

  private static String statusFilter(String status) {
    if (status == null || status.isEmpty()) {
      return null;
    }
    if (!STATUSES.contains(status)) {
      throw ProblemException.invalid(
          "Unknown status filter.",
          List.of(
              new FieldProblem(
                  "status", "must be queued, running, completed, failed or cancelled")));
    }
    return status;
  }
}
