package io.outrun.runner.store;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A run as stored in the {@code runs} collection (shape in docs/ARCHITECTURE.md). */
@Document(RunDocument.COLLECTION)
public record RunDocument(
    @Id String id,
    String requestEventId,
    String workspaceId,
    String workflowId,
    int workflowVersion,
    boolean test,
    int chainDepth,
    String status,
    Trigger triggeredBy,
    List<StepDocument> steps,
    Usage usage,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    String error,
    Boolean cancelRequested,
    Lease lease,
    String traceId) {

  public static final String COLLECTION = "runs";
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  private static final Set<String> TERMINAL = Set.of(COMPLETED, FAILED, CANCELLED);

  public RunDocument {
    steps = steps == null ? List.of() : steps;
    usage = usage == null ? Usage.NONE : usage;
    cancelRequested = Boolean.TRUE.equals(cancelRequested);
  }

  /**
   * The document of a run that has just been requested. {@code queuedAt} is when it was requested
   * (the request's {@code occurredAt}, as trigger-api records it too), so the wait in Kafka counts
   * as queued time; {@code now} when the request claims a later time (a producer's clock ahead).
   */
  public static RunDocument queued(RunRequested request, Instant now) {
    TriggeredBy by = request.triggeredBy();
    return new RunDocument(
        request.runId(),
        request.eventId(),
        request.workspaceId(),
        request.workflowId(),
        request.workflowVersion(),
        request.test(),
        request.chainDepth(),
        QUEUED,
        new Trigger(
            by.type().wireName(),
            by.triggerId(),
            by.source(),
            by.payload(),
            request.retryOf(),
            by.nodeId()),
        List.of(),
        Usage.NONE,
        request.occurredAt().isAfter(now) ? now : request.occurredAt(),
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  /** The same run with other user JSON (its trigger payload and its steps). */
  public RunDocument withJson(Trigger triggeredBy, List<StepDocument> steps) {
    return new RunDocument(
        id,
        requestEventId,
        workspaceId,
        workflowId,
        workflowVersion,
        test,
        chainDepth,
        status,
        triggeredBy,
        steps,
        usage,
        queuedAt,
        startedAt,
        finishedAt,
        durationMs,
        error,
        cancelRequested,
        lease,
        traceId);
  }

  /** This queued run, started now under {@code lease}. */
  RunDocument started(Lease lease, Instant now) {
    return new RunDocument(
        id,
        requestEventId,
        workspaceId,
        workflowId,
        workflowVersion,
        test,
        chainDepth,
        RUNNING,
        triggeredBy,
        steps,
        usage,
        queuedAt,
        now,
        null,
        null,
        null,
        cancelRequested,
        lease,
        traceId);
  }

  /** This run as it is once ended with all of {@code allSteps}, its usage theirs. */
  RunDocument ended(
      List<StepDocument> allSteps, String status, Instant at, long durationMs, String error) {
    return new RunDocument(
        id,
        requestEventId,
        workspaceId,
        workflowId,
        workflowVersion,
        test,
        chainDepth,
        status,
        triggeredBy,
        allSteps,
        Usage.sum(allSteps.stream().map(StepDocument::usage).toList()),
        queuedAt,
        startedAt,
        at,
        durationMs,
        error,
        cancelRequested,
        null,
        traceId);
  }

  /**
   * This run in the trace {@code traceIdOfRequest} (its request's trace, or the one its runner
   * began), unless it is in one already.
   */
  public RunDocument inTrace(String traceIdOfRequest) {
    if (traceId != null || traceIdOfRequest == null) {
      return this;
    }
    return new RunDocument(
        id,
        requestEventId,
        workspaceId,
        workflowId,
        workflowVersion,
        test,
        chainDepth,
        status,
        triggeredBy,
        steps,
        usage,
        queuedAt,
        startedAt,
        finishedAt,
        durationMs,
        error,
        cancelRequested,
        lease,
        traceIdOfRequest);
  }

  /** Completed, failed or cancelled: it is never executed again. */
  public boolean terminal() {
    return TERMINAL.contains(status);
  }

  /**
   * What started the run; {@code payload} is what the run sees as {@code $trigger}; {@code retryOf}
   * names the failed or cancelled run this one retries (absent, and not stored, otherwise); {@code
   * nodeId} the trigger node the trigger stands for (null: none), the only entry point of the graph
   * the run starts from.
   */
  public record Trigger(
      String type,
      String triggerId,
      String source,
      Map<String, Object> payload,
      String retryOf,
      String nodeId) {

    public Trigger {
      payload = payload == null ? Map.of() : payload;
    }

    public Trigger(String type, String triggerId, String source, Map<String, Object> payload) {
      this(type, triggerId, source, payload, null, null);
    }

    public Trigger withPayload(Map<String, Object> otherPayload) {
      return new Trigger(type, triggerId, source, otherPayload, retryOf, nodeId);
    }
  }

  /**
   * The runner executing a running run holds its lease and renews it while it works; another runner
   * resumes the run only once the lease has expired.
   */
  public record Lease(String owner, Instant expiresAt) {}

  /** What a run consumed. */
  public record Usage(
      long aiTokensUsed, double estimatedCost, long webhooksCalled, long httpRequests) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    static Usage sum(List<Usage> used) {
      Usage total = NONE;
      for (Usage u : used) {
        total =
            new Usage(
                total.aiTokensUsed + u.aiTokensUsed,
                total.estimatedCost + u.estimatedCost,
                total.webhooksCalled + u.webhooksCalled,
                total.httpRequests + u.httpRequests);
      }
      return total;
    }
  }
}
