package io.outrun.runner;

import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.test.StepVerifier;

/** Workflows, requests and waits for the runner ITs that share RunnerIT's application context. */
final class RunnerFixtures {

  static final Duration PATIENCE = Duration.ofSeconds(45);

  private final ReactiveMongoTemplate mongo;
  private final EventPublisher publisher;

  RunnerFixtures(ReactiveMongoTemplate mongo, EventPublisher publisher) {
    this.mongo = mongo;
    this.publisher = publisher;
  }

  static Document node(String id, String type, Document data) {
    return new Document("id", id)
        .append("type", type)
        .append("position", new Document("x", 0).append("y", 0))
        .append("data", data);
  }

  static Document edge(String source, String target) {
    return new Document("id", source + "-" + target)
        .append("source", source)
        .append("target", target);
  }

  /** A new workflow id with no versions yet. */
  static String newWorkflowId() {
    return "wf-" + UUID.randomUUID();
  }

  /** Saves a {@code workflow_versions} document as trigger-api writes it. */
  void saveVersion(String workflowId, int version, List<Document> nodes, List<Document> edges) {
    Document saved =
        new Document("_id", workflowId + ":" + version)
            .append("workspaceId", "ws-1")
            .append("workflowId", workflowId)
            .append("version", version)
            .append("name", "fixture")
            .append("nodes", nodes)
            .append("edges", edges)
            .append("settings", new Document())
            .append("createdAt", Instant.now());
    mongo.insert(saved, "workflow_versions").block(PATIENCE);
  }

  /** A non-test request of {@code version}, started by {@code type}, requested at {@code at}. */
  static RunRequested request(String workflowId, int version, TriggerType type, Instant at) {
    return request(workflowId, version, type, at, false);
  }

  static RunRequested request(
      String workflowId, int version, TriggerType type, Instant at, boolean test) {
    TriggeredBy by = new TriggeredBy(type, "trigger-1", "fixture", Map.of("name", "Ada"));
    return RunRequested.of(
        at, "ws-1", workflowId, version, test, by, 0, "fixture", UUID.randomUUID().toString());
  }

  void publish(RunRequested request) {
    StepVerifier.create(publisher.publish(request)).expectComplete().verify(PATIENCE);
  }

  Document awaitEnded(String runId) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> mongo.findById(runId, Document.class, "runs").block(PATIENCE),
            run ->
                run != null
                    && List.of("completed", "failed", "cancelled")
                        .contains(run.getString("status")));
  }
}
