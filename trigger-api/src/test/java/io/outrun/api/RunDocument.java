package io.outrun.api;

import io.outrun.service.StoredJson;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Builds a {@code runs} document as runner-service records it (docs/ARCHITECTURE.md), for tests
 * that need runs without a runner: the deploy gate, run history, cancel.
 */
public final class RunDocument {

  private final Document run;

  private RunDocument(String workspaceId, String workflowId) {
    run =
        new Document("_id", UUID.randomUUID().toString())
            .append("requestEventId", UUID.randomUUID().toString())
            .append("workspaceId", workspaceId)
            .append("workflowId", workflowId)
            .append("workflowVersion", 1)
            .append("test", false)
            .append("chainDepth", 0)
            .append("status", "completed")
            .append("triggeredBy", new Document("type", "manual").append("source", "user:u1"))
            .append("queuedAt", Date.from(Instant.now()));
  }

  /** A completed, non-test run of version 1, queued now. */
  public static RunDocument of(String workspaceId, String workflowId) {
    return new RunDocument(workspaceId, workflowId);
  }

  /** A run of a known id (the default is a random one). */
  public RunDocument id(String id) {
    run.put("_id", id);
    return this;
  }

  /** Started by trigger {@code triggerId} of {@code type}, from {@code source}. */
  public RunDocument triggeredBy(String type, String triggerId, String source) {
    run.put(
        "triggeredBy",
        new Document("type", type).append("triggerId", triggerId).append("source", source));
    return this;
  }

  /** The trigger payload the run saw, stored as the runner stores it (keys escaped). */
  public RunDocument payload(Map<String, Object> payload) {
    run.get("triggeredBy", Document.class)
        .put("payload", new Document(StoredJson.toStored(payload)));
    return this;
  }

  public RunDocument version(int version) {
    run.put("workflowVersion", version);
    return this;
  }

  public RunDocument test() {
    run.put("test", true);
    return this;
  }

  public RunDocument status(String status) {
    run.put("status", status);
    return this;
  }

  public RunDocument queuedAt(Instant queuedAt) {
    run.put("queuedAt", Date.from(queuedAt));
    return this;
  }

  /** Finished after {@code durationMs}, counted from {@code queuedAt}. */
  public RunDocument took(long durationMs) {
    Instant started = run.getDate("queuedAt").toInstant();
    run.put("startedAt", Date.from(started));
    run.put("finishedAt", Date.from(started.plusMillis(durationMs)));
    run.put("durationMs", durationMs);
    return this;
  }

  public String id() {
    return run.getString("_id");
  }

  public Document build() {
    return run;
  }
}
