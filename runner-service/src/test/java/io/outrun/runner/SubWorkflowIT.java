package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.service.StoredJson;
import io.outrun.testing.TestInfraInitializer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The {@code sub_workflow} node against the real servers: a parent run starts a child run of
 * another active workflow through Kafka, waits for its end and returns its outputs, or fails with
 * the child's error and run id.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class SubWorkflowIT {

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;

  @BeforeEach
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void parentStepReturnsTheChildsOutputs() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1",
            List.of(node("shout", "transform", new Document("expression", "$trigger.name & '!'"))),
            List.of());
    String parent =
        parent(
            new Document("workflowId", child)
                .append("input", "{\"name\": $uppercase($trigger.name)}"));
    RunRequested request = request(parent, 0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    Document call = step(run, "call");
    String childRunId = call.get("output", Document.class).getString("runId");
    assertThat(call.get("output", Document.class).get("outputs", Document.class))
        .containsEntry("shout", "ADA!");
    assertThat(step(run, "after").get("output")).isEqualTo("ADA!?");
    Document childRun = runs.run(childRunId);
    assertThat(childRun.getString("workflowId")).isEqualTo(child);
    assertThat(childRun.getInteger("chainDepth")).isEqualTo(1);
    Document by = childRun.get("triggeredBy", Document.class);
    assertThat(by.getString("type")).isEqualTo("sub_workflow");
    assertThat(by.getString("source")).isEqualTo("run " + request.runId() + " node call");
  }

  @Test
  void aFailedChildFailsTheParentStepWithItsErrorAndRunId() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1",
            List.of(
                node("stop", "fail", new Document("message", "no stock for {{ $trigger.sku }}"))),
            List.of());
    String parent = parent(new Document("workflowId", child).append("input", "{\"sku\": \"a-1\"}"));
    RunRequested request = request(parent, 0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    Document call = step(run, "call");
    assertThat(call.getString("status")).isEqualTo("failed");
    assertThat(call.getInteger("attempts")).isEqualTo(1);
    String childRunId = childRunOf(request.runId());
    assertThat(runs.run(childRunId).getString("status")).isEqualTo("failed");
    assertThat(call.getString("error"))
        .contains("sub-workflow run " + childRunId + " failed")
        .contains("no stock for a-1");
  }

  @Test
  void withoutWaitingTheStepAnswersTheChildRunIdBeforeTheChildEnds() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1", List.of(node("slow", "delay", new Document("ms", 3_000))), List.of());
    String parent = parent(new Document("workflowId", child).append("waitForCompletion", false));
    RunRequested request = request(parent, 0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    String childRunId = step(run, "call").get("output", Document.class).getString("runId");
    assertThat(childRunId).isEqualTo(childRunOf(request.runId()));
    assertThat(runs.run(childRunId)).as("requested before the parent ended").isNotNull();
    assertThat(runs.awaitEnded(childRunId).getString("status")).isEqualTo("completed");
  }

  @Test
  void anotherWorkspacesWorkflowIsNotStarted() {
    String foreign =
        runs.saveActiveWorkflow(
            "ws-2", List.of(node("x", "transform", new Document("expression", "1"))), List.of());
    RunRequested request = request(parent(new Document("workflowId", foreign)), 0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(step(run, "call").getString("error"))
        .isEqualTo(
            "node 'call': workflow '" + foreign + "' is not an active workflow of this workspace");
    assertThat(childRuns(request.runId())).isEmpty();
  }

  @Test
  void aChildBeyondTheChainDepthIsRefused() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1", List.of(node("x", "transform", new Document("expression", "1"))), List.of());
    RunRequested request = request(parent(new Document("workflowId", child)), 20);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(step(run, "call").getString("error"))
        .contains("would be 21 deep, more than outrun.runner.sub-workflows.max-chain-depth (20)");
    assertThat(childRuns(request.runId())).isEmpty();
  }

  @Test
  void inputThatIsNotAnObjectFailsTheStepWithoutAChild() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1", List.of(node("x", "transform", new Document("expression", "1"))), List.of());
    RunRequested request =
        request(parent(new Document("workflowId", child).append("input", "[1, 2]")), 0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(step(run, "call").getString("error"))
        .isEqualTo(
            "node 'call': data.input must give an object (the child's $trigger), not an array");
    assertThat(childRuns(request.runId())).isEmpty();
  }

  @Test
  void hostileKeysReachTheChildAsData() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1",
            List.of(node("echo", "transform", new Document("expression", "$trigger"))),
            List.of());
    RunRequested request =
        request(
            parent(
                new Document("workflowId", child)
                    .append("input", "{\"$where\": \"1\", \"a.b\": 2, \"nul\\u0000\": 3}")),
            0);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    Document stored = step(run, "call").get("output", Document.class);
    // stored escaped, so that no key is an operator (StoredJson); read back as written
    Map<String, Object> output = StoredJson.fromStored(stored);
    @SuppressWarnings("unchecked")
    Map<String, Object> echo =
        (Map<String, Object>) ((Map<String, Object>) output.get("outputs")).get("echo");
    assertThat(echo)
        .containsEntry("$where", "1")
        .containsEntry("a.b", 2)
        .containsEntry("nul\u0000", 3);
  }

  /** A parent workflow: {@code call} (sub_workflow with {@code data}), then {@code after}. */
  private String parent(Document data) {
    return runs.saveActiveWorkflow(
        "ws-1",
        List.of(
            node("call", "sub_workflow", data),
            node(
                "after",
                "transform",
                new Document("expression", "$steps.call.output.outputs.shout & '?'"))),
        List.of(edge("call", "after")));
  }

  static RunRequested request(String workflowId, int chainDepth) {
    return RunRequested.builder()
        .workflow("ws-1", workflowId, 1)
        .triggeredBy(TriggeredBy.manual("u1", Map.of("name", "Ada")))
        .chainDepth(chainDepth)
        .occurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .idFrom("manual", workflowId, UUID.randomUUID().toString())
        .build();
  }

  private static Document step(Document run, String nodeId) {
    return run.getList("steps", Document.class).stream()
        .filter(step -> nodeId.equals(step.getString("nodeId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + nodeId + " in " + run.toJson()));
  }

  private List<Document> childRuns(String parentRunId) {
    return mongo
        .find(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("triggeredBy.source")
                    .is("run " + parentRunId + " node call")),
            Document.class,
            "runs")
        .collectList()
        .block(RunFixtures.PATIENCE);
  }

  private String childRunOf(String parentRunId) {
    List<Document> children = childRuns(parentRunId);
    assertThat(children).hasSize(1);
    return children.getFirst().getString("_id");
  }
}
