package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.testing.TestInfraInitializer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Run requests whose payloads hold what MongoDB cannot take as it is: the run is still created,
 * exactly as accepted, or fails at once with the reason; never retried into the dead-letter topic
 * while its workflow's other runs wait. Shares RunnerIT's context.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIT {

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;

  @BeforeAll
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void payloadKeysMongoCannotStoreReachTheRunAsTheyWereSent() {
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node("keys", "transform", new Document("expression", "$keys($trigger)")),
                node("echo", "transform", new Document("expression", "$trigger"))),
            List.of(edge("keys", "echo")),
            new Document());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("\u0000", 1);
    payload.put("$set", Map.of("x", 1));
    payload.put("", 2);
    payload.put("a.b", Map.of("$gt", 3));
    payload.put("100%", 4);
    RunRequested request = request(workflowId, payload);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps.getFirst().getList("output", String.class))
        .as("$trigger has the keys as sent")
        .containsExactly("\u0000", "$set", "", "a.b", "100%");
    assertThat(run.get("triggeredBy", Document.class).get("payload", Document.class).keySet())
        .as("stored escaped")
        .containsExactly("%00", "%24set", "%", "a%2Eb", "100%25");
    assertThat(steps.get(1).get("output", Document.class).get("a%2Eb", Document.class))
        .as("a step's output is stored escaped too")
        .containsEntry("%24gt", 3);
  }

  @Test
  void numbersBeyondWhatMongoStoresAreKeptAsNumbers() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("echo", "transform", new Document("expression", "$trigger.n"))),
            List.of(),
            new Document());
    BigInteger huge = new BigInteger("1234567890123456789012345678901234567890123456789");
    RunRequested request = request(workflowId, Map.of("n", huge, "small", BigInteger.TEN));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    Document payload = run.get("triggeredBy", Document.class).get("payload", Document.class);
    assertThat(payload.get("n")).isEqualTo(huge.doubleValue());
    assertThat(payload.get("small")).isEqualTo(10);
  }

  @Test
  void aRunThatCannotBeStoredFailsAtOnceWithTheReasonAndItsWorkflowGoesOn() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("poison", "unstorable", new Document())),
            List.of(),
            new Document("concurrency", 1));
    RunRequested unstorable = request(workflowId, Map.of("name", "Ada"));
    RunRequested next = request(workflowId, Map.of("name", "Grace"));

    runs.publish(unstorable);
    runs.publish(next);

    Document failed = runs.awaitEnded(unstorable.runId());
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error"))
        .as("failed at the first attempt, with the reason")
        .startsWith("MappingException")
        .doesNotContain("gave up after");
    assertThat(RunFixtures.awaitCompletion(consumers, unstorable.runId()).status())
        .isEqualTo(RunOutcome.FAILED);
    assertThat(runs.awaitEnded(next.runId()).getString("status"))
        .as("the workflow's next run is not held up")
        .isEqualTo("failed");
  }

  private static RunRequested request(String workflowId, Map<String, Object> payload) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        workflowId,
        1,
        false,
        new TriggeredBy(TriggerType.WEBHOOK, "trigger-1", "hostile", payload),
        0,
        "webhook",
        "trigger-1",
        UUID.randomUUID().toString());
  }
}
