package io.outrun.api.run;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.workflow.WorkflowService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/workflows/{id}/stats/series}: a workflow's runs per time bucket. */
@RestController
class StatsSeriesController {

  private final WorkflowService workflows;
  private final RunSeriesStore runs;
  private final Clock clock;

  StatsSeriesController(WorkflowService workflows, RunSeriesStore runs, Clock clock) {
    this.workflows = workflows;
    this.runs = runs;
    this.clock = clock;
  }

  @Operation(
      summary = "A workflow's runs per time bucket",
      description =
          "window=day (default): 24 one-hour buckets; window=week: 28 six-hour buckets; UTC"
              + " aligned, oldest first, the last one holding now. Each bucket counts the finished"
              + " non-test runs queued in it by outcome (completed, failed, cancelled), the 50th"
              + " and 95th percentile of their durationMs (within 5%; null if none ran) and the"
              + " AI tokens and estimated cost they used. Another window -> 400.")
  @GetMapping("/api/workflows/{id}/stats/series")
  Mono<StatsSeries> series(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @RequestParam(required = false) String window) {
    return Mono.fromSupplier(() -> new StatsSeries.Tally(SeriesWindow.of(window), clock.instant()))
        .flatMap(
            tally ->
                workflows
                    .findHeader(user, id)
                    .flatMap(
                        workflow ->
                            runs.endedSince(user.workspaceId(), workflow.id(), tally.start())
                                .reduce(tally, StatsSeries.Tally::add)
                                .map(counted -> counted.series(workflow.id()))));
  }
}
