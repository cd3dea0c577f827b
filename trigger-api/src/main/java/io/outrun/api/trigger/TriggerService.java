package io.outrun.api.trigger;

import io.outrun.api.RandomIds;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
  private final DependencyChecks dependencies;
  private final RandomIds ids;
  private final Clock clock;

  TriggerService(
      WorkflowService workflows,
      TriggerStore store,
      TriggerChecks checks,
      TriggerSecretsService secrets,
      DependencyChecks dependencies,
      RandomIds ids,
      Clock clock) {
    this.workflows = workflows;
    this.store = store;
    this.checks = checks;
    this.secrets = secrets;
    this.dependencies = dependencies;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * 400 for bad input (checked first), 404 for an unknown workflow, 409 for an archived one or a
   * workspace with as many triggers as it may have.
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
                checks.config(workflow.id(), request).map(config -> Map.entry(workflow, config)))
        .flatMap(
            checked ->
                dependencyCheck(
                        user,
                        workflowId,
                        request.type(),
                        checked.getValue(),
                        request.enabled(),
                        null)
                    .then(
                        Mono.fromCallable(
                            () -> secrets.forNew(id, checked.getValue(), request.config())))
                    .flatMap(
                        withSecret ->
                            store
                                .insert(
                                    newTrigger(id, checked.getKey(), request, withSecret.config()))
                                .map(trigger -> new Saved(trigger, withSecret.secret()))));
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
            existing -> {
              if (!existing.type().equals(request.type())) {
                String message = "the type of a trigger cannot change; create a new trigger";
                return Mono.error(
                    ProblemException.invalid(message, List.of(new FieldProblem("type", message))));
              }
              return checks
                  .config(workflowId, request)
                  .flatMap(
                      config ->
                          dependencyCheck(
                                  user,
                                  workflowId,
                                  request.type(),
                                  config,
                                  request.enabled(),
                                  triggerId)
                              .then(
                                  Mono.fromCallable(
                                      () -> secrets.forUpdate(existing, config, request.config()))))
                  .flatMap(
                      withSecret -> {
                        Update update =
                            new Update()
                                .set("name", request.name())
                                .set("enabled", request.enabled())
                                .set("config", withSecret.config());
                        if (existing.is(Trigger.SCHEDULE)) {
                          ScheduleResets.reset(update); // its config may have changed
                        }
                        return store
                            .update(user.workspaceId(), workflowId, triggerId, update, now())
                            .map(saved -> new Saved(saved, withSecret.secret()));
                      });
            });
  }

  Mono<Trigger> get(CurrentUser user, String workflowId, String triggerId) {
    return store
        .find(user.workspaceId(), workflowId, triggerId)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)));
  }

  Flux<Trigger> list(CurrentUser user, String workflowId, int limit) {
    return workflows
        .find(user, workflowId)
        .thenMany(store.search(user.workspaceId(), workflowId, null, limit));
  }

  Flux<Trigger> search(CurrentUser user, String workflowId, String type, int limit) {
    if (type != null && !TriggerConfigRule.TYPES.contains(type)) {
      String message = "must be one of " + String.join(", ", TriggerConfigRule.TYPES);
      return Flux.error(
          ProblemException.invalid(
              "Unknown trigger type.", List.of(new FieldProblem("type", message))));
    }
    return store.search(user.workspaceId(), workflowId, type, limit);
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
                enabled && trigger.is(Trigger.DEPENDENCY)
                    ? dependencies
                        .check(user.workspaceId(), workflowId, trigger.config(), triggerId)
                        .thenReturn(trigger)
                    : Mono.just(trigger))
        .flatMap(
            trigger ->
                store.update(
                    user.workspaceId(),
                    workflowId,
                    triggerId,
                    enabledUpdate(trigger, enabled),
                    now()))
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Trigger " + triggerId)));
  }

  /** A schedule starts afresh from now when it is disabled or enabled. */
  private static Update enabledUpdate(Trigger trigger, boolean enabled) {
    Update update = new Update().set("enabled", enabled);
    return trigger.is(Trigger.SCHEDULE) ? ScheduleResets.reset(update) : update;
  }

  /** A new secret for an authenticated webhook; the old one stays valid for 24 hours. */
  Mono<Saved> rotateSecret(CurrentUser user, String workflowId, String triggerId) {
    return get(user, workflowId, triggerId)
        .flatMap(
            trigger -> {
              Instant now = now();
              TriggerSecretsService.WithSecret rotated = secrets.rotate(trigger, now);
              Update update = new Update().set("config", rotated.config());
              return store
                  .update(user.workspaceId(), workflowId, triggerId, update, now)
                  .map(saved -> new Saved(saved, rotated.secret()));
            });
  }

  private Mono<Void> dependencyCheck(
      CurrentUser user,
      String workflowId,
      String type,
      Map<String, Object> config,
      boolean enabled,
      String triggerId) {
    if (!Trigger.DEPENDENCY.equals(type)) {
      return Mono.empty();
    }
    String upstream = (String) config.get(DependencyConfigRule.UPSTREAM);
    return enabled
        ? dependencies.check(user.workspaceId(), workflowId, config, triggerId)
        : dependencies.requireUpstream(user.workspaceId(), upstream);
  }

  private Trigger newTrigger(
      String id, Workflow workflow, TriggerRequest request, Map<String, Object> config) {
    Instant now = now();
    return new Trigger(
        id,
        workflow.workspaceId(),
        workflow.id(),
        request.type(),
        request.name(),
        request.enabled(),
        config,
        now,
        now,
        null,
        0,
        null,
        null);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
