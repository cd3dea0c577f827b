package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A run has ended, successfully or not. Dependency triggers start downstream runs from it.
 *
 * @param triggerType what started the run
 * @param outputs the outputs of the run's final steps (those no other step follows), by node id
 */
public record RunCompleted(
    String eventId,
    Instant occurredAt,
    String workspaceId,
    String workflowId,
    int workflowVersion,
    String runId,
    boolean test,
    RunOutcome status,
    TriggerType triggerType,
    Instant startedAt,
    Instant finishedAt,
    long durationMs,
    String error,
    int chainDepth,
    Map<String, Object> outputs)
    implements OutrunEvent {

  public static final String TYPE = "run-completed.v1";

  public RunCompleted {
    requireNonNull(eventId, "eventId");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(runId, "runId");
    requireNonNull(status, "status");
    requireNonNull(triggerType, "triggerType");
    outputs = outputs == null ? Map.of() : outputs;
  }

  /** The event id of a run's completion: one per run, whichever runner finishes it. */
  public static String eventIdFor(String runId) {
    return EventIds.of(TYPE, runId);
  }
}
