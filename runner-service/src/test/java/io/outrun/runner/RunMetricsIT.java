package io.outrun.runner;

import static io.outrun.runner.RunFixtures.PATIENCE;
import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfraInitializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The runner's metrics move with the right tags as runs go through it. The registry outlives each
 * test, so every check is on how much a meter moved; each test uses a trigger type no other runner
 * IT uses, so their runs never count towards each other's.
 *
 * <p>Configured exactly as {@link RunnerIT}'s context is (importing {@link TestNodes}), so the
 * cached context is shared: a second context would add a second runner, on another database, to the
 * consumer group.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class RunMetricsIT {

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MeterRegistry meters;
  @Autowired KafkaProperties kafka;

  private RunFixtures fixtures;
  private final String workflowId = RunFixtures.newWorkflowId();

  @BeforeEach
  void createFixtures() {
    fixtures = new RunFixtures(mongo, publisher);
  }

  @Test
  void runMovesRunStepQueueAndAiMetersWithTheirTags() {
    fixtures.saveVersion(
        workflowId,
        1,
        List.of(
            node("greet", "log", new Document("message", "hi")),
            node("ask", "metered", new Document("tokens", 120).append("cost", 0.25))),
        List.of(edge("greet", "ask")));
    RunRequested request =
        request(workflowId, 1, TriggerType.WEBHOOK, Instant.now().minusSeconds(5));
    Map<String, Double> before = webhookMeters();

    fixtures.publish(request);

    assertThat(fixtures.awaitEnded(request.runId()).getString("status")).isEqualTo("completed");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Map<String, Double> moved = moved(before, webhookMeters());
              assertThat(moved)
                  .containsEntry("started", 1.0)
                  .containsEntry("finished", 1.0)
                  .containsEntry("runDurations", 1.0)
                  .containsEntry("queueWaits", 1.0)
                  .containsEntry("logSteps", 1.0)
                  .containsEntry("aiTokens", 120.0)
                  .containsEntry("aiCost", 0.25);
              assertThat(
                      meters
                          .get(RunnerMetrics.RUNS)
                          .tags(
                              RunnerMetrics.WORKFLOW,
                              workflowId,
                              RunnerMetrics.OUTCOME,
                              "completed")
                          .counter()
                          .count())
                  .as("the run is counted under its workflow")
                  .isEqualTo(1.0);
              assertThat(
                      meters
                          .get(RunnerMetrics.AI_TOKENS)
                          .tags(RunnerMetrics.WORKFLOW, workflowId)
                          .tagKeys(RunnerMetrics.MODEL)
                          .counter()
                          .count())
                  .isEqualTo(120.0);
              assertThat(moved.get("queueWaitSeconds"))
                  .as("queued from the request's time, 5 s before it was published")
                  .isGreaterThanOrEqualTo(5.0);
            });
    assertThat(stepTimer("log").takeSnapshot().histogramCounts())
        .as("step durations publish a histogram for Grafana")
        .isNotEmpty();
  }

  @Test
  void resumedRunIsNotStartedAgainNorWaitsInTheQueue() {
    fixtures.saveVersion(
        workflowId, 1, List.of(node("greet", "log", new Document("message", "hi"))), List.of());
    RunRequested request = request(workflowId, 1, TriggerType.DATA_CHANGE, Instant.now());
    mongo.insert(running(request), "runs").block(PATIENCE);
    double started = count(startedCounter("data_change"));
    double waits = count(queueWait("data_change"));
    double finished = finished("data_change");

    fixtures.publish(request);

    assertThat(fixtures.awaitEnded(request.runId()).getString("status")).isEqualTo("completed");
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(finished("data_change")).isEqualTo(finished + 1));
    assertThat(count(startedCounter("data_change"))).isEqualTo(started);
    assertThat(count(queueWait("data_change"))).isEqualTo(waits);
  }

  @Test
  void nodeTypeOutsideTheKnownSetIsTaggedUnknown() {
    fixtures.saveVersion(
        workflowId, 1, List.of(node("odd", "made_up_" + workflowId, new Document())), List.of());
    RunRequested request = request(workflowId, 1, TriggerType.DEPENDENCY, Instant.now());
    double before = count(stepsCounter("failed", "unknown"));

    fixtures.publish(request);

    assertThat(fixtures.awaitEnded(request.runId()).getString("status")).isEqualTo("failed");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(count(stepsCounter("failed", "unknown"))).isEqualTo(before + 1));
    assertThat(
            meters
                .find(RunnerMetrics.STEPS)
                .tag(RunnerMetrics.NODE_TYPE, "made_up_" + workflowId)
                .meters())
        .isEmpty();
  }

  @Test
  void unreadableRunRequestIsCountedAsADeadLetter() throws Exception {
    double before = count(deadLetters());

    new RawKafka(String.join(",", kafka.getBootstrapServers()))
        .send(Topics.RUN_REQUESTS, workflowId, "not an event");

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(count(deadLetters())).isEqualTo(before + 1));
  }

  // --- meters

  private Map<String, Double> webhookMeters() {
    Timer queueWait = queueWait("webhook");
    return Map.of(
        "started", count(startedCounter("webhook")),
        "finished", finished("webhook"),
        "runDurations",
            count(
                meters
                    .find(RunnerMetrics.RUN_DURATION)
                    .tags(RunnerMetrics.OUTCOME, "completed", RunnerMetrics.TRIGGER_TYPE, "webhook")
                    .timer()),
        "queueWaits", count(queueWait),
        "queueWaitSeconds", queueWait == null ? 0 : queueWait.totalTime(TimeUnit.SECONDS),
        "logSteps", count(stepTimer("log")),
        "aiTokens",
            sum(
                meters
                    .find(RunnerMetrics.AI_TOKENS)
                    .tag(RunnerMetrics.NODE_TYPE, "metered")
                    .counters()),
        "aiCost",
            sum(
                meters
                    .find(RunnerMetrics.AI_COST)
                    .tag(RunnerMetrics.NODE_TYPE, "metered")
                    .counters()));
  }

  private static Map<String, Double> moved(Map<String, Double> before, Map<String, Double> after) {
    return after.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> entry.getValue() - before.get(entry.getKey())));
  }

  private Counter startedCounter(String triggerType) {
    return meters
        .find(RunnerMetrics.RUNS_STARTED)
        .tags(RunnerMetrics.TRIGGER_TYPE, triggerType, RunnerMetrics.TEST, "false")
        .counter();
  }

  /** Runs of {@code triggerType} completed, over every workflow. */
  private double finished(String triggerType) {
    return sum(
        meters
            .find(RunnerMetrics.RUNS)
            .tags(
                RunnerMetrics.OUTCOME,
                "completed",
                RunnerMetrics.TRIGGER_TYPE,
                triggerType,
                RunnerMetrics.TEST,
                "false")
            .counters());
  }

  private static double sum(java.util.Collection<Counter> counters) {
    return counters.stream().mapToDouble(Counter::count).sum();
  }

  private Counter stepsCounter(String outcome, String nodeType) {
    return meters
        .find(RunnerMetrics.STEPS)
        .tags(RunnerMetrics.OUTCOME, outcome, RunnerMetrics.NODE_TYPE, nodeType)
        .counter();
  }

  private Counter deadLetters() {
    return meters
        .find(RunnerMetrics.DEAD_LETTERS)
        .tag(RunnerMetrics.TOPIC, Topics.RUN_REQUESTS)
        .counter();
  }

  private Timer queueWait(String triggerType) {
    return meters
        .find(RunnerMetrics.QUEUE_WAIT)
        .tag(RunnerMetrics.TRIGGER_TYPE, triggerType)
        .timer();
  }

  private Timer stepTimer(String nodeType) {
    return meters
        .find(RunnerMetrics.STEP_DURATION)
        .tags(RunnerMetrics.OUTCOME, "completed", RunnerMetrics.NODE_TYPE, nodeType)
        .timer();
  }

  private static double count(Counter counter) {
    return counter == null ? 0 : counter.count();
  }

  private static double count(Timer timer) {
    return timer == null ? 0 : timer.count();
  }

  // --- fixtures

  /** A run a runner started and died executing (no steps recorded yet). */
  private static Document running(RunRequested request) {
    return new Document("_id", request.runId())
        .append("requestEventId", request.eventId())
        .append("workspaceId", request.workspaceId())
        .append("workflowId", request.workflowId())
        .append("workflowVersion", request.workflowVersion())
        .append("test", false)
        .append("chainDepth", 0)
        .append("status", "running")
        .append("triggeredBy", new Document("type", "data_change").append("source", "fixture"))
        .append("steps", List.of())
        .append("queuedAt", request.occurredAt())
        .append("startedAt", request.occurredAt());
  }
}
