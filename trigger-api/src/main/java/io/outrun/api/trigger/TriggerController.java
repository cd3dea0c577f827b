package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/workflows/{id}/triggers}: a workflow's triggers, and a webhook's secret. */
@RestController
@RequestMapping("/api/workflows/{workflowId}/triggers")
class TriggerController {

  static final int MAX_LIMIT = 500;

  private final TriggerService triggers;
  private final TriggerViews views;
  private final TriggerGauge gauge;

  TriggerController(TriggerService triggers, TriggerViews views, TriggerGauge gauge) {
    this.triggers = triggers;
    this.views = views;
    this.gauge = gauge;
  }

  /** 201; an authenticated webhook's secret is in this response and never again. */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<TriggerView> create(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @Valid @RequestBody TriggerRequest request,
      ServerHttpResponse response) {
    return triggers
        .create(user, workflowId, request)
        .doOnSuccess(saved -> gauge.changed())
        .map(saved -> views.of(saved.trigger(), saved.secret()))
        .doOnNext(created -> response.getHeaders().setLocation(TriggerView.location(created)));
  }

  @GetMapping
  Flux<TriggerView> list(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @RequestParam(defaultValue = "200") int limit) {
    return triggers.list(user, workflowId, clamp(limit)).map(views::of);
  }

  @GetMapping("/{triggerId}")
  Mono<TriggerView> get(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId) {
    return triggers.get(user, workflowId, triggerId).map(views::of);
  }

  /** Replaces name, enabled and config; shows a secret only if this change set a new one. */
  @PutMapping("/{triggerId}")
  Mono<TriggerView> update(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId,
      @Valid @RequestBody TriggerRequest request) {
    return triggers
        .update(user, workflowId, triggerId, request)
        .map(saved -> views.of(saved.trigger(), saved.secret()));
  }

  @DeleteMapping("/{triggerId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId) {
    return triggers.delete(user, workflowId, triggerId).doOnSuccess(done -> gauge.changed());
  }

  @PatchMapping("/{triggerId}/enable")
  Mono<TriggerView> enable(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId) {
    return triggers.setEnabled(user, workflowId, triggerId, true).map(views::of);
  }

  @PatchMapping("/{triggerId}/disable")
  Mono<TriggerView> disable(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId) {
    return triggers.setEnabled(user, workflowId, triggerId, false).map(views::of);
  }

  /** A new secret, shown once; the previous one keeps working for 24 hours. */
  @PostMapping("/{triggerId}/rotate-secret")
  Mono<TriggerView> rotateSecret(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @PathVariable String triggerId) {
    return triggers
        .rotateSecret(user, workflowId, triggerId)
        .map(saved -> views.of(saved.trigger(), saved.secret()));
  }

  static int clamp(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIMIT));
  }
}
