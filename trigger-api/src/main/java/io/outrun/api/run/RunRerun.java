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
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/runs/{id}/rerun}: a new manual run, by the caller, of the same workflow, the
 * same workflow version and as a test run if the original was one, with the original's trigger
 * payload as its input; its {@code triggeredBy.rerunOf} names the original. The runner runs the
 * version the request names from {@code workflow_versions}, so a rerun of a test run of version 2
 * is a test run of version 2 whatever the workflow's latest or deployed version is now. Only an
 * ended run can be run again, and not once its workflow is archived; a non-test run not while the
 * workflow is paused (as manual runs). With an {@code Idempotency-Key} the new run's id derives
 * from the original run and the key, so a repeat names the same run and the runner starts it once.
 */
@Component
class RunRerun {

  private static final String RERUN = "rerun";
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  private final RunHistory history;
  private final WorkflowService workflows;
  private final RunService runs;
  private final Clock clock;

  RunRerun(RunHistory history, WorkflowService workflows, RunService runs, Clock clock) {
    this.history = history;
    this.workflows = workflows;
    this.runs = runs;
    this.clock = clock;
  }

  /** Completes with the new run's id once its request is on Kafka and it is recorded queued. */
  Mono<String> rerun(CurrentUser user, String runId, String idempotencyKey) {
    String key = RunService.keyOrUnique(idempotencyKey);
    Mono<RunRequested> request =
        history
            .find(user.workspaceId(), runId)
            .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)))
            .flatMap(
                original ->
                    workflows
                        .findHeader(user, original.getString("workflowId"))
                        .map(workflow -> request(user, original, workflow, key)));
    return runs.submit(request, runId);
  }

  private RunRequested request(CurrentUser user, Document original, Workflow workflow, String key) {
    String status = original.getString("status");
    if (status == null || !ENDED.contains(status)) {
      throw ProblemException.conflict(
          "The run is " + status + "; only a run that has ended can be run again.");
    }
    boolean test = Boolean.TRUE.equals(original.getBoolean("test"));
    if (workflow.state() == WorkflowStatus.ARCHIVED
        || (!test && workflow.state() == WorkflowStatus.PAUSED)) {
      throw ProblemException.conflict(
          "A " + workflow.status() + " workflow's run cannot be run again.");
    }
    return RunRequested.builder()
        .workflow(user.workspaceId(), workflow.id(), version(original))
        .test(test)
        .triggeredBy(TriggeredBy.manual(user.userId(), payload(original)))
        .occurredAt(clock.instant())
        .idFrom(RERUN, original.getString("_id"), key)
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
