package io.outrun.runner;

import static io.outrun.runner.RunFixtures.PATIENCE;
import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static io.outrun.runner.RunFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.BusMetrics;
import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfraInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ContextConfiguration;

/**
 * How run requests are taken and runs admitted: per-workflow concurrency and order, partitions
 * handled concurrently, cancelling waiting runs, resuming the runs of a runner that died, and
 * requests that cannot be handled. Shares RunnerIT's context (one runner in the group).
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerDeliveryIT {

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired KafkaProperties kafka;
  @Autowired MeterRegistry meters;

  private RunFixtures runs;

  @BeforeAll
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void withConcurrencyOneRunsNeverOverlapAndStartInArrivalOrder() {
    String workflowId = pausing(1_500, new Document("concurrency", 1));
    List<RunRequested> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(request(workflowId));
    }
    requests.forEach(runs::publish);

    List<Document> recorded =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> requests.stream().map(r -> runs.run(r.runId())).toList(),
                all ->
                    all.stream().allMatch(run -> run != null)
                        && "running".equals(all.getFirst().getString("status")));
    assertThat(recorded)
        .extracting(run -> run.getString("status"))
        .as("later runs wait their turn, visibly")
        .containsExactly("running", "queued", "queued");

    List<Document> ended = requests.stream().map(r -> runs.awaitEnded(r.runId())).toList();
    for (int i = 1; i < ended.size(); i++) {
      Document before = ended.get(i - 1);
      Document after = ended.get(i);
      assertThat(after.getString("status")).isEqualTo("completed");
      assertThat(after.getDate("startedAt"))
          .as("run %d starts after run %d ended", i, i - 1)
          .isAfterOrEqualTo(before.getDate("finishedAt"));
    }
  }

  @Test
  void aSlowWorkflowDoesNotHoldUpAnotherWorkflowOnTheSamePartition() throws Exception {
    String slow = pausing(4_000, new Document("concurrency", 1));
    String fast =
        runs.saveWorkflow(samePartitionAs(slow), List.of(greet()), List.of(), new Document());
    RunRequested slowFirst = request(slow);
    RunRequested slowSecond = request(slow);
    RunRequested fastOne = request(fast);

    runs.publish(slowFirst);
    runs.publish(slowSecond);
    runs.awaitRun(slowFirst.runId(), status("running"));
    runs.publish(fastOne);

    Document fastRun = runs.awaitEnded(fastOne.runId());
    assertThat(fastRun.getString("status")).isEqualTo("completed");
    assertThat(runs.run(slowFirst.runId()).getString("status"))
        .as("the slow run is still going")
        .isEqualTo("running");
    assertThat(runs.run(slowSecond.runId()).getString("status")).isEqualTo("queued");
    assertThat(runs.awaitEnded(slowSecond.runId()).getString("status")).isEqualTo("completed");
  }

  @Test
  void aWaitingRunCancelledWhileQueuedNeverStartsAndTheRunningOneStops() {
    String workflowId = pausing(30_000, new Document("concurrency", 1));
    RunRequested running = request(workflowId);
    RunRequested waiting = request(workflowId);
    runs.publish(running);
    runs.publish(waiting);
    runs.awaitRun(running.runId(), status("running"));
    runs.awaitRun(waiting.runId(), status("queued"));

    cancelAsTheApiDoes(waiting.runId());
    cancelAsTheApiDoes(running.runId());

    Document stopped = runs.awaitEnded(running.runId());
    assertThat(stopped.getString("status")).isEqualTo("cancelled");
    assertThat(stopped.getDate("finishedAt").toInstant()).isBefore(Instant.now().plusSeconds(1));
    Document never = runs.awaitEnded(waiting.runId());
    assertThat(never.getString("status")).isEqualTo("cancelled");
    assertThat(never.get("startedAt")).isNull();
    assertThat(never.getList("steps", Document.class)).isEmpty();
    assertThat(awaitCompletion(waiting.runId()).status()).isEqualTo(RunOutcome.CANCELLED);
  }

  @Test
  void aRunHeldByARunnerThatDiedIsResumedOnceItsLeaseExpiresAndCompletesOnce() {
    String workflowId =
        runs.saveWorkflow(
            List.of(greet(), node("shout", "transform", new Document("expression", "'done'"))),
            List.of(edge("greet", "shout")),
            new Document());
    RunRequested request = request(workflowId);
    Instant leaseEnds = Instant.now().plusSeconds(2);
    mongo.insert(heldByADeadRunner(request, leaseEnds), "runs").block();

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.getDate("finishedAt").toInstant()).isAfterOrEqualTo(leaseEnds);
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet", "shout");
    assertThat(steps.getFirst().get("output", Document.class))
        .as("the step the dead runner finished is not run again")
        .containsEntry("message", "stored before the crash");
    assertThat(run).doesNotContainKey("lease");
  }

  @Test
  void requestsThatCannotBeHandledAreDeadLetteredAndLaterOnesStillRun() throws Exception {
    String workflowId = runs.saveWorkflow(List.of(greet()), List.of(), new Document());
    double deadBefore = deadLettered();
    sendRaw(workflowId, "{not json");
    RunRequested clashing = request(workflowId);
    mongo
        .insert(
            new Document("_id", clashing.runId())
                .append("requestEventId", "another-request")
                .append("status", "completed"),
            "runs")
        .block();
    runs.publish(clashing);
    RunRequested fine = request(workflowId);
    runs.publish(fine);

    assertThat(runs.awaitEnded(fine.runId()).getString("status")).isEqualTo("completed");
    List<ConsumerRecord<String, byte[]>> dead = deadLetters(workflowId, 2);
    assertThat(dead)
        .extracting(record -> reason(record))
        .anySatisfy(reason -> assertThat(reason).isNotBlank())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .as("a run id that is not the request's own is dead-lettered at once")
                    .startsWith("RunIdTakenException")
                    .contains("exists already for another request"));
    await().atMost(PATIENCE).until(() -> deadLettered() >= deadBefore + 2);
  }

  // --- workflows and documents

  private static Document greet() {
    return node("greet", "log", new Document("message", "Hello {{$trigger.name}}"));
  }

  /** greet, then a delay of {@code ms}. */
  private String pausing(long ms, Document settings) {
    return runs.saveWorkflow(
        List.of(greet(), node("pause", "delay", new Document("ms", ms))),
        List.of(edge("greet", "pause")),
        settings);
  }

  private void cancelAsTheApiDoes(String runId) {
    Query queued = Query.query(Criteria.where("_id").is(runId).and("status").is("queued"));
    long cancelled =
        mongo
            .updateFirst(
                queued,
                new Update().set("status", "cancelled").set("finishedAt", new Date()),
                "runs")
            .block()
            .getModifiedCount();
    if (cancelled == 0) {
      mongo
          .updateFirst(
              Query.query(Criteria.where("_id").is(runId).and("status").is("running")),
              new Update().set("cancelRequested", true),
              "runs")
          .block();
    }
  }

  private static Document heldByADeadRunner(RunRequested request, Instant leaseEnds) {
    return RunFixtures.runningAfterGreet(request)
        .append(
            "lease",
            new Document("owner", "a-runner-that-died").append("expiresAt", Date.from(leaseEnds)));
  }

  // --- Kafka

  /** A workflow id whose requests land on the same partition as {@code workflowId}'s. */
  private String samePartitionAs(String workflowId) throws Exception {
    int partitions;
    try (Admin admin = admin()) {
      partitions =
          admin
              .describeTopics(List.of(Topics.RUN_REQUESTS))
              .allTopicNames()
              .get()
              .get(Topics.RUN_REQUESTS)
              .partitions()
              .size();
    }
    int target = partition(workflowId, partitions);
    while (true) {
      String candidate = "wf-" + UUID.randomUUID();
      if (partition(candidate, partitions) == target) {
        return candidate;
      }
    }
  }

  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  private String bootstrap() {
    return String.join(",", kafka.getBootstrapServers());
  }

  private RunCompleted awaitCompletion(String runId) {
    return RunFixtures.awaitCompletion(consumers, runId);
  }

  private double deadLettered() {
    return meters.find(BusMetrics.DEAD_LETTERED).counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private void sendRaw(String key, String value) throws Exception {
    new RawKafka(bootstrap()).send(Topics.RUN_REQUESTS, key, value);
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count) {
    return new RawKafka(bootstrap()).read(Topics.RUN_REQUESTS_DEAD_LETTER, key, count, PATIENCE);
  }

  private static String reason(ConsumerRecord<String, byte[]> record) {
    return RawKafka.header(record, Topics.DEAD_LETTER_REASON_HEADER);
  }
}
