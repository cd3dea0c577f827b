package io.outrun.runner;

import static io.outrun.runner.RunFixtures.PATIENCE;
import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.TestInfra;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ContextConfiguration;
import reactor.test.StepVerifier;

/**
 * Every run request's run is visible as queued once it is on Kafka, even while the runner is too
 * busy to take it (more requests than its max-in-flight, 64 in these tests); a request whose
 * publisher records its run itself is only committed. The runner creates every run it takes, so
 * what the recorder left alone shows in its count of recorded runs, not in MongoDB. Shares
 * RunnerIT's context.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunRecorderIT {

  private static final int MORE_THAN_A_RUNNER_TAKES = 80;
  private static final String RECORDER_GROUP = "outrun-runner-recorder";

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MeterRegistry meters;

  private RunFixtures runs;
  private Admin admin;

  @BeforeAll
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafkaBootstrapServers()));
  }

  @AfterAll
  void closeAdmin() {
    admin.close();
  }

  @Test
  void runsTheRunnerCannotTakeYetAreVisibleAsQueued() {
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node("greet", "log", new Document("message", "hi")),
                node("wait", "delay", new Document("ms", 60_000))),
            List.of(edge("greet", "wait")),
            new Document("concurrency", 1));
    List<RunRequested> requests =
        IntStream.range(0, MORE_THAN_A_RUNNER_TAKES).mapToObj(i -> request(workflowId)).toList();

    try {
      requests.forEach(runs::publish);

      List<String> runIds = requests.stream().map(RunRequested::runId).toList();
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> visible(runIds) == runIds.size());
      assertThat(runs.run(requests.getLast().runId()))
          .as("recorded as the request asked, before any runner took it")
          .containsEntry("status", "queued")
          .containsEntry("requestEventId", requests.getLast().eventId());
    } finally {
      cancelAll(workflowId);
    }
  }

  @Test
  void aRequestWhosePublisherRecordsItsRunIsCommittedButNotRecordedWhileOthersStillAre()
      throws Exception {
    String workflowId = runs.saveWorkflow(greeting(), List.of(), new Document());
    awaitRecorderCaughtUp();
    double before = recordedSoFar();

    publishRecordedByItsPublisher(request(workflowId));
    runs.publish(request(workflowId));

    awaitRecorderCaughtUp();
    assertThat(recordedSoFar() - before)
        .as("the request without the header, not the one whose publisher records its run")
        .isEqualTo(1);
  }

  @Test
  void aBatchOfRequestsWhosePublishersRecordTheirRunsIsCommittedWithoutRecordingAny()
      throws Exception {
    String workflowId = runs.saveWorkflow(greeting(), List.of(), new Document());
    awaitRecorderCaughtUp();
    double before = recordedSoFar();

    publishRecordedByItsPublisher(request(workflowId));
    publishRecordedByItsPublisher(request(workflowId));

    awaitRecorderCaughtUp();
    assertThat(recordedSoFar()).isEqualTo(before);
  }

  private static List<Document> greeting() {
    return List.of(node("greet", "log", new Document("message", "hi")));
  }

  /** As trigger-api publishes a run it records queued itself. */
  private void publishRecordedByItsPublisher(RunRequested request) {
    StepVerifier.create(
            publisher.publish(request, Map.of(Topics.RUN_RECORDED_BY_HEADER, "trigger-api")))
        .expectComplete()
        .verify(PATIENCE);
  }

  /** Run requests the recorder has recorded as queued runs, over this context's life. */
  private double recordedSoFar() {
    return meters.get(RunnerMetrics.RUNS_RECORDED).counter().count();
  }

  /**
   * Waits until the recorder has committed every run request on the topic: what it recorded of
   * them, it has counted (it counts before it commits).
   */
  private void awaitRecorderCaughtUp() throws Exception {
    RequestOffsets.awaitCommittedToEnd(admin, RECORDER_GROUP, PATIENCE);
  }

  private long visible(List<String> runIds) {
    return mongo
        .count(Query.query(Criteria.where("_id").in(runIds)), "runs")
        .blockOptional()
        .orElse(0L);
  }

  /** Cancels them as trigger-api does, so the runner works through them at once. */
  private void cancelAll(String workflowId) {
    Criteria ofWorkflow = Criteria.where("workflowId").is(workflowId);
    mongo
        .updateMulti(
            Query.query(ofWorkflow.and("status").is("queued")),
            new Update().set("status", "cancelled").currentDate("finishedAt"),
            "runs")
        .block(PATIENCE);
    mongo
        .updateMulti(
            Query.query(Criteria.where("workflowId").is(workflowId).and("status").is("running")),
            new Update().set("cancelRequested", true),
            "runs")
        .block(PATIENCE);
    await()
        .atMost(PATIENCE)
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
}
