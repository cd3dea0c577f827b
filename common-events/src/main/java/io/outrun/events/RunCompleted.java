package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A run has ended, successfully or not. Dependency triggers start downstream runs from it.
 *
 * @param triggerType what started the run
 * @param outputs the outputs of the run's final steps (those no other step follows) that completed,
 *     by node id; empty with {@code outputsOmitted} when they would not fit in a Kafka record
 * @param triggerId the trigger document that started the run ({@code triggeredBy.triggerId}), or
 *     null when none did. Added within {@code run-completed.v1}: optional, absent from older
 *     events; listener-service counts a trigger's consecutive failures by it (auto-pause)
 * @param response the answer a {@code respond} step of the run set for the webhook that started it,
 *     or null (added within v1: optional, absent in older events)
 * @param outputsOmitted whether {@code outputs} and {@code response} were left out because the
 *     event would not fit in a Kafka record: a reader that needs them reads the run document, which
 *     holds every step's output (the claim check of completions; added within v1)
 * @param failedNodeId the node whose step failed the run, or null (added within v1)
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
    String triggerId,
    RunResponse response,
    Boolean outputsOmitted,
    String failedNodeId)
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
    // true or absent: an older event without the field reads as false, and false is not written
    outputsOmitted = Boolean.TRUE.equals(outputsOmitted) ? Boolean.TRUE : null;
  }

  /** Whether the outputs and response were left out (read them from the run document). */
  public boolean omitsOutputs() {
    return Boolean.TRUE.equals(outputsOmitted);
  }

  /** A completion without a {@code respond} step's answer, its outputs included. */
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
        null,
        null,
        null,
        null);
  }

  /** The same completion without its outputs and response, for one too large for Kafka. */
  public RunCompleted withoutOutputs() {
    return new RunCompleted(
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
        Map.of(),
        triggerId,
        null,
        true,
        failedNodeId);
  }

  /** A completion without a {@code respond} step's answer, naming the trigger that started it. */
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
      Map<String, Object> outputs,
      String triggerId) {
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
        triggerId,
        null,
        null,
        null);
  }

  /** The event id of a run's completion: one per run, whichever runner finishes it. */
  public static String eventIdFor(String runId) {
    return EventIds.of(TYPE, runId);
  }
}
