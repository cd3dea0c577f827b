package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.error.WorkspaceRoom;
import io.outrun.api.input.ApiLimits;
import io.outrun.service.OutrunCollections;
import io.outrun.triggers.ConfigProblem;
import io.outrun.triggers.DependencyConfig;
import io.outrun.triggers.RequestContext;
import io.outrun.triggers.TriggerConfigs;
import io.outrun.triggers.TriggerConfigs.Checked;
import io.outrun.triggers.WebhookConfig;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a trigger request is refused for before it is saved: its input ({@link TriggerInputRule},
 * 400), its type's config (trigger-config's {@link TriggerConfigs#fromRequest}, 400, answering the
 * typed config), a dependency's upstream workflow and cycle ({@link DependencyChecks}, 400), a
 * webhook path another webhook of the workspace has (409), and a workspace that already has the
 * most triggers allowed (409).
 */
@Component
class TriggerChecks {

  private final ApiLimits limits;
  private final TriggerStore store;
  private final Clock clock;
  private final DependencyChecks dependencies;
  private final ActiveTriggerQuota activeTriggers;

  TriggerChecks(
      ApiLimits limits,
      TriggerStore store,
      Clock clock,
      DependencyChecks dependencies,
      ActiveTriggerQuota activeTriggers) {
    this.activeTriggers = activeTriggers;
    this.limits = limits;
    this.store = store;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  /** Empty if the request's name, type and config keys are acceptable, else a 400. */
  Mono<Void> requireValidInput(TriggerRequest request) {
    return Mono.fromRunnable(
        () -> {
          List<FieldProblem> problems = TriggerInputRule.check(request, limits);
          if (!problems.isEmpty()) {
            throw ProblemException.invalid("The trigger cannot be saved as it is.", problems);
          }
        });
  }

  /**
   * The typed config to store (and the secret the request chose), or a 400 listing every problem of
   * the requested one. A dependency's upstream must be a workflow of the workspace and, if the
   * trigger is enabled, close no cycle (other than through {@code triggerId}, the one replaced).
   */
  Mono<Checked.Valid> config(
      String workspaceId, String workflowId, TriggerRequest request, String triggerId) {
    return store
        .databaseName()
        .map(database -> context(workflowId, database))
        .map(context -> TriggerConfigs.fromRequest(request.type(), request.config(), context))
        .flatMap(
            checked ->
                switch (checked) {
                  case Checked.Invalid(String detail, List<ConfigProblem> problems) ->
                      Mono.error(ProblemException.invalid(detail, fieldProblems(problems)));
                  case Checked.Valid valid ->
                      valid.config() instanceof DependencyConfig dependency
                          ? dependency(
                                  workspaceId, workflowId, dependency, request.enabled(), triggerId)
                              .thenReturn(valid)
                          : requirePathFree(workspaceId, valid, triggerId).thenReturn(valid);
                });
  }

  /**
   * A 409 if another webhook of the workspace has the path this one asks for. Checked before the
   * write, not with it, like the workspace's limits: two requests racing for one path can both win.
   */
  Mono<Void> requirePathFree(String workspaceId, Checked.Valid valid, String triggerId) {
    if (!(valid.config() instanceof WebhookConfig webhook) || webhook.path() == null) {
      return Mono.empty();
    }
    return store
        .webhookPathTaken(workspaceId, webhook.path(), triggerId)
        .filter(Boolean::booleanValue)
        .flatMap(
            exists ->
                Mono.error(
                    ProblemException.conflict(
                            "Another webhook of the workspace has the path '"
                                + webhook.path()
                                + "'.")
                        .with("field", "config.path")));
  }

  /**
   * Completes if a dependency trigger may be saved: its upstream exists, and when {@code enabled}
   * it closes no cycle; else a 400 problem.
   */
  Mono<Void> dependency(
      String workspaceId,
      String workflowId,
      DependencyConfig config,
      boolean enabled,
      String triggerId) {
    return enabled
        ? dependencies.check(workspaceId, workflowId, config.dependsOnWorkflowId(), triggerId)
        : dependencies.requireUpstream(workspaceId, config.dependsOnWorkflowId());
  }

  /** A 409 if the workspace has as many triggers as it may have. */
  Mono<Void> requireRoom(String workspaceId) {
    return WorkspaceRoom.require(
        store.count(workspaceId),
        limits.maxTriggersPerWorkspace(),
        "triggers",
        "delete one to create another");
  }

  /**
   * A 409 if {@code enabling} and the workspace has as many enabled triggers as it may ({@code
   * outrun.quotas.active-triggers}, or the workspace's own {@code quotas.activeTriggers}, read
   * fresh).
   */
  Mono<Void> requireActiveRoom(String workspaceId, boolean enabling) {
    if (!enabling) {
      return Mono.empty();
    }
    return activeTriggers.of(workspaceId).flatMap(max -> requireActiveRoom(workspaceId, max));
  }

  private Mono<Void> requireActiveRoom(String workspaceId, int max) {
    return WorkspaceRoom.require(
        store.countEnabled(workspaceId), max, "enabled triggers", "disable one first");
  }

  private RequestContext context(String workflowId, String database) {
    return new RequestContext(workflowId, clock.instant(), database, OutrunCollections.ALL);
  }

  private static List<FieldProblem> fieldProblems(List<ConfigProblem> problems) {
    return problems.stream()
        .map(problem -> new FieldProblem(problem.field(), problem.message()))
        .toList();
  }
}
