package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.OutrunEvent;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.RunStarted;
import io.outrun.events.StepFinished;
import io.outrun.events.Topics;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(45);

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired KafkaProperties kafka;
  @Autowired MeterRegistry meters;

  private Admin admin;
  private RunFixtures runs;

  @BeforeAll
  void connectAdmin() {
    runs = new RunFixtures(mongo, publisher);
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers())));
  }

  @AfterAll
  void closeAdmin() {
    admin.close();
  }

  @Test
  void requestedRunCompletesWithItsStepsAndPublishesItsCompletion() {
    String workflowId = saveWorkflow(greetThenShout("$uppercase($steps.greet.output.message)"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.getString("requestEventId")).isEqualTo(request.eventId());
    assertThat(run.get("startedAt")).isNotNull();
    assertThat(run.get("finishedAt")).isNotNull();
    assertThat(run.get("triggeredBy", Document.class).getString("type")).isEqualTo("manual");
    assertThat(run.get("triggeredBy", Document.class).get("payload", Document.class))
        .containsEntry("name", "Ada");
    assertThat(run.get("usage", Document.class)).containsEntry("httpRequests", 0L);
    assertThat(run).doesNotContainKey("_class");
    assertThat(mongo.indexOps("runs").getIndexInfo().collectList().block())
        .anySatisfy(
            index -> {
              assertThat(index.isUnique()).isTrue();
              assertThat(index.getIndexFields().getFirst().getKey()).isEqualTo("requestEventId");
            });
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet", "shout");
    Document greet = steps.get(0);
    assertThat(greet.getString("nodeType")).isEqualTo("log");
    assertThat(greet.getString("status")).isEqualTo("completed");
    assertThat(greet.getInteger("attempts")).isEqualTo(1);
    assertThat(greet.get("durationMs")).isNotNull();
    assertThat(greet.get("input", Document.class)).containsEntry("message", "Hello Ada");
    assertThat(greet.get("output", Document.class)).containsEntry("message", "Hello Ada");
    Document shout = steps.get(1);
    assertThat(shout.getString("status")).isEqualTo("completed");
    assertThat(shout.get("output")).isEqualTo("HELLO ADA");

    RunCompleted completed = awaitCompletion(request.runId());
    assertThat(completed.status()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(completed.eventId()).isEqualTo(RunCompleted.eventIdFor(request.runId()));
    assertThat(completed.outputs()).isEqualTo(Map.of("shout", "HELLO ADA"));
    assertThat(
            meters
                .get(RunnerMetrics.RUNS)
                .tag(RunnerMetrics.OUTCOME, "completed")
                .counter()
                .count())
        .isPositive();
    assertThat(
            meters
                .get(RunnerMetrics.RUN_DURATION)
                .tag(RunnerMetrics.OUTCOME, "completed")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  void aRunsStartAndEachStepAreOnKafkaByTheTimeItsCompletionIs() {
    String workflowId = saveWorkflow(greetThenShout("$uppercase($steps.greet.output.message)"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);
    RunCompleted completed = awaitCompletion(request.runId());

    // the run did not wait for each announcement, but its ending waited for all of them
    List<OutrunEvent> progress =
        consumers
            .createObserver(
                "runner-it-" + UUID.randomUUID(),
                Topics.RUN_PROGRESS,
                OutrunEvent.class,
                Duration.ZERO)
            .receive()
            .map(delivery -> delivery.event())
            .filter(event -> request.runId().equals(runIdOf(event)))
            .take(3)
            .collectList()
            .block(Duration.ofSeconds(30));
    assertThat(completed.status()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(progress).hasSize(3);
    assertThat(progress.getFirst()).isInstanceOf(RunStarted.class);
    assertThat(progress.subList(1, 3))
        .map(event -> ((StepFinished) event).nodeId())
        .containsExactly("greet", "shout");
  }

  private static String runIdOf(OutrunEvent event) {
    return switch (event) {
      case RunStarted started -> started.runId();
      case StepFinished step -> step.runId();
      default -> null;
    };
  }

  @Test
  void duplicateDeliveriesMakeOneRunWithOneSetOfSteps() {
    String workflowId = saveWorkflow(greetThenShout("$steps.greet.output.message & '!'"));
    String deliveryId = UUID.randomUUID().toString();

    publish(request(workflowId, deliveryId));
    publish(request(workflowId, deliveryId));
    RunRequested request = request(workflowId, deliveryId);
    awaitEnded(request.runId());
    publish(request);
    awaitAllRequestsCommitted();

    List<Document> runs =
        mongo
            .find(
                Query.query(Criteria.where("requestEventId").is(request.eventId())),
                Document.class,
                "runs")
            .collectList()
            .block();
    assertThat(runs).hasSize(1);
    assertThat(runs.getFirst().getString("status")).isEqualTo("completed");
    assertThat(runs.getFirst().getList("steps", Document.class)).hasSize(2);
  }

  @Test
  void committedOffsetCoversOnlyRunsThatHaveEnded() {
    String workflowId = saveWorkflow(greetThenShout("$steps.greet.output"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);
    awaitAllRequestsCommitted();

    Document run = mongo.findById(request.runId(), Document.class, "runs").block();
    assertThat(run).isNotNull();
    assertThat(run.getString("status")).isEqualTo("completed");
  }

  @Test
  void badExpressionFailsItsStepAndTheRun() {
    String workflowId = saveWorkflow(greetThenShout("$steps.greet.output.message +"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("status"))
        .containsExactly("completed", "failed");
    assertThat(steps.get(1).getString("error"))
        .contains("'shout'")
        .contains("'$steps.greet.output.message +'");
    assertThat(run.getString("error")).isEqualTo(steps.get(1).getString("error"));
    assertThat(awaitCompletion(request.runId()).status()).isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void unknownWorkflowVersionFailsTheRunWithAClearError() {
    String workflowId = "wf-" + UUID.randomUUID();
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error"))
        .isEqualTo("workflow " + workflowId + " version 1 does not exist");
    assertThat(run.getList("steps", Document.class)).isEmpty();
  }

  @Test
  void interruptedRunResumesWithoutRepeatingCompletedSteps() {
    String workflowId = saveWorkflow(greetThenShout("$steps.greet.output.message & '?'"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());
    mongo.insert(RunFixtures.runningAfterGreet(request), "runs").block();

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet", "shout");
    assertThat(steps.get(1).get("output")).isEqualTo("stored before the crash?");
  }

  @Test
  void stepUsageAddsUpIntoTheRunOnceEvenWhenTheRequestIsRedelivered() {
    String workflowId =
        saveWorkflow(
            List.of(
                node(
                    "ask",
                    "metered",
                    new Document("tokens", 120).append("cost", 0.25).append("http", 1)),
                node(
                    "notify",
                    "metered",
                    new Document("tokens", 30).append("cost", 0.5).append("webhooks", 2))),
            List.of(new Document("id", "e1").append("source", "ask").append("target", "notify")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);
    awaitEnded(request.runId());
    publish(request);
    awaitAllRequestsCommitted();

    Document run = mongo.findById(request.runId(), Document.class, "runs").block();
    Document usage = run.get("usage", Document.class);
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(((Number) usage.get("aiTokensUsed")).longValue()).isEqualTo(150);
    assertThat(((Number) usage.get("estimatedCost")).doubleValue()).isEqualTo(0.75);
    assertThat(((Number) usage.get("webhooksCalled")).longValue()).isEqualTo(2);
    assertThat(((Number) usage.get("httpRequests")).longValue()).isEqualTo(1);
  }

  @Test
  void aiCallAfterTheTokenBudgetIsSpentFailsWithoutCallingOut() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("first", "metered", new Document("tokens", 120)),
                node("second", "metered", new Document("tokens", 30))),
            List.of(new Document("id", "e1").append("source", "first").append("target", "second")),
            new Document("budget", new Document("maxTokensPerRun", 100)));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).isEqualTo("budget of 100 tokens per run exhausted");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("status"))
        .containsExactly("completed", "failed");
    assertThat(steps.get(1).getInteger("attempts")).isZero();
    assertThat(((Number) run.get("usage", Document.class).get("aiTokensUsed")).longValue())
        .isEqualTo(120);
  }

  @Test
  void cancelRequestStopsARunningRunWithinASecond() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("wait", "delay", new Document("ms", 60_000)),
                node("after", "log", new Document("message", "never"))),
            List.of(new Document("id", "e1").append("source", "wait").append("target", "after")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());
    publish(request);
    await().atMost(PATIENCE).until(() -> "running".equals(status(request.runId())));

    mongo
        .updateFirst(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                    .is(request.runId())),
            new org.springframework.data.mongodb.core.query.Update().set("cancelRequested", true),
            "runs")
        .block();

    await().atMost(Duration.ofSeconds(1)).until(() -> "cancelled".equals(status(request.runId())));
    Document run = mongo.findById(request.runId(), Document.class, "runs").block();
    assertThat(run.getList("steps", Document.class)).isEmpty();
    assertThat(awaitCompletion(request.runId()).status()).isEqualTo(RunOutcome.CANCELLED);
  }

  private String status(String runId) {
    Document run = mongo.findById(runId, Document.class, "runs").block();
    return run == null ? null : run.getString("status");
  }

  /** trigger-api records an accepted run as queued before the runner sees the request. */
  @Test
  void runAlreadyRecordedAsQueuedIsExecuted() {
    String workflowId = saveWorkflow(greetThenShout("$uppercase($steps.greet.output.message)"));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());
    mongo.insert(queuedByTheApi(request), "runs").block();

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.getList("steps", Document.class)).hasSize(2);
    assertThat(run.get("startedAt")).isNotNull();
  }

  @Test
  void diamondRunsBothBranchesAndTheJoinOnce() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("start", "log", new Document("message", "go")),
                node("left", "transform", new Document("expression", "'L'")),
                node("right", "transform", new Document("expression", "'R'")),
                node(
                    "join",
                    "transform",
                    new Document("expression", "$steps.left.output & $steps.right.output"))),
            List.of(
                edge("start", "left"),
                edge("start", "right"),
                edge("left", "join"),
                edge("right", "join")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactlyInAnyOrder("start", "left", "right", "join");
    assertThat(step(run, "join").get("output")).isEqualTo("LR");
  }

  @Test
  void conditionFalseSkipsTheTrueBranch() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("check", "condition", new Document("expression", "$trigger.name = 'Bob'")),
                node("yes", "log", new Document("message", "Bob")),
                node("yesAgain", "log", new Document("message", "still Bob")),
                node("no", "log", new Document("message", "not Bob"))),
            List.of(
                edge("check", "yes").append("sourceHandle", "true"),
                edge("yes", "yesAgain"),
                edge("check", "no").append("sourceHandle", "false")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(step(run, "check").get("output", Document.class)).containsEntry("result", false);
    assertThat(step(run, "no").getString("status")).isEqualTo("completed");
    for (String skipped : List.of("yes", "yesAgain")) {
      Document step = step(run, skipped);
      assertThat(step.getString("status")).isEqualTo("skipped");
      assertThat(step.get("input")).isNull();
      assertThat(step.get("output")).isNull();
    }
  }

  @Test
  void failNodeFailsTheRunWithItsMessageAndIsNotRetried() {
    String workflowId =
        saveWorkflow(
            List.of(node("stop", "fail", new Document("message", "no lead for {{$trigger.name}}"))),
            List.of(),
            new Document(
                "retryPolicy", new Document("maxRetries", 3).append("initialDelayMs", 10)));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).isEqualTo("no lead for Ada");
    assertThat(step(run, "stop").getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void delayNodeWaitsThenCompletes() {
    String workflowId =
        saveWorkflow(
            List.of(node("wait", "delay", new Document("ms", 200))), List.of(), new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    Document wait = step(run, "wait");
    assertThat(wait.get("output", Document.class)).containsEntry("delayedMs", 200L);
    assertThat(wait.get("durationMs", Number.class).longValue()).isGreaterThanOrEqualTo(150);
    assertThat(run.get("durationMs", Number.class).longValue())
        .as("the run's duration, from its start")
        .isGreaterThanOrEqualTo(150);
  }

  @Test
  void retryableFailuresAreRetriedAndTheStepCountsItsAttempts() {
    String workflowId =
        saveWorkflow(
            List.of(
                node(
                    "flaky",
                    "flaky",
                    new Document("failures", 2)
                        .append(
                            "retry", new Document("maxRetries", 3).append("initialDelayMs", 10)))),
            List.of(),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    Document flaky = step(run, "flaky");
    assertThat(flaky.getInteger("attempts")).isEqualTo(3);
    assertThat(flaky.get("output", Document.class)).containsEntry("attempt", 3);
    assertThat(
            meters
                .get(RunnerMetrics.RETRIES)
                .tag(RunnerMetrics.NODE_TYPE, "flaky")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFailedBranchCancelsItsSiblingAndNothingDownstreamRuns() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("start", "log", new Document("message", "go")),
                node("slow", "delay", new Document("ms", 60_000)),
                node("stop", "fail", new Document("message", "stopped")),
                node("after", "log", new Document("message", "never"))),
            List.of(
                edge("start", "slow"),
                edge("start", "stop"),
                edge("slow", "after"),
                edge("stop", "after")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).isEqualTo("stopped");
    assertThat(run.getList("steps", Document.class))
        .extracting(step -> step.getString("nodeId"))
        .containsExactlyInAnyOrder("start", "stop");
  }

  @Test
  void nodeTimeoutIsRetriedThenFailsTheRun() {
    String workflowId =
        saveWorkflow(
            List.of(
                node(
                    "slow",
                    "delay",
                    new Document("ms", 60_000)
                        .append("timeoutMs", 100)
                        .append(
                            "retry", new Document("maxRetries", 1).append("initialDelayMs", 10)))),
            List.of(),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).isEqualTo("node 'slow' timed out after 100 ms");
    assertThat(step(run, "slow").getInteger("attempts")).isEqualTo(2);
  }

  @Test
  void runTimeoutFailsTheRunAndStopsItsSteps() {
    String workflowId =
        saveWorkflow(
            List.of(
                node("wait", "delay", new Document("ms", 60_000)),
                node("after", "log", new Document("message", "never"))),
            List.of(edge("wait", "after")),
            new Document("timeoutMs", 300));
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    publish(request);

    Document run = awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).isEqualTo("run exceeded its timeout of 300 ms");
    assertThat(run.getList("steps", Document.class)).isEmpty();
  }

  // --- fixtures

  private static Document queuedByTheApi(RunRequested request) {
    Document run = RunFixtures.runningAfterGreet(request);
    run.put("status", "queued");
    run.put("steps", List.of());
    run.remove("startedAt");
    return run;
  }

  private static List<Document> greetThenShout(String shoutExpression) {
    return List.of(
        node("greet", "log", new Document("message", "Hello {{$trigger.name}}")),
        node("shout", "transform", new Document("expression", shoutExpression)));
  }

  private static Document step(Document run, String nodeId) {
    return run.getList("steps", Document.class).stream()
        .filter(step -> nodeId.equals(step.getString("nodeId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step for " + nodeId + " in " + run.toJson()));
  }

  private String saveWorkflow(List<Document> nodes) {
    return saveWorkflow(nodes, List.of(edge("greet", "shout")), new Document());
  }

  private String saveWorkflow(List<Document> nodes, List<Document> edges, Document settings) {
    return runs.saveWorkflow(nodes, edges, settings);
  }

  private void publish(RunRequested request) {
    runs.publish(request);
  }

  private Document awaitEnded(String runId) {
    return runs.awaitEnded(runId);
  }

  private RunCompleted awaitCompletion(String runId) {
    return RunFixtures.awaitCompletion(consumers, runId);
  }

  // --- waiting on outcomes

  /** Waits until the runner's consumer group has committed every run request on the topic. */
  private void awaitAllRequestsCommitted() {
    RequestOffsets.awaitCommittedToEnd(admin, "outrun-runner", PATIENCE);
  }
}
