package io.outrun.api.trigger;

import io.outrun.api.RandomIds;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import io.outrun.events.TriggerType;
import io.outrun.triggers.DependencyConfig;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates, changes and deletes the triggers of a workflow in the caller's workspace. */
@Service
class TriggerService {

  /** A saved trigger, and its secret if this save set a new one (shown once). */
  record Saved(Trigger trigger, String secret) {}

  private final WorkflowService workflows;
  private final TriggerStore store;
  private final TriggerChecks checks;
  private final TriggerSecretsService secrets;
  private final RandomIds ids;

  TriggerService(
      WorkflowService workflows,
      TriggerStore store,
      TriggerChecks checks,
      TriggerSecretsService secrets,
      RandomIds ids) {
    this.workflows = workflows;
    this.store = store;
    this.checks = checks;
    this.secrets = secrets;
    this.ids = ids;
  }

  /**
   * 400 for bad input (checked first), 404 for an unknown workflow, 409 for an archived one or a
   * workspace with as many triggers (or, for an enabled one, enabled triggers) as it may have.
   */
  Mono<Saved> create(CurrentUser user, String workflowId, TriggerRequest request) {
    String id = ids.next();
    return checks
        .requireValidInput(request)
        .then(workflows.find(user, workflowId))
        .filter(workflow -> workflow.state() != WorkflowStatus.ARCHIVED)
        .switchIfEmpty(
            Mono.error(
                () -> ProblemException.conflict("An archived workflow cannot get new triggers.")))
        .flatMap(workflow -> checks.requireRoom(user.workspaceId()).thenReturn(workflow))
        .flatMap(
            workflow ->
                checks
                    .requireActiveRoom(user.workspaceId(), request.enabled())
                    .thenReturn(workflow))
        .flatMap(workflow -> created(id, user, workflow, request));
  }

  private Mono<Saved> created(
      String id, CurrentUser user, Workflow workflow, TriggerRequest request) {
    return checks
        .config(user.workspaceId(), workflow.id(), request, null)
        .flatMap(valid -> Mono.fromCallable(() -> secrets.forNew(id, valid)))
        .flatMap(
            withSecret ->
                store
                    .insert(request.newTrigger(id, workflow, withSecret.config()))
                    .map(trigger -> new Saved(trigger, withSecret.secret())));
  }

  /**
   * Replaces name, enabled and config; a webhook keeps its secret unless its auth kind changes, a
   * schedule starts afresh from now.
   */
  Mono<Saved> update(
      CurrentUser user, String workflowId, String triggerId, TriggerRequest request) {
    return checks
        .requireValidInput(request)
        .then(get(user, workflowId, triggerId))
        .flatMap(
            existing ->
                requireSameType(existing, request)
                    .then(
                        checks.requireActiveRoom(
                            user.workspaceId(), request.enabled() && !existing.enabled()))
                    .then(checks.config(user.workspaceId(), workflowId, request, triggerId))
                    .flatMap(valid -> Mono.fromCallable(() -> secrets.forUpdate(existing, valid)))
                    .flatMap(
                        withSecret ->
                            store
                                .update(
                                    user.workspaceId(),
                                    workflowId,
                                    triggerId,
                                    TriggerUpdates.replaced(existing, request, withSecret.config()))
                                .map(saved -> new Saved(saved, withSecret.secret()))));
  }

  private static Mono<Void> requireSameType(Trigger existing, TriggerRequest request) {
    if (existing.type().wireName().equals(request.type())) {
      return Mono.empty();
    }
    String message = "the type of a trigger cannot change; create a new trigger";
    return Mono.error(
        ProblemException.invalid(message, List.of(new FieldProblem("type", message))));
  }

  Mono<Trigger> get(CurrentUser user, String workflowId, String triggerId) {
    return store
        .find(user.workspaceId(), workflowId, triggerId)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)));
  }

  /** A trigger of the caller's workspace by id alone (the top-level routes); else a 404. */
  Mono<Trigger> get(CurrentUser user, String triggerId) {
    return store
        .find(user.workspaceId(), triggerId)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)));
  }

  Flux<Trigger> list(CurrentUser user, String workflowId, int limit) {
    return workflows
        .find(user, workflowId)
        .thenMany(store.search(user.workspaceId(), workflowId, null, limit));
  }

  Flux<Trigger> search(CurrentUser user, String workflowId, String type, int limit) {
    TriggerType known = TriggerConfigs.type(type);
    if (type != null && known == null) {
      String message =
          "must be one of "
              + TriggerConfigs.TYPES.stream()
                  .map(TriggerType::wireName)
                  .collect(Collectors.joining(", "));
      return Flux.error(
          ProblemException.invalid(
              "Unknown trigger type.", List.of(new FieldProblem("type", message))));
    }
    return store.search(user.workspaceId(), workflowId, known, limit);
  }

  Mono<Void> delete(CurrentUser user, String workflowId, String triggerId) {
    return store
        .delete(user.workspaceId(), workflowId, triggerId)
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)))
        .then();
  }

  /** Enabling a dependency trigger is checked for cycles like creating one. */
  Mono<Trigger> setEnabled(CurrentUser user, String workflowId, String triggerId, boolean enabled) {
    return get(user, workflowId, triggerId)
        .flatMap(
            trigger ->
                checks
                    .requireActiveRoom(user.workspaceId(), enabled && !trigger.enabled())
                    .thenReturn(trigger))
        .flatMap(
            trigger ->
                enabled && trigger.is(TriggerType.DEPENDENCY)
                    ? checks
                        .dependency(
                            user.workspaceId(), workflowId, readable(trigger), true, triggerId)
                        .thenReturn(trigger)
                    : Mono.just(trigger))
        .flatMap(
            trigger ->
                store.update(
                    user.workspaceId(),
                    workflowId,
                    triggerId,
                    TriggerUpdates.enabled(trigger, enabled)))
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)));
  }

  /** A new secret for an authenticated webhook; the old one stays valid for 24 hours. */
  Mono<Saved> rotateSecret(CurrentUser user, String workflowId, String triggerId) {
    return get(user, workflowId, triggerId)
        .flatMap(
            trigger -> {
              TriggerSecretsService.WithSecret rotated = secrets.rotate(trigger);
              Update update =
                  new Update().set("config", TriggerDocuments.storedConfig(rotated.config()));
              return store
                  .update(user.workspaceId(), workflowId, triggerId, update)
                  .map(saved -> new Saved(saved, rotated.secret()));
            });
  }

  /** Counts {@code runs} fires of the trigger at {@code now}, as the listener does for its own. */
  Mono<Void> countFired(String triggerId, int runs, Instant now) {
    return runs == 0 ? Mono.empty() : store.markFired(triggerId, now, runs);
  }

  /** A stored dependency config that cannot be read cannot be enabled: replace it first. */
  private static DependencyConfig readable(Trigger trigger) {
    return trigger
        .config(DependencyConfig.class)
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "This trigger's stored config cannot be read; replace it with PUT."));
  }
}
