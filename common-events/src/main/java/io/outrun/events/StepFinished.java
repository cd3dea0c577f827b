package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One step (a node of the workflow graph) of a run has reached a final status. */
public record StepFinished(
    String eventId,
    Instant occurredAt,
    String workspaceId,
    String workflowId,
    String runId,
    String nodeId,
    String nodeType,
    StepStatus status,
    int attempts,
    long durationMs,
    String error)
    implements OutrunEvent {

  public static final String TYPE = "step-finished.v1";

  public StepFinished {
    requireNonNull(eventId, "eventId");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(runId, "runId");
    requireNonNull(nodeId, "nodeId");
    requireNonNull(nodeType, "nodeType");
    requireNonNull(status, "status");
  }

  public static StepFinished of(
      Instant now,
      String workspaceId,
      String workflowId,
      String runId,
      String nodeId,
      String nodeType,
      StepStatus status,
      int attempts,
      long durationMs,
      String error) {
    return new StepFinished(
        EventIds.of(TYPE, runId, nodeId),
        now,
        workspaceId,
        workflowId,
        runId,
        nodeId,
        nodeType,
        status,
        attempts,
        durationMs,
        error);
  }
}
