package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
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

/** Firing a trigger now, and what it did: its runs and its webhook deliveries. */
@RestController
@RequestMapping("/api/workflows/{workflowId}/triggers/{triggerId}")
class TriggerActivityController {

  private final TriggerFiring firing;
  private final TriggerActivity activity;

  TriggerActivityController(TriggerFiring firing, TriggerActivity activity) {
    this.firing = firing;
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

  @GetMapping("/history")
  Flux<TriggerActivity.TriggeredRun> history(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @RequestParam(defaultValue = "50") int limit) {
    return activity.history(user, workflowId, triggerId, TriggerController.clamp(limit));
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
