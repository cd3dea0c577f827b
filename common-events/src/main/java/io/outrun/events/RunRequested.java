package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Asks a runner to run one version of a workflow. Published by trigger-api (manual and test runs)
 * and listener-service (every trigger type); consumed by runner-service.
 *
 * @param workflowVersion the workflow version to run (the deployed one, or the latest for a test)
 * @param test true for a test run of a draft: it gates deploy and never fires dependents
 * @param chainDepth how many dependency hops led here (0 for anything not started by a dependency)
 */
public record RunRequested(
    String eventId,
    Instant occurredAt,
    String workspaceId,
    String workflowId,
    int workflowVersion,
    String runId,
    boolean test,
    TriggeredBy triggeredBy,
    int chainDepth)
    implements OutrunEvent {

  public static final String TYPE = "run-requested.v1";

  public RunRequested {
    requireNonNull(eventId, "eventId");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(runId, "runId");
    requireNonNull(triggeredBy, "triggeredBy");
    if (workflowVersion < 1) {
      throw new IllegalArgumentException("workflowVersion must be at least 1");
    }
    if (chainDepth < 0) {
      throw new IllegalArgumentException("chainDepth must not be negative");
    }
  }

  /** The same request with another {@link TriggeredBy} (its payload stored aside or read back). */
  public RunRequested with(TriggeredBy other) {
    return new RunRequested(
        eventId,
        occurredAt,
        workspaceId,
        workflowId,
        workflowVersion,
        runId,
        test,
        other,
        chainDepth);
  }

  /**
   * A request whose event id is derived from {@code idParts} (what makes the request unique: a
   * trigger id and a delivery id, a scheduled instant, a change event id...) and whose run id is
   * derived from the event id, so a repeated request names the same run.
   */
  public static RunRequested of(
      Instant now,
      String workspaceId,
      String workflowId,
      int workflowVersion,
      boolean test,
      TriggeredBy triggeredBy,
      int chainDepth,
      String... idParts) {
    String eventId = EventIds.of(idParts);
    return new RunRequested(
        eventId,
        now,
        workspaceId,
        workflowId,
        workflowVersion,
        EventIds.runIdFor(eventId),
        test,
        triggeredBy,
        chainDepth);
  }
}
