package io.outrun.runner;

import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.service.retention.RetentionRule;
import io.outrun.service.retention.RetentionSweeper;
import io.outrun.service.retention.WorkspaceRetentions;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs kept for {@code outrun.retention.runs}, and the case retention must not break: a request
 * delivered again after its run ended and expired does not run again. Every runner context of the
 * test JVM consumes {@code outrun.run-requests} in one group, so nothing here depends on which
 * runner takes the request: the times are in the data, not in a shifted clock.
 */
@SpringBootTest
@Import(TestNodes.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class RetentionIT {

  private static final Duration RETENTION = Duration.ofDays(30);

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RetentionSweeper sweeper;

  private RunFixtures runs;

  @BeforeEach
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void runsHaveATtlIndexOnFinishedAt() {
    IndexInfo index =
        mongo
            .indexOps("runs")
            .getIndexInfo()
            .filter(info -> info.getName().equals("finishedAt_retention"))
            .next()
            .block(RunFixtures.PATIENCE);

    // a backstop as long as the longest workspace override; the sweep applies each cutoff
    assertThat(index.getExpireAfter()).contains(Duration.ofDays(RetentionRule.MAX_OVERRIDE_DAYS));
  }

  @Test
  void aRequestRedeliveredAfterItsRunExpiredUnderAShorterWorkspaceRetentionDoesNotRunAgain() {
    String workspace = workspaceKeepingRuns(3, null);
    String workflowId = greeting();
    Instant requestedAt = Instant.now().minus(Duration.ofDays(4));
    RunRequested request = requestOf(workspace, workflowId, requestedAt);
    mongo.insert(endedRun(request, requestedAt.plusSeconds(1)), "runs").block(RunFixtures.PATIENCE);

    assertThat(sweeper.sweep().block(RunFixtures.PATIENCE)).isPositive();
    assertThat(runs.run(request.runId())).as("expired after 3 days and swept").isNull();
    runs.publish(request);

    Document again = runs.awaitEnded(request.runId());
    assertThat(again.getString("status")).isEqualTo("failed");
    assertThat(again.getList("steps", Document.class)).isEmpty();
    assertThat(again.getString("error")).contains("longer ago than runs are kept");
  }

  @Test
  void aLongerWorkspaceRetentionKeepsItsRunsAndRunsItsOlderRequests() {
    String workspace = workspaceKeepingRuns(60, null);
    Instant requestedAt = Instant.now().minus(Duration.ofDays(40));
    RunRequested kept = requestOf(workspace, greeting(), requestedAt);
    mongo.insert(endedRun(kept, requestedAt.plusSeconds(1)), "runs").block(RunFixtures.PATIENCE);
    RunRequested late = requestOf(workspace, greeting(), requestedAt);

    sweeper.sweep().block(RunFixtures.PATIENCE);
    runs.publish(late);

    assertThat(runs.run(kept.runId())).as("kept 60 days").isNotNull();
    assertThat(runs.awaitEnded(late.runId()).getString("status")).isEqualTo("completed");
  }

  @Test
  void aRetentionMadeLongerStillRefusesRequestsWhoseRunsTheShorterOneMayHaveRemoved() {
    Instant shorterCutoff = Instant.now().minus(Duration.ofDays(3));
    String workspace = workspaceKeepingRuns(60, shorterCutoff);
    RunRequested request =
        requestOf(workspace, greeting(), shorterCutoff.minus(Duration.ofDays(1)));

    runs.publish(request);

    assertThat(runs.awaitEnded(request.runId()).getString("error"))
        .contains("longer ago than runs are kept");
  }

  /** A workspace keeping runs {@code days}, as trigger-api stores its settings. */
  private String workspaceKeepingRuns(int days, Instant expiredBefore) {
    String workspace = "ws-retention-" + UUID.randomUUID();
    Document retention = new Document(WorkspaceRetentions.RUNS, days);
    if (expiredBefore != null) {
      retention.append(WorkspaceRetentions.RUNS_EXPIRED_BEFORE, Date.from(expiredBefore));
    }
    mongo
        .insert(new Document("_id", workspace).append("retention", retention), "workspaces")
        .block(RunFixtures.PATIENCE);
    return workspace;
  }

  private String greeting() {
    return runs.saveWorkflow(
        List.of(node("greet", "log", new Document("message", "Hello"))), List.of(), new Document());
  }

  private static RunRequested requestOf(String workspace, String workflowId, Instant at) {
    TriggeredBy by = new TriggeredBy(TriggerType.MANUAL, null, "fixture", Map.of());
    return RunRequested.of(
        at, workspace, workflowId, 1, false, by, 0, "fixture", UUID.randomUUID().toString());
  }

  @Test
  void aRequestRedeliveredAfterItsRunExpiredDoesNotRunAgain() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("greet", "log", new Document("message", "Hello {{ $trigger.name }}"))),
            List.of(),
            new Document());
    Instant requestedAt = Instant.now().minus(RETENTION).minus(Duration.ofDays(2));
    RunRequested request = request(workflowId, 1, TriggerType.MANUAL, requestedAt);
    mongo.insert(endedRun(request, requestedAt.plusSeconds(1)), "runs").block(RunFixtures.PATIENCE);

    assertThat(sweeper.sweep().block(RunFixtures.PATIENCE)).isPositive();
    assertThat(runs.run(request.runId())).as("expired and swept").isNull();
    runs.publish(request);

    Document again = runs.awaitEnded(request.runId());
    assertThat(again.getString("status")).isEqualTo("failed");
    assertThat(again.getList("steps", Document.class)).isEmpty();
    assertThat(again.getString("error")).contains("longer ago than runs are kept");
    RunCompleted completed = RunFixtures.awaitCompletion(consumers, request.runId());
    assertThat(completed.status()).isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void aRecentRequestStillRuns() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("greet", "log", new Document("message", "Hello"))),
            List.of(),
            new Document());
    RunRequested request =
        request(workflowId, 1, TriggerType.MANUAL, Instant.now().minus(RETENTION).plusSeconds(60));

    runs.publish(request);

    assertThat(runs.awaitEnded(request.runId()).getString("status")).isEqualTo("completed");
    // the completion names the trigger that started the run (the listener's auto-pause counts it)
    assertThat(RunFixtures.awaitCompletion(consumers, request.runId()).triggerId())
        .isEqualTo("trigger-1");
  }

  @Test
  void aRunStillQueuedIsNeverSwept() {
    Document queued =
        new Document("_id", "queued-" + UUID.randomUUID())
            .append("status", "queued")
            .append("queuedAt", Instant.now().minus(Duration.ofDays(400)));
    mongo.insert(queued, "runs").block(RunFixtures.PATIENCE);

    sweeper.sweep().block(RunFixtures.PATIENCE);

    assertThat(runs.run(queued.getString("_id"))).isNotNull();
  }

  /** The run a request made, completed at {@code finishedAt}. */
  private static Document endedRun(RunRequested request, Instant finishedAt) {
    return new Document("_id", request.runId())
        .append("requestEventId", request.eventId())
        .append("workspaceId", request.workspaceId())
        .append("workflowId", request.workflowId())
        .append("workflowVersion", 1)
        .append("test", false)
        .append("status", "completed")
        .append("steps", List.of())
        .append("queuedAt", request.occurredAt())
        .append("startedAt", request.occurredAt())
        .append("finishedAt", finishedAt);
  }
}
