package io.outrun.runner.store;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * One finished step of a run, as stored in the run's {@code steps} array. A step a retry took over
 * from the run it retries is {@code completed} with {@code reused} true and {@code reusedFrom}
 * naming that run, and uses nothing; both are absent (not stored) on every executed step.
 */
public record StepDocument(
    String nodeId,
    String nodeType,
    String status,
    int attempts,
    Instant startedAt,
    long durationMs,
    Map<String, Object> input,
    Object output,
    String error,
    RunDocument.Usage usage,
    Boolean reused,
    String reusedFrom) {

  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  @PersistenceCreator
  public StepDocument {
    usage = usage == null ? RunDocument.Usage.NONE : usage;
  }

  /** A step this run executed (or skipped). */
  public StepDocument(
      String nodeId,
      String nodeType,
      String status,
      int attempts,
      Instant startedAt,
      long durationMs,
      Map<String, Object> input,
      Object output,
      String error,
      RunDocument.Usage usage) {
    this(
        nodeId,
        nodeType,
        status,
        attempts,
        startedAt,
        durationMs,
        input,
        output,
        error,
        usage,
        null,
        null);
  }

  /** This completed step, taken over by a retry of its run {@code runId}: it uses nothing. */
  public StepDocument reusedFrom(String runId) {
    return new StepDocument(
        nodeId,
        nodeType,
        COMPLETED,
        attempts,
        startedAt,
        durationMs,
        input,
        output,
        null,
        RunDocument.Usage.NONE,
        true,
        runId);
  }

  /** Taken over from the run this one retries, not executed by it. */
  public boolean isReused() {
    return Boolean.TRUE.equals(reused);
  }

  /** The same step with another input and output. */
  StepDocument withJson(Map<String, Object> otherInput, Object otherOutput) {
    return new StepDocument(
        nodeId,
        nodeType,
        status,
        attempts,
        startedAt,
        durationMs,
        otherInput,
        otherOutput,
        error,
        usage,
        reused,
        reusedFrom);
  }

  public boolean completed() {
    return COMPLETED.equals(status);
  }

  public boolean failed() {
    return FAILED.equals(status);
  }

  public boolean skipped() {
    return SKIPPED.equals(status);
  }
}
