package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.PayloadRef;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ContextConfiguration;

/** Run requests whose payload was too large for Kafka, stored aside (a claim check). */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class ClaimCheckIT {

  private static final int THREE_MB = 3 * 1024 * 1024;

  @Autowired EventPublisher publisher;
  @Autowired RunRequestPublisher runRequests;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;

  @BeforeEach
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void aPayloadStoredAsideIsTheWholeTriggerOfTheRunAndIsDeletedOnceTheRunHoldsIt() {
    String workflowId = lengthOfTheTriggerText();
    RunRequested request =
        withPayload(
            request(workflowId), Map.of("text", "x".repeat(THREE_MB), "$set", Map.of("a.b", 1)));

    RunRequestOutcome outcome = runRequests.publish(request).block(Duration.ofSeconds(30));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RunRequestOutcome.Published.class,
            published -> assertThat(published.storedAside()).isNotNull());
    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.getList("steps", Document.class).get(1).get("output")).isEqualTo(THREE_MB);
    Document payload = run.get("triggeredBy", Document.class).get("payload", Document.class);
    assertThat(payload.getString("text")).hasSize(THREE_MB);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                mongo
                    .findById(request.eventId(), Document.class, RunPayloads.COLLECTION)
                    .blockOptional()
                    .isEmpty());
  }

  @Test
  void aRequestWhosePayloadIsGoneFailsItsRunAtOnceAndTheWorkflowGoesOn() {
    String workflowId = lengthOfTheTriggerText();
    RunRequested lost = request(workflowId);
    RunRequested stranded =
        lost.with(lost.triggeredBy().withPayloadAside(new PayloadRef(lost.eventId(), THREE_MB)));
    RunRequested next = withPayload(request(workflowId), Map.of("text", "abc"));

    runs.publish(stranded);
    runs.publish(next);

    Document failed =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> runs.run(lost.runId()), run -> run != null && isEnded(run));
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error"))
        .contains("trigger payload stored aside")
        .contains(THREE_MB + " bytes")
        .contains("no longer in run_payloads");
    assertThat(failed.getList("steps", Document.class)).isEmpty();
    assertThat(RunFixtures.awaitCompletion(consumers, lost.runId()).status())
        .isEqualTo(RunOutcome.FAILED);
    assertThat(runs.awaitEnded(next.runId()).getString("status")).isEqualTo("completed");
  }

  /**
   * The recorder records a run the runner cannot take yet (more requests than its max-in-flight, 64
   * in these tests) with its payload read back, so the queued run shows all of it.
   */
  @Test
  void aQueuedRunTheRunnerCannotTakeYetShowsAllOfAPayloadStoredAside() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("wait", "delay", new Document("ms", 60_000))),
            List.of(),
            new Document("concurrency", 1));
    List<RunRequested> ahead = IntStream.range(0, 80).mapToObj(i -> request(workflowId)).toList();
    String text = "y".repeat(THREE_MB);
    RunRequested large = withPayload(request(workflowId), Map.of("text", text));
    try {
      ahead.forEach(runs::publish);
      runRequests.publish(large).block(Duration.ofSeconds(30));

      Document queued =
          await()
              .atMost(RunFixtures.PATIENCE)
              .until(() -> runs.run(large.runId()), run -> run != null);
      assertThat(queued.getString("status")).isEqualTo("queued");
      assertThat(
              queued
                  .get("triggeredBy", Document.class)
                  .get("payload", Document.class)
                  .getString("text"))
          .isEqualTo(text);
    } finally {
      cancelAll(workflowId);
    }
  }

  /** Cancels them as trigger-api does, so the runner works through them at once. */
  private void cancelAll(String workflowId) {
    mongo
        .updateMulti(
            Query.query(Criteria.where("workflowId").is(workflowId).and("status").is("queued")),
            new Update().set("status", "cancelled").currentDate("finishedAt"),
            "runs")
        .block(RunFixtures.PATIENCE);
    mongo
        .updateMulti(
            Query.query(Criteria.where("workflowId").is(workflowId).and("status").is("running")),
            new Update().set("cancelRequested", true),
            "runs")
        .block(RunFixtures.PATIENCE);
    await()
        .atMost(RunFixtures.PATIENCE)
        .until(
            () ->
                mongo
                        .count(
                            Query.query(
                                Criteria.where("workflowId")
                                    .is(workflowId)
                                    .and("status")
                                    .in("queued", "running")),
                            "runs")
                        .block()
                    == 0);
  }

  private static boolean isEnded(Document run) {
    return List.of("completed", "failed", "cancelled").contains(run.getString("status"));
  }

  /** greet, then the length of {@code $trigger.text} (the text itself would be capped). */
  private String lengthOfTheTriggerText() {
    return runs.saveWorkflow(
        List.of(
            node("greet", "log", new Document("message", "got {{$length($trigger.text)}}")),
            node("length", "transform", new Document("expression", "$length($trigger.text)"))),
        List.of(edge("greet", "length")),
        new Document());
  }

  private static RunRequested withPayload(RunRequested request, Map<String, Object> payload) {
    return request.with(request.triggeredBy().withPayload(payload));
  }
}
