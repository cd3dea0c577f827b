package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Asks a runner to run one version of a workflow. Published by trigger-api (manual and test runs),
 * listener-service (every trigger type) and runner-service (a {@code sub_workflow} node's child
 * run); consumed by runner-service.
 *
 * @param workflowVersion the workflow version to run (the deployed one, or the latest for a test)
 * @param test true for a test run of a draft: it gates deploy and never fires dependents
 * @param chainDepth how many dependency or sub-workflow hops led here (0 for anything not started
 *     by a dependency or a {@code sub_workflow} node)
 * @param retryOf the failed or cancelled run this one retries: the runner reuses the outputs of
 *     that run's completed steps (read from its run document, never carried here) and runs the
 *     rest; absent (and not written) for every other run. Added within {@code run-requested.v1}: a
 *     reader that ignores it runs every step, so runners are upgraded before trigger-api publishes
 *     it
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
    int chainDepth,
    String retryOf)
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

  /** A request that retries no run. */
  public RunRequested(
      String eventId,
      Instant occurredAt,
      String workspaceId,
      String workflowId,
      int workflowVersion,
      String runId,
      boolean test,
      TriggeredBy triggeredBy,
      int chainDepth) {
    this(
        eventId,
        occurredAt,
        workspaceId,
        workflowId,
        workflowVersion,
        runId,
        test,
        triggeredBy,
        chainDepth,
        null);
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
        chainDepth,
        retryOf);
  }

  /**
   * The same request, with the same event and run ids, asked for again at {@code occurredAt} to run
   * {@code workflowVersion}: a delayed start requested when it comes due, with the version deployed
   * then.
   */
  public RunRequested reissued(Instant occurredAt, int workflowVersion) {
    return new RunRequested(
        eventId,
        occurredAt,
        workspaceId,
        workflowId,
        workflowVersion,
        runId,
        test,
        triggeredBy,
        chainDepth,
        retryOf);
  }

  /**
   * A request built field by field, by name: {@code RunRequested.builder().workflow(ws, wf,
   * 3).triggeredBy(by).occurredAt(now).idFrom("schedule", triggerId, instant).build()}. Not a test
   * run and at chain depth 0 unless set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A request whose event id is derived from {@code idParts} (what makes the request unique: a
   * trigger id and a delivery id, a scheduled instant, a change event id...) and whose run id is
   * derived from the event id, so a repeated request names the same run. Positional: {@link
   * #builder()} names each value.
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

  /** Builds a {@link RunRequested}; each setter names the value it sets. */
  public static final class Builder {

    private Instant occurredAt;
    private String workspaceId;
    private String workflowId;
    private int workflowVersion;
    private boolean test;
    private TriggeredBy triggeredBy;
    private int chainDepth;
    private String retryOf;
    private String[] idParts;

    private Builder() {}

    /** The workflow to run: its workspace, id and the version to run. */
    public Builder workflow(String workspaceId, String workflowId, int workflowVersion) {
      this.workspaceId = workspaceId;
      this.workflowId = workflowId;
      this.workflowVersion = workflowVersion;
      return this;
    }

    public Builder triggeredBy(TriggeredBy triggeredBy) {
      this.triggeredBy = triggeredBy;
      return this;
    }

    /** Whether this is a test run of a draft (default false). */
    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    /** How many dependency hops led here (default 0). */
    public Builder chainDepth(int chainDepth) {
      this.chainDepth = chainDepth;
      return this;
    }

    /** The failed or cancelled run this one retries (default none). */
    public Builder retryOf(String retryOf) {
      this.retryOf = retryOf;
      return this;
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /**
     * What makes the request unique (a trigger id and a delivery id, a scheduled instant, a change
     * event id...): the event id is derived from these parts and the run id from the event id, so a
     * repeated request names the same run.
     */
    public Builder idFrom(String... idParts) {
      this.idParts = idParts.clone();
      return this;
    }

    public RunRequested build() {
      requireNonNull(idParts, "idParts: call idFrom(...)");
      String eventId = EventIds.of(idParts);
      return new RunRequested(
          eventId,
          occurredAt,
          workspaceId,
          workflowId,
          workflowVersion,
          EventIds.runIdFor(eventId),
          test,
          triggeredBy,
          chainDepth,
          retryOf);
    }
  }
}
