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

  /** The event id of a run's completion: one per run, whichever runner finishes it. */
  public static String eventIdFor(String runId) {
    return EventIds.of(TYPE, runId);
  }

  /**
   * A completion built field by field, by name: {@code RunCompleted.builder().workflow(ws, wf,
   * 3).runId(runId).status(RunOutcome.COMPLETED).triggerType(TriggerType.WEBHOOK).occurredAt(now)
   * ...build()}. Its event id is {@link #eventIdFor} its run id unless set; not a test run, at
   * chain depth 0, with no outputs, error, trigger id, response or failed node unless set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RunCompleted}; each setter names the value it sets. */
  public static final class Builder {

    private String eventId;
    private Instant occurredAt;
    private String workspaceId;
    private String workflowId;
    private int workflowVersion;
    private String runId;
    private boolean test;
    private RunOutcome status;
    private TriggerType triggerType;
    private Instant startedAt;
    private Instant finishedAt;
    private long durationMs;
    private String error;
    private int chainDepth;
    private Map<String, Object> outputs;
    private String triggerId;
    private RunResponse response;
    private String failedNodeId;

    private Builder() {}

    /** The event id (default {@link #eventIdFor} the run id). */
    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /** The workflow that ran: its workspace, id and the version run. */
    public Builder workflow(String workspaceId, String workflowId, int workflowVersion) {
      this.workspaceId = workspaceId;
      this.workflowId = workflowId;
      this.workflowVersion = workflowVersion;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /** Whether this was a test run of a draft (default false). */
    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    public Builder status(RunOutcome status) {
      this.status = status;
      return this;
    }

    public Builder triggerType(TriggerType triggerType) {
      this.triggerType = triggerType;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    public Builder durationMs(long durationMs) {
      this.durationMs = durationMs;
      return this;
    }

    /** Why the run failed (default none). */
    public Builder error(String error) {
      this.error = error;
      return this;
    }

    /** How many dependency hops led to the run (default 0). */
    public Builder chainDepth(int chainDepth) {
      this.chainDepth = chainDepth;
      return this;
    }

    /** The outputs of the run's final steps, by node id (default none). */
    public Builder outputs(Map<String, Object> outputs) {
      this.outputs = outputs;
      return this;
    }

    /** The trigger document that started the run (default none). */
    public Builder triggerId(String triggerId) {
      this.triggerId = triggerId;
      return this;
    }

    /**
     * The answer a {@code respond} step set for the webhook that started the run (default none).
     */
    public Builder response(RunResponse response) {
      this.response = response;
      return this;
    }

    /** The node whose step failed the run (default none). */
    public Builder failedNodeId(String failedNodeId) {
      this.failedNodeId = failedNodeId;
      return this;
    }

    public RunCompleted build() {
      requireNonNull(runId, "runId");
      return new RunCompleted(
          eventId == null ? eventIdFor(runId) : eventId,
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
          response,
          null,
          failedNodeId);
    }
  }
}
