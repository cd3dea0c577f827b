package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.outrun.api.run.AcceptedRuns;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * {@code POST .../{triggerId}/fire}: runs the deployed version of an active workflow now, as if the
 * trigger had fired, with the caller's payload. Allowed for a disabled trigger too (it is an
 * explicit request by a user of the workspace).
 */
@Service
class TriggerFiring {

  private final TriggerService triggers;
  private final WorkflowService workflows;
  private final RunRequestPublisher publisher;
  private final AcceptedRuns accepted;
  private final Clock clock;

  TriggerFiring(
      TriggerService triggers,
      WorkflowService workflows,
      RunRequestPublisher publisher,
      AcceptedRuns accepted,
      Clock clock) {
    this.triggers = triggers;
    this.workflows = workflows;
    this.publisher = publisher;
    this.accepted = accepted;
    this.clock = clock;
  }

  /** Completes with the run id once the request is on Kafka. */
  Mono<String> fire(
      CurrentUser user,
      String workflowId,
      String triggerId,
      Map<String, Object> payload,
      String idempotencyKey) {
    return triggers
        .get(user, workflowId, triggerId)
        .zipWith(workflows.find(user, workflowId))
        .map(found -> request(user, found.getT2(), found.getT1(), payload, idempotencyKey))
        .flatMap(
            request ->
                accept(request)
                    .then(triggers.countFired(triggerId, 1, request.occurredAt()))
                    .thenReturn(request.runId()));
  }

  /**
   * Publishes {@code request}, saying that trigger-api records its run ({@link
   * AcceptedRuns#HEADERS}), and, once Kafka has acknowledged it, records the run as queued: the
   * path every run a trigger is asked for through the API takes (fire, backfill).
   */
  Mono<Void> accept(RunRequested request) {
    return publisher
        .publish(request, AcceptedRuns.HEADERS)
        .flatMap(outcome -> outcome.orFail(ProblemException::payloadTooLarge))
        .then(accepted.record(request));
  }

  /** A 409 unless the workflow is active with a deployed version: triggers run only then. */
  static void requireActive(Workflow workflow) {
    if (workflow.state() != WorkflowStatus.ACTIVE || workflow.deployedVersion() == null) {
      throw ProblemException.conflict(
          "Triggers fire only for active workflows; this one is " + workflow.status() + ".");
    }
  }

  private RunRequested request(
      CurrentUser user,
      Workflow workflow,
      Trigger trigger,
      Map<String, Object> payload,
      String idempotencyKey) {
    requireActive(workflow);
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? uniqueKey() : idempotencyKey;
    TriggeredBy by =
        new TriggeredBy(trigger.type(), trigger.id(), "fire:" + user.userId(), payload)
            .fromNode(trigger.nodeId());
    return RunRequested.builder()
        .workflow(user.workspaceId(), workflow.id(), workflow.deployedVersion())
        .triggeredBy(by)
        .occurredAt(clock.instant())
        .idFrom("fire", trigger.id(), key)
        .build();
  }

  /** Unique, not secret, so no SecureRandom read. */
  private static String uniqueKey() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
