package io.outrun.api.workspace;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/workspace/settings}: the caller's workspace's settings (its token's {@code
 * workspaceId}): the slug (the first segment of webhook paths), the default auto-pause limit of its
 * triggers and its retention overrides.
 */
@RestController
@RequestMapping("/api/workspace/settings")
class WorkspaceSettingsController {

  private final WorkspaceStore store;

  WorkspaceSettingsController(WorkspaceStore store) {
    this.store = store;
  }

  @Operation(
      summary =
          "The workspace's settings: {workspaceId, slug, autoPauseAfterFailures?, retention?,"
              + " quotas?}")
  @GetMapping
  Mono<WorkspaceSettings> get(@AuthenticationPrincipal CurrentUser user) {
    return store.find(user.workspaceId());
  }

  @Operation(
      summary = "Replace the workspace's settings",
      description =
          "slug: 2 to 63 of a-z, 0-9 and -; null removes it. A slug another workspace has is a"
              + " 409. Webhooks with a path are served at /api/webhooks/{slug}/{path}."
              + " autoPauseAfterFailures (0 to 1000; absent or 0: never): the default of triggers"
              + " without their own. retention {runsDays, webhookLogsDays, triggerEventsDays}"
              + " (each 1 to 3650, absent: outrun.retention.*): how long this workspace's records"
              + " are kept. quotas {activeTriggers (1 to 100000), runsPerMinute (1 to 1000000),"
              + " concurrentRuns (1 to 10000)} (absent: outrun.quotas.*): this workspace's"
              + " limits; runsPerMinute and concurrentRuns take effect within 30 s,"
              + " activeTriggers at once. Fields left out are removed. Admins only.")
  @PutMapping
  Mono<WorkspaceSettings> put(
      @AuthenticationPrincipal CurrentUser user, @RequestBody WorkspaceSettingsRequest request) {
    String slug = request.slug();
    List<FieldProblem> problems = WorkspaceSettingsRule.check(request);
    if (!problems.isEmpty()) {
      return Mono.error(ProblemException.invalid("The workspace settings are invalid.", problems));
    }
    WorkspaceSettings.RetentionDays retention =
        request.retention() == null || request.retention().empty() ? null : request.retention();
    WorkspaceSettings.Quotas quotas =
        request.quotas() == null || request.quotas().empty() ? null : request.quotas();
    WorkspaceSettings settings =
        new WorkspaceSettings(
            user.workspaceId(), slug, request.autoPauseAfterFailures(), retention, quotas);
    Mono<Boolean> taken = slug == null ? Mono.just(false) : store.taken(user.workspaceId(), slug);
    return taken
        .flatMap(isTaken -> isTaken ? Mono.error(slugTaken(slug)) : store.save(settings))
        .onErrorMap(DuplicateKeyException.class, duplicate -> slugTaken(slug));
  }

  private static ProblemException slugTaken(String slug) {
    return ProblemException.conflict("Another workspace has the slug '" + slug + "'.")
        .with("field", "slug");
  }
}
