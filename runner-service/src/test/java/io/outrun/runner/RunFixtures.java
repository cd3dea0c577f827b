package io.outrun.runner;

import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.test.StepVerifier;

/** Workflows, requests and waits of the runner's integration tests, against real servers. */
final class RunFixtures {

  static final Duration PATIENCE = Duration.ofSeconds(45);

  private final ReactiveMongoTemplate mongo;
  private final EventPublisher publisher;

  RunFixtures(ReactiveMongoTemplate mongo, EventPublisher publisher) {
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

  static RunRequested request(String workflowId) {
    return request(workflowId, UUID.randomUUID().toString());
  }

  /** Requested now: a request older than runs are kept would not run (outrun.retention.runs). */
  static RunRequested request(String workflowId, String deliveryId) {
    return RunRequested.of(
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        "ws-1",
        workflowId,
        1,
        false,
        TriggeredBy.manual("u1", Map.of("name", "Ada")),
        0,
        "manual",
        workflowId,
        deliveryId);
  }

  /** The document of a run a runner was executing when it stopped, after its {@code greet} step. */
  static Document runningAfterGreet(RunRequested request) {
    Document greet =
        new Document("nodeId", "greet")
            .append("nodeType", "log")
            .append("status", "completed")
            .append("attempts", 1)
            .append("startedAt", Instant.now())
            .append("durationMs", 1L)
            .append("input", new Document("message", "stored before the crash"))
            .append("output", new Document("message", "stored before the crash"));
    return new Document("_id", request.runId())
        .append("requestEventId", request.eventId())
        .append("workspaceId", request.workspaceId())
        .append("workflowId", request.workflowId())
        .append("workflowVersion", 1)
        .append("test", false)
        .append("chainDepth", 0)
        .append("status", "running")
        .append(
            "triggeredBy",
            new Document("type", "manual")
                .append("source", "user:u1")
                .append("payload", new Document("name", "Ada")))
        .append("steps", List.of(greet))
        .append(
            "usage",
            new Document("aiTokensUsed", 0)
                .append("estimatedCost", 0.0)
                .append("webhooksCalled", 0)
                .append("httpRequests", 0))
        .append("queuedAt", Instant.now())
        .append("startedAt", Instant.now());
  }

  /** The first {@code run-completed} of {@code runId}, read by a consumer group of its own. */
  static RunCompleted awaitCompletion(EventConsumers consumers, String runId) {
    return consumers
        .create("runner-it-" + UUID.randomUUID(), Topics.RUN_COMPLETIONS, RunCompleted.class)
        .receive()
        .map(delivery -> delivery.event())
        .filter(completed -> completed.runId().equals(runId))
        .next()
        .block(PATIENCE);
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

  /** A workflow_versions document as trigger-api writes it; returns the workflow id. */
  String saveWorkflow(List<Document> nodes, List<Document> edges, Document settings) {
    return saveWorkflow("wf-" + UUID.randomUUID(), nodes, edges, settings);
  }

  String saveWorkflow(
      String workflowId, List<Document> nodes, List<Document> edges, Document settings) {
    Document version =
        new Document("_id", workflowId + ":1")
            .append("workspaceId", "ws-1")
            .append("workflowId", workflowId)
            .append("version", 1)
            .append("name", "greeting")
            .append("nodes", nodes)
            .append("edges", edges)
            .append("settings", settings)
            .append("createdAt", Instant.now());
    mongo.insert(version, "workflow_versions").block();
    return workflowId;
  }

  /** A workflow active in {@code workspaceId} at version 1, as trigger-api deploys it. */
  String saveActiveWorkflow(String workspaceId, List<Document> nodes, List<Document> edges) {
    String id = "wf-" + UUID.randomUUID();
    mongo
        .insert(
            new Document("_id", id + ":1")
                .append("workspaceId", workspaceId)
                .append("workflowId", id)
                .append("version", 1)
                .append("name", "fixture")
                .append("nodes", nodes)
                .append("edges", edges)
                .append("settings", new Document())
                .append("createdAt", Instant.now()),
            "workflow_versions")
        .block(PATIENCE);
    mongo
        .insert(
            new Document("_id", id)
                .append("workspaceId", workspaceId)
                .append("name", "fixture")
                .append("status", "active")
                .append("version", 1)
                .append("deployedVersion", 1),
            "workflows")
        .block(PATIENCE);
    return id;
  }

  void publish(RunRequested request) {
    StepVerifier.create(publisher.publish(request)).expectComplete().verify(PATIENCE);
  }

  Document run(String runId) {
    return mongo.findById(runId, Document.class, "runs").block();
  }

  Document awaitRun(String runId, Predicate<Document> condition) {
    return await()
        .atMost(PATIENCE)
        .until(() -> run(runId), run -> run != null && condition.test(run));
  }

  Document awaitEnded(String runId) {
    return awaitRun(
        runId,
        run -> List.of("completed", "failed", "cancelled").contains(run.getString("status")));
  }

  /** The documents of {@code runIds} once all have ended, by run id. */
  Map<String, Document> awaitAllEnded(Collection<String> runIds) {
    Query ended =
        Query.query(
            Criteria.where("_id").in(runIds).and("status").in("completed", "failed", "cancelled"));
    List<Document> runs =
        await()
            .atMost(PATIENCE)
            .until(
                () -> mongo.find(ended, Document.class, "runs").collectList().block(),
                found -> found.size() == runIds.size());
    return runs.stream().collect(Collectors.toMap(run -> run.getString("_id"), run -> run));
  }

  static Predicate<Document> status(String status) {
    return run -> status.equals(run.getString("status"));
  }
}
