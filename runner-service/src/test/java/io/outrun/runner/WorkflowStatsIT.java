package io.outrun.runner;

import static io.outrun.runner.RunFixtures.PATIENCE;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.testing.TestInfraInitializer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Ended runs reach their workflow's {@code workflow_stats} document once each, on every path to an
 * ended run.
 *
 * <p>Configured exactly as {@link RunnerIT}'s context is (its nested {@code TestNodes} included),
 * so the cached context is shared: a second context would add a second runner, on another database,
 * to the consumer group.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class WorkflowStatsIT {

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures fixtures;
  private final String workflowId = RunFixtures.newWorkflowId();
  private final Instant requestedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void saveWorkflow() {
    fixtures = new RunFixtures(mongo, publisher);
    fixtures.saveVersion(
        workflowId, 1, List.of(node("greet", "log", new Document("message", "hi"))), List.of());
    fixtures.saveVersion(
        workflowId, 2, List.of(node("stop", "fail", new Document("message", "no"))), List.of());
  }

  @Test
  void endedRunsAddUpInTheirWorkflowsStats() {
    RunRequested completes = request(workflowId, 1, TriggerType.MANUAL, requestedAt);
    RunRequested fails = request(workflowId, 2, TriggerType.MANUAL, requestedAt.plusSeconds(1));

    fixtures.publish(completes);
    fixtures.publish(fails);

    Document stats = awaitCounted(fails.runId(), completes.runId());
    assertThat(stats)
        .containsEntry("workspaceId", "ws-1")
        .containsEntry("totalRuns", 2L)
        .containsEntry("completedRuns", 1L)
        .containsEntry("failedRuns", 1L)
        .containsEntry("cancelledRuns", 0L)
        .containsEntry("timedRuns", 2L)
        .as("lastRunAt: when the latest run was requested")
        .containsEntry("lastRunAt", Date.from(requestedAt.plusSeconds(1)));
    long durations = duration(completes.runId()) + duration(fails.runId());
    assertThat(stats).containsEntry("totalDurationMs", durations);
  }

  @Test
  void redeliveredRequestIsCountedOnce() {
    RunRequested first = request(workflowId, 1, TriggerType.MANUAL, requestedAt);
    RunRequested next = request(workflowId, 1, TriggerType.MANUAL, requestedAt.plusSeconds(1));
    fixtures.publish(first);
    awaitCounted(first.runId());

    fixtures.publish(first);
    // same workflow, same partition: handled after the redelivery
    fixtures.publish(next);

    assertThat(awaitCounted(next.runId())).containsEntry("totalRuns", 2L);
  }

  @Test
  void testRunsAreNotCounted() {
    RunRequested test = request(workflowId, 1, TriggerType.MANUAL, requestedAt, true);
    RunRequested real = request(workflowId, 1, TriggerType.MANUAL, requestedAt.plusSeconds(1));

    fixtures.publish(test);
    fixtures.publish(real);

    Document stats = awaitCounted(real.runId());
    assertThat(fixtures.awaitEnded(test.runId()).getString("status")).isEqualTo("completed");
    assertThat(stats).containsEntry("totalRuns", 1L);
    assertThat(stats.getList("recentRunIds", String.class)).doesNotContain(test.runId());
  }

  /** The runner died after storing the run's end, before counting it: the redelivery counts it. */
  @Test
  void runEndedBeforeItWasCountedIsCountedWhenItsRequestComesAgain() {
    RunRequested request = request(workflowId, 1, TriggerType.MANUAL, requestedAt);
    mongo.insert(ended(request, "completed", 40L), "runs").block(PATIENCE);

    fixtures.publish(request);

    assertThat(awaitCounted(request.runId()))
        .containsEntry("totalRuns", 1L)
        .containsEntry("completedRuns", 1L)
        .containsEntry("totalDurationMs", 40L);
  }

  /** trigger-api cancels a queued run itself; the runner counts it when it takes the request. */
  @Test
  void runCancelledWhileQueuedIsCountedWithoutADuration() {
    RunRequested request = request(workflowId, 1, TriggerType.MANUAL, requestedAt);
    mongo.insert(ended(request, "cancelled", null), "runs").block(PATIENCE);

    fixtures.publish(request);

    assertThat(awaitCounted(request.runId()))
        .containsEntry("totalRuns", 1L)
        .containsEntry("cancelledRuns", 1L)
        .containsEntry("timedRuns", 0L)
        .containsEntry("totalDurationMs", 0L);
  }

  private Document awaitCounted(String... runIds) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> mongo.findById(workflowId, Document.class, "workflow_stats").block(PATIENCE),
            stats ->
                stats != null
                    && stats.getList("recentRunIds", String.class).containsAll(List.of(runIds)));
  }

  private long duration(String runId) {
    return fixtures.awaitEnded(runId).get("durationMs", Number.class).longValue();
  }

  /** A run as stored once it ended; without a duration it never started. */
  private static Document ended(RunRequested request, String status, Long durationMs) {
    Instant finishedAt = request.occurredAt().plusMillis(durationMs == null ? 5 : durationMs);
    Document run =
        new Document("_id", request.runId())
            .append("requestEventId", request.eventId())
            .append("workspaceId", request.workspaceId())
            .append("workflowId", request.workflowId())
            .append("workflowVersion", request.workflowVersion())
            .append("test", false)
            .append("chainDepth", 0)
            .append("status", status)
            .append("triggeredBy", new Document("type", "manual").append("source", "user:u1"))
            .append("steps", List.of())
            .append("queuedAt", request.occurredAt())
            .append("finishedAt", finishedAt);
    if (durationMs != null) {
      run.append("startedAt", request.occurredAt()).append("durationMs", durationMs);
    }
    return run;
  }
}
