package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A runner has started executing a run. */
public record RunStarted(
    String eventId,
    Instant occurredAt,
    String workspaceId,
    String workflowId,
    int workflowVersion,
    String runId)
    implements OutrunEvent {

  public static final String TYPE = "run-started.v1";

  public RunStarted {
    requireNonNull(eventId, "eventId");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(runId, "runId");
  }

  public static RunStarted of(
      Instant now, String workspaceId, String workflowId, int workflowVersion, String runId) {
    return new RunStarted(
        EventIds.of(TYPE, runId), now, workspaceId, workflowId, workflowVersion, runId);
  }
}
