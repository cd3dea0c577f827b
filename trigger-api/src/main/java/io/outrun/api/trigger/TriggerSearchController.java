package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.WorkflowService;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The workspace's triggers across workflows, and the schedule preview. */
@RestController
class TriggerSearchController {

  private final TriggerService triggers;
  private final WorkflowService workflows;
  private final TriggerViews views;
  private final Clock clock;

  TriggerSearchController(
      TriggerService triggers, WorkflowService workflows, TriggerViews views, Clock clock) {
    this.triggers = triggers;
    this.workflows = workflows;
    this.views = views;
    this.clock = clock;
  }

  /** Newest first; {@code workflowId} and {@code type} filter. */
  @GetMapping("/api/triggers")
  Flux<TriggerView> search(
      @AuthenticationPrincipal CurrentUser user,
      @RequestParam(required = false) String workflowId,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "200") int limit) {
    return triggers.search(user, workflowId, type, TriggerController.clamp(limit)).map(views::of);
  }

  /** The cron's description and next {@code count} fire times after {@code from} (now). */
  @GetMapping("/api/workflows/{workflowId}/triggers/schedule/preview")
  Mono<SchedulePreview.Preview> preview(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @RequestParam(required = false) String cron,
      @RequestParam(required = false) String timezone,
      @RequestParam(defaultValue = "5") int count,
      @RequestParam(required = false) String from) {
    return workflows
        .find(user, workflowId)
        .map(
            workflow ->
                switch (SchedulePreview.of(cron, timezone, count, from, clock.instant())) {
                  case SchedulePreview.Result.Shown(var preview) -> preview;
                  case SchedulePreview.Result.Refused(var errors) ->
                      throw ProblemException.invalid("The schedule cannot be previewed.", errors);
                });
  }
}
