package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A run has ended, successfully or not. Dependency triggers start downstream runs from it.
 *
 * @param triggerType what started the run
 * @param outputs the outputs of the run's final steps (those no other step follows), by node id
 * @param triggerId the trigger document that started the run ({@code triggeredBy.triggerId}), or
 *     null when none did. Added within {@code run-completed.v1}: optional, absent from older
 *     events; listener-service counts a trigger's consecutive failures by it (auto-pause)
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
    Map<String, Object> outputs,
    String triggerId)
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

  /** A completion that names no trigger (as every one did before {@code triggerId}). */
  public RunCompleted(
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
      Map<String, Object> outputs) {
    this(
        eventId,
        occurredAt,
        workspaceId,
        workflowId,
        workflowVersion,
        runId,
        test,
        status,
        triggerType,
        startedAt,
        finishedAt,
        durationMs,
        error,
        chainDepth,
        outputs,
        null);
  }

  /** The event id of a run's completion: one per run, whichever runner finishes it. */
  public static String eventIdFor(String runId) {
    return EventIds.of(TYPE, runId);
  }
}
