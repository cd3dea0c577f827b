package io.outrun.api.run;

import io.outrun.api.Page;
import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/runs}: the workspace's runs across workflows, filtered and paged. */
@RestController
class RunListController {

  private final RunHistory history;
  private final TriggerNameStore triggerNames;

  RunListController(RunHistory history, TriggerNameStore triggerNames) {
    this.history = history;
    this.triggerNames = triggerNames;
  }

  @Operation(
      summary = "The workspace's runs across workflows",
      description =
          "Newest first (queuedAt, then id), a page at a time like a workflow's run history:"
              + " a JSON array, and when more follow a Link rel=\"next\" and the cursor in"
              + " X-Next-Cursor (pass it as before). Filters, all optional and combined: status"
              + " (repeat it or separate by commas for several), workflowId, triggerId,"
              + " triggerType (triggeredBy.type), test (true|false), from (queued at or after)"
              + " and to (queued before), ISO-8601 instants. limit is clamped to 1..100 (default"
              + " 20). Each run's triggeredBy carries triggerName, its trigger's current name,"
              + " when it was started by a trigger that still exists. A bad parameter -> 400"
              + " naming it.")
  @GetMapping("/api/runs")
  Mono<ResponseEntity<List<RunView>>> list(
      @AuthenticationPrincipal CurrentUser user,
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) String workflowId,
      @RequestParam(required = false) String triggerId,
      @RequestParam(required = false) String triggerType,
      @RequestParam(required = false) String test,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String before,
      ServerHttpRequest request) {
    int pageSize = Math.clamp(limit, 1, RunHistoryController.MAX_LIMIT);
    return Mono.fromSupplier(
            () ->
                new Search(
                    RunFilter.of(status, workflowId, triggerId, triggerType, test, from, to),
                    PageCursor.parse(before)))
        .flatMap(
            search ->
                history
                    .search(user.workspaceId(), search.filter(), search.before(), pageSize + 1)
                    .collectList())
        .map(runs -> Page.of(runs, pageSize, RunListController::position))
        .flatMap(page -> named(user.workspaceId(), page))
        .map(
            named ->
                named
                    .page()
                    .respond(request, run -> RunView.of(run).withTriggerName(named.names())));
  }

  /** The names of the page's triggers, in one query for the whole page. */
  private Mono<Named> named(String workspaceId, Page<Document> page) {
    List<String> ids =
        page.items().stream().map(RunView::triggerId).filter(Objects::nonNull).distinct().toList();
    return triggerNames.names(workspaceId, ids).map(names -> new Named(page, names));
  }

  private record Search(RunFilter filter, PageCursor before) {}

  private record Named(Page<Document> page, Map<String, String> names) {}

  private static PageCursor position(Document run) {
    Date queuedAt = run.getDate("queuedAt");
    return new PageCursor(
        queuedAt == null ? Instant.EPOCH : queuedAt.toInstant(), run.getString("_id"));
  }
}
