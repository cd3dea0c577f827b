package io.outrun.api.workflow;

import io.outrun.api.PageCursor;
import io.outrun.api.RandomIds;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates and reads workflows of the caller's workspace. The entry point of this package for the
 * others: {@link #find} is how runs and triggers look a workflow up.
 */
@Service
public class WorkflowService {

  private final WorkflowStore store;
  private final WorkflowChecks checks;
  private final RandomIds ids;
  private final Clock clock;

  WorkflowService(WorkflowStore store, WorkflowChecks checks, RandomIds ids, Clock clock) {
    this.store = store;
    this.checks = checks;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Saves a new draft at version 1; 400 if it is too large, has keys that cannot be stored or
   * settings the runner could not run, 409 if the workspace has as many workflows as it may.
   */
  public Mono<Workflow> create(CurrentUser user, CreateWorkflowRequest request) {
    return checks
        .requireSavable(request.name(), request.nodes(), request.edges(), request.settings())
        .then(checks.requireRoom(user.workspaceId()))
        .then(Mono.defer(() -> insert(user, request)));
  }

  /**
   * Removes a draft just made and its snapshots, for a caller (an import) whose further writes
   * failed, so no half-made draft stays; a workflow no longer a draft is left alone.
   */
  public Mono<Void> discardDraft(CurrentUser user, String id) {
    return store.removeDraft(user.workspaceId(), id);
  }

  private Mono<Workflow> insert(CurrentUser user, CreateWorkflowRequest request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Workflow workflow =
        new Workflow(
            ids.next(),
            user.workspaceId(),
            request.name(),
            request.nodes(),
            request.edges(),
            request.settings(),
            WorkflowStatus.DRAFT.wireName(),
            1,
            null,
            user.userId(),
            now,
            now,
            null);
    return store.insert(workflow);
  }

  /**
   * Up to {@code limit} workflows after {@code before}, newest first (see {@link WorkflowStore}).
   */
  Flux<Workflow> list(CurrentUser user, WorkflowStatus status, PageCursor before, int limit) {
    return store.page(user.workspaceId(), status, before, limit);
  }

  /**
   * Saves an edit as the next version (and its snapshot). 409 if the edit names a version that is
   * not the current one (someone saved since; also the loser of two concurrent saves) or the
   * workflow is archived; 400 (checked first) as for {@link #create}. An active workflow keeps
   * running its deployed version.
   */
  Mono<Workflow> update(CurrentUser user, String id, UpdateWorkflowRequest edit) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return checks
        .requireSavable(edit.name(), edit.nodes(), edit.edges(), edit.settings())
        .then(find(user, id))
        .flatMap(current -> checkEditable(current, edit.version()))
        .flatMap(
            current ->
                store
                    .saveEdit(user, id, edit, now)
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                find(user, id)
                                    .flatMap(changed -> checkEditable(changed, edit.version()))
                                    .then(Mono.error(() -> staleVersion(edit.version()))))));
  }

  private static Mono<Workflow> checkEditable(Workflow workflow, int editedVersion) {
    if (workflow.state() == WorkflowStatus.ARCHIVED) {
      return Mono.error(ProblemException.conflict("An archived workflow cannot be edited."));
    }
    if (workflow.version() != editedVersion) {
      return Mono.error(
          ProblemException.conflict(
              "Version "
                  + editedVersion
                  + " is stale: the workflow is at version "
                  + workflow.version()
                  + " since another save; reload it and apply your changes again."));
    }
    return Mono.just(workflow);
  }

  private static ProblemException staleVersion(int editedVersion) {
    return ProblemException.conflict(
        "Version "
            + editedVersion
            + " is stale: the workflow was saved by another request meanwhile; reload it and"
            + " apply your changes again.");
  }

  /**
   * The workflow without its graph (no nodes, edges or settings: its status and versions), or a 404
   * problem: what starting a run needs, read without the graph, which may be large.
   */
  public Mono<Workflow> findHeader(CurrentUser user, String id) {
    return store
        .findHeader(user.workspaceId(), id)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Workflow " + id)));
  }

  /** The workflow, or a 404 problem if it does not exist in the caller's workspace. */
  public Mono<Workflow> find(CurrentUser user, String id) {
    return store
        .find(user.workspaceId(), id)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Workflow " + id)));
  }
}
