package io.outrun.api.workflow;

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
  private final RandomIds ids;
  private final Clock clock;

  WorkflowService(WorkflowStore store, RandomIds ids, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  Mono<Workflow> create(CurrentUser user, CreateWorkflowRequest request) {
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

  Flux<Workflow> list(CurrentUser user, int limit) {
    return store.list(user.workspaceId(), limit);
  }

  /** The workflow, or a 404 problem if it does not exist in the caller's workspace. */
  public Mono<Workflow> find(CurrentUser user, String id) {
    return store
        .find(user.workspaceId(), id)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Workflow " + id)));
  }
}
