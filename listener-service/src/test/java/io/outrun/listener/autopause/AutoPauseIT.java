package io.outrun.listener.autopause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Auto-pause against the real Kafka and MongoDB: run completions published on {@code
 * outrun.run-completions}, the listener's own consumer group counting them on the triggers'
 * documents.
 */
@ListenerSpringTest
class AutoPauseIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired EventPublisher publisher;
  @Autowired TriggerRegistry registry;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MeterRegistry meters;
  @Autowired AutoPauses autoPauses;

  @BeforeEach
  void registryReady() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void threeConsecutiveFailuresPauseTheTrigger() {
    Fixture fixture = fixture(3, StoredDocuments.WORKSPACE, "schedule");
    double pausedBefore = pausedCount();

    publish(failed(fixture, "boom 1"), failed(fixture, "boom 2"), failed(fixture, "boom 3"));

    await().atMost(PATIENCE).until(() -> !trigger(fixture).getBoolean("enabled"));
    Document trigger = trigger(fixture);
    assertThat(trigger.get("consecutiveFailures", Number.class).longValue()).isEqualTo(3);
    assertThat(trigger.getString("lastError")).isEqualTo("boom 3");
    assertThat(trigger.getDate("autoPausedAt")).isNotNull();
    assertThat(trigger).doesNotContainKey("nextRunAt");
    await().atMost(PATIENCE).until(() -> registry.find(fixture.triggerId()).isEmpty());
    await().atMost(PATIENCE).until(() -> !history(fixture).isEmpty());
    Document entry = history(fixture).getFirst();
    assertThat(entry.getString("kind")).isEqualTo("auto_paused");
    assertThat(entry.getString("detail")).contains("3 consecutive failed runs").contains("boom 3");
    assertThat(pausedCount()).isEqualTo(pausedBefore + 1);
  }

  @Test
  void aCompletedRunInBetweenResetsTheCount() {
    Fixture fixture = fixture(3);

    publish(
        failed(fixture, "a"),
        failed(fixture, "b"),
        completed(fixture),
        failed(fixture, "c"),
        failed(fixture, "d"));

    awaitCounted(fixture);
    Document trigger = trigger(fixture);
    assertThat(trigger.getBoolean("enabled")).isTrue();
    assertThat(trigger.get("consecutiveFailures", Number.class).longValue()).isEqualTo(2);
    assertThat(trigger.getDate("autoPausedAt")).isNull();
  }

  @Test
  void aRedeliveredCompletionIsCountedOnce() {
    Fixture fixture = fixture(3);
    RunCompleted first = failed(fixture, "a");
    RunCompleted second = failed(fixture, "b");

    publish(first, first, second, first, second);

    awaitCounted(fixture);
    Document trigger = trigger(fixture);
    assertThat(trigger.getBoolean("enabled")).isTrue();
    assertThat(trigger.get("consecutiveFailures", Number.class).longValue()).isEqualTo(2);
  }

  @Test
  void aCompletedRunRedeliveredAfterALaterFailureDoesNotResetIt() {
    Fixture fixture = fixture(5);
    Instant t0 = Instant.now();
    RunCompleted ok = completion(fixture, RunOutcome.COMPLETED, null, t0);
    RunCompleted fail = completion(fixture, RunOutcome.FAILED, "late", t0.plusSeconds(1));

    RunCompleted before = completion(fixture, RunOutcome.FAILED, "x", t0.minusSeconds(1));

    publish(before, ok, fail, ok, fail);

    awaitCounted(fixture);
    assertThat(trigger(fixture).get("consecutiveFailures", Number.class).longValue()).isEqualTo(1);
  }

  @Test
  void twoReplicasHandlingTheSameFailuresAtOnceCountAndPauseOnce() {
    Fixture fixture = fixture(2);
    double pausedBefore = pausedCount();
    List<RunCompleted> failures = List.of(failed(fixture, "a"), failed(fixture, "b"));

    for (RunCompleted failure : failures) {
      Flux.range(0, 2)
          .flatMap(
              replica -> autoPauses.handle(failure).subscribeOn(Schedulers.parallel()).then(), 2)
          .blockLast(PATIENCE);
    }

    Document trigger = trigger(fixture);
    assertThat(trigger.get("consecutiveFailures", Number.class).longValue()).isEqualTo(2);
    assertThat(trigger.getBoolean("enabled")).isFalse();
    assertThat(pausedCount()).isEqualTo(pausedBefore + 1);
    assertThat(history(fixture)).hasSize(1);
  }

  @Test
  void theWorkspaceDefaultAppliesToATriggerWithoutItsOwnLimit() {
    String workspace = "ws-autopause-" + UUID.randomUUID();
    mongo
        .save(new Document("_id", workspace).append("autoPauseAfterFailures", 2), "workspaces")
        .block(PATIENCE);
    Fixture fixture = fixture(null, workspace);

    publish(failed(fixture, "a"), failed(fixture, "b"));

    await().atMost(PATIENCE).until(() -> !trigger(fixture).getBoolean("enabled"));
    assertThat(trigger(fixture).getDate("autoPausedAt")).isNotNull();
  }

  @Test
  void withoutALimitFailuresAreCountedButNeverPause() {
    Fixture fixture = fixture(null);

    publish(failed(fixture, "a"), failed(fixture, "b"), failed(fixture, "c"));

    awaitCounted(fixture);
    Document trigger = trigger(fixture);
    assertThat(trigger.getBoolean("enabled")).isTrue();
    assertThat(trigger.get("consecutiveFailures", Number.class).longValue()).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------------------------

  /** A trigger under test and a marker trigger of the same workflow (same partition, after it). */
  private record Fixture(String workspaceId, String workflowId, String triggerId, String marker) {}

  private Fixture fixture(Integer autoPauseAfterFailures) {
    return fixture(autoPauseAfterFailures, StoredDocuments.WORKSPACE);
  }

  private Fixture fixture(Integer autoPauseAfterFailures, String workspaceId) {
    return fixture(autoPauseAfterFailures, workspaceId, "webhook");
  }

  private Fixture fixture(Integer autoPauseAfterFailures, String workspaceId, String type) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().deployedVersion(1);
    mongo.insert(workflow.build().append("workspaceId", workspaceId), "workflows").block(PATIENCE);
    StoredDocuments.TriggerBuilder trigger =
        type.equals("schedule")
            ? StoredDocuments.trigger(workflow.id(), "schedule").config("cron", "0 2 * * *")
            : StoredDocuments.webhookTrigger(workflow.id());
    Document document = trigger.build().append("workspaceId", workspaceId);
    if (type.equals("schedule")) {
      document.append("nextRunAt", Date.from(Instant.now().plusSeconds(3600)));
    }
    if (autoPauseAfterFailures != null) {
      document.append("autoPauseAfterFailures", autoPauseAfterFailures);
    }
    mongo.insert(document, "triggers").block(PATIENCE);
    StoredDocuments.TriggerBuilder marker = StoredDocuments.webhookTrigger(workflow.id());
    mongo.insert(marker.build().append("workspaceId", workspaceId), "triggers").block(PATIENCE);
    await().atMost(PATIENCE).until(() -> registry.find(trigger.id()).isPresent());
    return new Fixture(workspaceId, workflow.id(), trigger.id(), marker.id());
  }

  /**
   * Waits until everything published before is handled: a failure of the marker trigger, published
   * after them with the same key, is counted only after they are.
   */
  private void awaitCounted(Fixture fixture) {
    Fixture marker =
        new Fixture(fixture.workspaceId(), fixture.workflowId(), fixture.marker(), null);
    publish(failed(marker, "marker"));
    await()
        .atMost(PATIENCE)
        .until(() -> trigger(marker).get("consecutiveFailures", Number.class) != null);
  }

  private RunCompleted failed(Fixture fixture, String error) {
    return completion(fixture, RunOutcome.FAILED, error, Instant.now());
  }

  private RunCompleted completed(Fixture fixture) {
    return completion(fixture, RunOutcome.COMPLETED, null, Instant.now());
  }

  private static RunCompleted completion(
      Fixture fixture, RunOutcome outcome, String error, Instant finishedAt) {
    return RunCompleted.builder()
        .occurredAt(finishedAt)
        .workflow(fixture.workspaceId(), fixture.workflowId(), 1)
        .runId(UUID.randomUUID().toString())
        .status(outcome)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(finishedAt.minusMillis(10))
        .finishedAt(finishedAt)
        .durationMs(10)
        .error(error)
        .triggerId(fixture.triggerId())
        .build();
  }

  private void publish(RunCompleted... completions) {
    for (RunCompleted completion : completions) {
      publisher.publish(completion).block(PATIENCE);
    }
  }

  private Document trigger(Fixture fixture) {
    return mongo.findById(fixture.triggerId(), Document.class, "triggers").block(PATIENCE);
  }

  private List<Document> history(Fixture fixture) {
    return mongo
        .find(
            Query.query(
                Criteria.where("triggerId").is(fixture.triggerId()).and("kind").is("auto_paused")),
            Document.class,
            "trigger_events")
        .collectList()
        .block(PATIENCE);
  }

  private double pausedCount() {
    return meters.find(ListenerMetrics.TRIGGERS_AUTO_PAUSED).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
