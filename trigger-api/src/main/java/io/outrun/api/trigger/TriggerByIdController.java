package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/triggers/{id}}: a trigger by its id alone, for an editor that knows triggers but not
 * their workflow. Each route finds the trigger in the caller's workspace (404 otherwise) and then
 * does what the nested {@code /api/workflows/{workflowId}/triggers} route does, with the same
 * checks.
 */
@RestController
@RequestMapping("/api/triggers")
class TriggerByIdController {

  private final TriggerService triggers;
  private final TriggerViews views;
  private final TriggerGauge gauge;

  TriggerByIdController(TriggerService triggers, TriggerViews views, TriggerGauge gauge) {
    this.triggers = triggers;
    this.views = views;
    this.gauge = gauge;
  }

  @Operation(summary = "Create a trigger of the workflow named in the body (201)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<TriggerView> create(
      @AuthenticationPrincipal CurrentUser user,
      @Valid @RequestBody TopLevelTriggerRequest request,
      ServerHttpResponse response) {
    return triggers
        .create(user, request.workflowId(), request.trigger())
        .doOnSuccess(saved -> gauge.changed())
        .map(saved -> views.of(saved.trigger(), saved.secret()))
        .doOnNext(created -> response.getHeaders().setLocation(TriggerView.location(created)));
  }

  @Operation(summary = "A trigger of the workspace by id")
  @GetMapping("/{triggerId}")
  Mono<TriggerView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String triggerId) {
    return triggers.get(user, triggerId).map(views::of);
  }

  @Operation(
      summary = "Change some of name, enabled and config",
      description =
          "Fields left out keep their value; a config replaces the whole config. Checked as a PUT"
              + " of the whole trigger; a secret is shown only if this change set a new one.")
  @PatchMapping("/{triggerId}")
  Mono<TriggerView> patch(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String triggerId,
      @RequestBody TriggerPatch patch) {
    return triggers
        .get(user, triggerId)
        .flatMap(
            existing ->
                triggers.update(user, existing.workflowId(), triggerId, patch.over(existing)))
        .map(saved -> views.of(saved.trigger(), saved.secret()));
  }

  @Operation(summary = "Delete a trigger of the workspace (204)")
  @DeleteMapping("/{triggerId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String triggerId) {
    return triggers
        .get(user, triggerId)
        .flatMap(existing -> triggers.delete(user, existing.workflowId(), triggerId))
        .doOnSuccess(done -> gauge.changed());
  }
}
