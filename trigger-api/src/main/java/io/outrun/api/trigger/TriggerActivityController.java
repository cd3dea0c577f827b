package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Firing a trigger now or over a past range, and what it did: its timeline and webhook deliveries.
 */
@RestController
@RequestMapping("/api/workflows/{workflowId}/triggers/{triggerId}")
class TriggerActivityController {

  private final TriggerFiring firing;
  private final TriggerBackfill backfill;
  private final TriggerHistory history;
  private final TriggerActivity activity;

  TriggerActivityController(
      TriggerFiring firing,
      TriggerBackfill backfill,
      TriggerHistory history,
      TriggerActivity activity) {
    this.firing = firing;
    this.backfill = backfill;
    this.history = history;
    this.activity = activity;
  }

  record Fired(String runId) {}

  /** 202 once the run request is on Kafka; the body (a JSON object) is the run's payload. */
  @PostMapping("/fire")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Fired> fire(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody(required = false) Map<String, Object> payload) {
    Map<String, Object> body = payload == null ? Map.of() : payload;
    return firing.fire(user, workflowId, triggerId, body, idempotencyKey).map(Fired::new);
  }

  /**
   * 202 once Kafka acknowledged a run request for every instant the schedule would have fired in
   * {@code [from, to]}.
   */
  @Operation(
      summary = "Backfill a schedule: one run per scheduled instant in a past range",
      description =
          "Body {\"from\": \"<ISO instant>\", \"to\": \"<ISO instant>\"}, both inclusive and"
              + " not in the future. Starts one run of the deployed version per instant the"
              + " schedule would have fired in the range (cron in the trigger's time zone;"
              + " an interval at the listener's instants), each with the payload"
              + " {\"scheduledAt\": \"<instant>\", \"backfill\": true} and the same run id"
              + " the schedule itself gives that instant, so an instant already run is not run"
              + " again. Answers 202 {\"runIds\": [...], \"count\": n} once Kafka acknowledged"
              + " every request. 400 for a bad range, a trigger that is not a schedule, or a range"
              + " holding more instants than outrun.api.triggers.backfill-max-runs (default"
              + " 1000); 409 unless the workflow is active.")
  @PostMapping("/backfill")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<TriggerBackfill.Backfilled> backfill(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @RequestBody(required = false) Map<String, Object> range) {
    return backfill.backfill(user, workflowId, triggerId, range == null ? Map.of() : range);
  }

  @Operation(
      summary = "A trigger's timeline, newest first",
      description =
          "Every entry has a kind. \"run\": a run the trigger started, {kind, id,"
              + " workflowVersion, status, source, queuedAt, startedAt, finishedAt, durationMs,"
              + " error}, placed by queuedAt. Any other kind is something the listener recorded"
              + " instead of a run (trigger_events), placed by at: \"missed\" (instants older than"
              + " the catch-up window, not run: from/to or scheduledAt, count), \"skipped\" (an"
              + " instant not run because of the overlap policy: scheduledAt, detail),"
              + " \"buffered\" (an instant held back by buffer_one: scheduledAt); more kinds may"
              + " be added. Event fields: {kind, id, at, scheduledAt, from, to, count, detail},"
              + " absent when not set. limit (default 50, 1..500) applies to the merged list.")
  @GetMapping("/history")
  Mono<List<TriggerHistory.Entry>> history(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @RequestParam(defaultValue = "50") int limit) {
    return history.timeline(user, workflowId, triggerId, TriggerController.clamp(limit));
  }

  @GetMapping("/webhook-logs")
  Flux<TriggerActivity.WebhookLog> webhookLogs(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @RequestParam(defaultValue = "50") int limit) {
    return activity.webhookLogs(user, workflowId, triggerId, TriggerController.clamp(limit));
  }
}
