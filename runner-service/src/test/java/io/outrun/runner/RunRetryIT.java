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
import reactor.core.publisher.Mono;

/**
 * A retry over the in-process Kafka and MongoDB: a request naming {@code retryOf} reuses the
 * completed steps of that run, read from its document, and runs the rest.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class RunRetryIT {

  private static final Map<String, Object> N1_OUTPUT =
      Map.of("greeting", "stored by the original", "a.b", Map.of("$gt", 1));

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;
  private String workflowId;

  @BeforeEach
  void saveThreeSteps() {
    runs = new RunFixtures(mongo, publisher);
    workflowId =
        runs.saveWorkflow(
            List.of(
                node("n1", "transform", new Document("expression", "'executed again'")),
                node(
                    "n2",
                    "transform",
                    new Document(
                        "expression",
                        "$steps.n1.output.greeting & ' / ' & $string($lookup($steps.n1.output,"
                            + " 'a.b'))")),
                node("n3", "transform", new Document("expression", "$steps.n2.output & '!'"))),
            List.of(edge("n1", "n2"), edge("n2", "n3")),
            new Document());
  }

  @Test
  void retryRunsOnlyTheFailedAndNeverStartedStepsWithTheCompletedOnesOutputs() {
    String original = insertFailedOriginal();

    RunRequested retry = retryOf(original, "key-1");
    runs.publish(retry);

    Document run = runs.awaitEnded(retry.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.get("triggeredBy", Document.class).getString("retryOf")).isEqualTo(original);
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("n1", "n2", "n3");
    Document n1 = steps.get(0);
    assertThat(n1.getString("status")).isEqualTo("completed");
    assertThat(n1.getBoolean("reused")).isTrue();
    assertThat(n1.getString("reusedFrom")).isEqualTo(original);
    assertThat(StoredJson.fromStored(n1.get("output"))).isEqualTo(N1_OUTPUT);
    assertThat(n1.get("usage", Document.class)).containsEntry("aiTokensUsed", 0L);
    assertThat(steps.get(1)).doesNotContainKey("reused");
    assertThat(steps.get(1).get("output")).isEqualTo("stored by the original / {\"$gt\":1}");
    assertThat(steps.get(2).get("output")).isEqualTo("stored by the original / {\"$gt\":1}!");
    assertThat(run.get("usage", Document.class)).containsEntry("aiTokensUsed", 0L);

    Document unchanged = runs.run(original);
    assertThat(unchanged.getString("status")).isEqualTo("failed");
    assertThat(unchanged.getList("steps", Document.class)).hasSize(2);
    assertThat(unchanged.get("triggeredBy", Document.class)).doesNotContainKey("retryOf");
  }

  @Test
  void retryOfAnotherWorkspacesRunReusesNothing() {
    String original = insertFailedOriginal();
    mongo
        .getCollection("runs")
        .flatMap(
            c ->
                Mono.from(
                    c.updateOne(
                        new Document("_id", original),
                        new Document("$set", new Document("workspaceId", "ws-other")))))
        .block(RunFixtures.PATIENCE);

    RunRequested retry = retryOf(original, "key-2");
    runs.publish(retry);

    Document run = runs.awaitEnded(retry.runId());
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps).noneMatch(step -> step.containsKey("reused"));
    assertThat(steps.get(0).get("output")).isEqualTo("executed again");
  }

  private RunRequested retryOf(String original, String key) {
    return RunRequested.builder()
        .workflow("ws-1", workflowId, 1)
        .triggeredBy(TriggeredBy.manual("u1", Map.of("name", "Ada")))
        .occurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .retryOf(original)
        .idFrom("retry", original, key)
        .build();
  }

  /**
   * A failed run of the workflow as the runner stores it: n1 completed (keys escaped), n2 failed.
   */
  private String insertFailedOriginal() {
    String id = "original-" + UUID.randomUUID();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Document n1 =
        new Document("nodeId", "n1")
            .append("nodeType", "transform")
            .append("status", "completed")
            .append("attempts", 1)
            .append("startedAt", at)
            .append("durationMs", 3L)
            .append("input", new Document("expression", "'executed again'"))
            .append("output", new Document(StoredJson.toStored(N1_OUTPUT)))
            .append("usage", usage(120));
    Document n2 =
        new Document("nodeId", "n2")
            .append("nodeType", "transform")
            .append("status", "failed")
            .append("attempts", 1)
            .append("startedAt", at)
            .append("durationMs", 1L)
            .append("input", new Document())
            .append("error", "node 'n2': boom");
    Document run =
        new Document("_id", id)
            .append("requestEventId", "request-" + id)
            .append("workspaceId", "ws-1")
            .append("workflowId", workflowId)
            .append("workflowVersion", 1)
            .append("test", false)
            .append("chainDepth", 0)
            .append("status", "failed")
            .append(
                "triggeredBy",
                new Document("type", "manual")
                    .append("source", "user:u1")
                    .append("payload", new Document("name", "Ada")))
            .append("steps", List.of(n1, n2))
            .append("usage", usage(120))
            .append("queuedAt", at)
            .append("startedAt", at)
            .append("finishedAt", at)
            .append("error", "node 'n2': boom");
    mongo.insert(run, "runs").block(RunFixtures.PATIENCE);
    return id;
  }

  private static Document usage(long aiTokens) {
    return new Document("aiTokensUsed", aiTokens)
        .append("estimatedCost", 0.0)
        .append("webhooksCalled", 0L)
        .append("httpRequests", 0L);
  }
}
