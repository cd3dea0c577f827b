package io.outrun.api.run;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.service.StoredJson;
import java.time.Clock;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/runs/{id}/rerun} and {@code POST /api/runs/{id}/retry}: a new manual run, by the
 * caller, of the same workflow, the same workflow version and as a test run if the original was
 * one, with the original's trigger payload as its input. A re-run ({@link Repeat#RERUN}) names the
 * original in {@code triggeredBy.rerunOf} and runs every step; a retry ({@link Repeat#RETRY}) names
 * it in the request's {@code retryOf}, which the runner reads the original's completed steps by
 * (their outputs are never copied into the request) and stores as {@code triggeredBy.retryOf}. The
 * runner runs the version the request names from {@code workflow_versions}, so a repeat of a test
 * run of version 2 is a test run of version 2 whatever the workflow's latest or deployed version is
 * now. Not once the workflow is archived, and a non-test run not while it is paused (as manual
 * runs). With an {@code Idempotency-Key} the new run's id derives from the kind, the original run
 * and the key, so a repeat names the same run and the runner starts it once.
 */
@Component
class RunRepeats {

  private final RunHistory history;
  private final WorkflowService workflows;
  private final RunService runs;
  private final Clock clock;

  RunRepeats(RunHistory history, WorkflowService workflows, RunService runs, Clock clock) {
    this.history = history;
    this.workflows = workflows;
    this.runs = runs;
    this.clock = clock;
  }

  /** Completes with the new run's id once its request is on Kafka and it is recorded queued. */
  Mono<String> repeat(CurrentUser user, String runId, String idempotencyKey, Repeat repeat) {
    String key = RunService.keyOrUnique(idempotencyKey);
    Mono<RunRequested> request =
        history
            .find(user.workspaceId(), runId)
            .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)))
            .flatMap(
                original ->
                    workflows
                        .findHeader(user, original.getString("workflowId"))
                        .map(workflow -> request(user, original, workflow, key, repeat)));
    return runs.submit(request, repeat == Repeat.RERUN ? runId : null);
  }

  private RunRequested request(
      CurrentUser user, Document original, Workflow workflow, String key, Repeat repeat) {
    String status = original.getString("status");
    if (!repeat.accepts(status)) {
      throw ProblemException.conflict(repeat.refusal(status));
    }
    boolean test = Boolean.TRUE.equals(original.getBoolean("test"));
    if (workflow.state() == WorkflowStatus.ARCHIVED
        || (!test && workflow.state() == WorkflowStatus.PAUSED)) {
      throw ProblemException.conflict(
          "A " + workflow.status() + " workflow's run cannot be run again.");
    }
    String originalId = original.getString("_id");
    return RunRequested.builder()
        .workflow(user.workspaceId(), workflow.id(), version(original))
        .test(test)
        .triggeredBy(TriggeredBy.manual(user.userId(), payload(original)))
        .occurredAt(clock.instant())
        .retryOf(repeat == Repeat.RETRY ? originalId : null)
        .idFrom(repeat.action(), originalId, key)
        .build();
  }

  private static int version(Document original) {
    if (!(original.get("workflowVersion") instanceof Number version) || version.intValue() < 1) {
      throw ProblemException.conflict("The run names no workflow version to run again.");
    }
    return version.intValue();
  }

  /** The original's trigger payload as it was sent (the runner stores its keys escaped). */
  private static Map<String, Object> payload(Document original) {
    return original.get("triggeredBy") instanceof Map<?, ?> by
            && by.get("payload") instanceof Document payload
        ? StoredJson.fromStored(payload)
        : Map.of();
  }
}
