package io.outrun.api.workflow;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Pause, resume, undeploy and archive: each a status change allowed only from certain statuses,
 * applied with a conditional update; from any other status it is a 409 naming the current one. The
 * listener reads {@code status}, so pausing, undeploying or archiving stops the triggers. Each
 * change resets the workflow's schedules ({@link ScheduleReset}): after the status write when the
 * workflow stops, before it when it becomes active again.
 */
@Service
class WorkflowStatusService {

  private static final Transition PAUSE =
      new Transition(EnumSet.of(WorkflowStatus.ACTIVE), "only an active workflow can be paused");
  private static final Transition RESUME =
      new Transition(EnumSet.of(WorkflowStatus.PAUSED), "only a paused workflow can be resumed");
  private static final Transition UNDEPLOY =
      new Transition(
          EnumSet.of(WorkflowStatus.ACTIVE, WorkflowStatus.PAUSED),
          "only an active or paused workflow can be undeployed");
  private static final Transition ARCHIVE =
      new Transition(
          EnumSet.complementOf(EnumSet.of(WorkflowStatus.ARCHIVED)), "it is archived already");

  private final WorkflowService workflows;
  private final WorkflowStore store;
  private final ScheduleReset schedules;
  private final Clock clock;

  WorkflowStatusService(
      WorkflowService workflows, WorkflowStore store, ScheduleReset schedules, Clock clock) {
    this.workflows = workflows;
    this.store = store;
    this.schedules = schedules;
    this.clock = clock;
  }

  Mono<Workflow> pause(CurrentUser user, String id) {
    return change(user, id, PAUSE, status(WorkflowStatus.PAUSED));
  }

  Mono<Workflow> resume(CurrentUser user, String id) {
    return change(user, id, RESUME, status(WorkflowStatus.ACTIVE));
  }

  /** Back to draft: nothing is deployed any more. */
  Mono<Workflow> undeploy(CurrentUser user, String id) {
    return change(
        user,
        id,
        UNDEPLOY,
        status(WorkflowStatus.DRAFT).unset("deployedVersion").unset("deployedAt"));
  }

  /** Idempotent, like DELETE: an archived workflow is answered as it is. */
  Mono<Workflow> archive(CurrentUser user, String id) {
    return workflows
        .find(user, id)
        .flatMap(
            workflow ->
                workflow.state() == WorkflowStatus.ARCHIVED
                    ? Mono.just(workflow)
                    : change(user, id, ARCHIVE, status(WorkflowStatus.ARCHIVED)));
  }

  private Mono<Workflow> change(CurrentUser user, String id, Transition transition, Update update) {
    return workflows
        .find(user, id)
        .flatMap(
            workflow ->
                transition.from().contains(workflow.state())
                    ? resettingSchedules(user.workspaceId(), id, transition, update)
                    : Mono.empty())
        .switchIfEmpty(
            Mono.defer(
                () ->
                    workflows
                        .find(user, id)
                        .flatMap(now -> Mono.error(transition.refusal(now.state())))));
  }

  /** The status write, with the schedules reset before it (to active) or after it (else). */
  private Mono<Workflow> resettingSchedules(
      String workspaceId, String id, Transition transition, Update update) {
    Mono<Workflow> write =
        Mono.defer(
            () ->
                store.changeStatus(
                    workspaceId,
                    id,
                    transition.from(),
                    update,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    Mono<Void> reset = schedules.resetSchedules(workspaceId, id);
    return transition == RESUME
        ? reset.then(write)
        : write.flatMap(changed -> reset.thenReturn(changed));
  }

  private static Update status(WorkflowStatus status) {
    return new Update().set("status", status.wireName());
  }

  private record Transition(Set<WorkflowStatus> from, String rule) {

    ProblemException refusal(WorkflowStatus current) {
      return ProblemException.conflict("The workflow is " + current.wireName() + "; " + rule + ".");
    }
  }
}
