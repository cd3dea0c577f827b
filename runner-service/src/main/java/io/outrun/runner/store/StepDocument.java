package io.outrun.runner.store;

import java.time.Instant;
import java.util.Map;

/** One finished step of a run, as stored in the run's {@code steps} array. */
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
    RunDocument.Usage usage) {

  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public StepDocument {
    usage = usage == null ? RunDocument.Usage.NONE : usage;
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
        usage);
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
