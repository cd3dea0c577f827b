package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/workflows/{id}/triggers}: a workflow's triggers. */
@RestController
@RequestMapping("/api/workflows/{workflowId}/triggers")
class TriggerController {

  private final TriggerService triggers;
  private final TriggerProperties properties;

  TriggerController(TriggerService triggers, TriggerProperties properties) {
    this.triggers = triggers;
    this.properties = properties;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<TriggerView> create(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String workflowId,
      @Valid @RequestBody CreateTriggerRequest request) {
    return triggers
        .create(user, workflowId, request)
        .map(trigger -> TriggerView.of(trigger, properties));
  }

  @GetMapping
  Flux<TriggerView> list(
      @AuthenticationPrincipal CurrentUser user, @PathVariable String workflowId) {
    return triggers.list(user, workflowId).map(trigger -> TriggerView.of(trigger, properties));
  }
}
