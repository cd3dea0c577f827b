package io.outrun.runner.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: a run of workspace {@code ws-1}, as the store holds it once it has ended. */
final class Runs {

  private final String workflowId;
  private final String status;
  private final Instant queuedAt;
  private final Long durationMs;
  private boolean test;
  private RunDocument.Usage usage = RunDocument.Usage.NONE;

  private Runs(String workflowId, String status, Instant queuedAt, Long durationMs) {
    this.workflowId = workflowId;
    this.status = status;
    this.queuedAt = queuedAt;
    this.durationMs = durationMs;
  }

  /**
   * A manual run queued and started at {@code queuedAt}, ended after {@code durationMs}; without a
   * duration it never started (cancelled while queued) and ended at {@code queuedAt}.
   */
  static Runs ended(String workflowId, String status, Instant queuedAt, Long durationMs) {
    return new Runs(workflowId, status, queuedAt, durationMs);
  }

  Runs test() {
    test = true;
    return this;
  }

  Runs usage(RunDocument.Usage usage) {
    this.usage = usage;
    return this;
  }

  RunDocument build() {
    String id = UUID.randomUUID().toString();
    return new RunDocument(
        id,
        "request-" + id,
        "ws-1",
        workflowId,
        1,
        test,
        0,
        status,
        new RunDocument.Trigger("manual", null, "user:u1", Map.of(), null, null),
        List.of(),
        usage,
        queuedAt,
        durationMs == null ? null : queuedAt,
        durationMs == null ? queuedAt : queuedAt.plusMillis(durationMs),
        durationMs,
        null,
        false,
        null,
        null);
  }
}
