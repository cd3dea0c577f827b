package io.outrun.listener.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventPublisher;
import io.outrun.events.EventCodec;
import io.outrun.events.EventIds;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.history.TriggerEventStore;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.StoredPayload;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dependency triggers against the real Kafka and MongoDB: upstream run completions published on
 * {@code outrun.run-completions}, the listener's consumer starting the dependent runs. Delayed
 * starts are requested by ticking {@link PendingStarts} by hand on the test's own clock.
 */
@ListenerSpringTest
class DependencyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired EventPublisher publisher;
  @Autowired TriggerRegistry registry;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired JsonMapper json;
  @Autowired PendingStarts pendingStarts;
  @Autowired PendingStartStore pendingStore;
  @Autowired RunPayloads payloads;

  @BeforeEach
  void registryReady() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void eachConditionStartsItsWorkflowOnceForTheOutcomesItMatches() {
    String upstream = workflowId();
    Dependent onSuccess = dependent(upstream, "on_success", 0);
    Dependent onFailure = dependent(upstream, "on_failure", 0);
    Dependent onCompletion = dependent(upstream, "on_completion", 0);

    RunCompleted succeeded = completed(upstream, RunOutcome.COMPLETED, 0);
    RunCompleted failed = completed(upstream, RunOutcome.FAILED, 0);
    publish(succeeded);
    publish(failed);

    // Completions of one workflow are handled in order: once the second one's run is there, the
    // first one has been handled completely.
    awaitRequests(onFailure, 1);
    assertThat(upstreamRunIds(onSuccess)).containsExactly(succeeded.runId());
    assertThat(upstreamRunIds(onFailure)).containsExactly(failed.runId());
    assertThat(upstreamRunIds(onCompletion))
        .containsExactlyInAnyOrder(succeeded.runId(), failed.runId());

    RunRequested request = requests(onSuccess).getFirst();
    assertThat(request.eventId())
        .isEqualTo(EventIds.of("dependency", onSuccess.triggerId(), succeeded.runId()));
    assertThat(request.workflowId()).isEqualTo(onSuccess.workflowId());
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.chainDepth()).isEqualTo(1);
    assertThat(request.test()).isFalse();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.DEPENDENCY);
    assertThat(request.triggeredBy().triggerId()).isEqualTo(onSuccess.triggerId());
    @SuppressWarnings("unchecked")
    Map<String, Object> named =
        (Map<String, Object>) request.triggeredBy().payload().get("upstream");
    assertThat(named)
        .containsEntry("workflowId", upstream)
        .containsEntry("runId", succeeded.runId())
        .containsEntry("status", "completed")
        .containsEntry("finishedAt", succeeded.finishedAt().toString())
        .containsEntry("outputs", Map.of("last", Map.of("score", 42)));
  }

  @Test
  void aRedeliveredCompletionNamesTheSameRunAndTestRunsStartNothing() {
    String upstream = workflowId();
    Dependent dependent = dependent(upstream, "on_completion", 0);
    RunCompleted testRun =
        RunCompleted.builder()
            .eventId(UUID.randomUUID().toString())
            .occurredAt(Instant.now())
            .workflow(StoredDocuments.WORKSPACE, upstream, 1)
            .runId(UUID.randomUUID().toString())
            .test(true)
            .status(RunOutcome.COMPLETED)
            .triggerType(TriggerType.MANUAL)
            .startedAt(Instant.now())
            .finishedAt(Instant.now())
            .durationMs(5)
            .outputs(Map.of())
            .build();
    RunCompleted real = completed(upstream, RunOutcome.COMPLETED, 0);

    publish(testRun);
    publish(real);
    publish(real);
    RunCompleted marker = completed(upstream, RunOutcome.FAILED, 0);
    publish(marker);

    await().atMost(PATIENCE).until(() -> upstreamRunIds(dependent).contains(marker.runId()));
    List<RunRequested> requests = requests(dependent);
    assertThat(upstreamRunIds(dependent)).doesNotContain(testRun.runId());
    assertThat(
            requests.stream()
                .filter(r -> r.eventId().equals(requestId(dependent, real)))
                .map(RunRequested::runId)
                .distinct())
        .hasSize(1);
  }

  @Test
  void theChainDepthGuardStopsACycleThatSlippedPastValidation() {
    // A -> B -> A, written straight to MongoDB as trigger-api would refuse it.
    String a = workflowId();
    String b = workflowId();
    insert("workflows", workflow(a));
    insert("workflows", workflow(b));
    Dependent bAfterA = dependentOf(b, a, "on_completion", 0);
    Dependent aAfterB = dependentOf(a, b, "on_completion", 0);

    RunCompleted aDeep = completed(a, RunOutcome.COMPLETED, 19);
    publish(aDeep);
    awaitRequests(bAfterA, 1);
    assertThat(requests(bAfterA).getFirst().chainDepth()).isEqualTo(20);

    RunCompleted bTooDeep = completed(b, RunOutcome.COMPLETED, 20);
    publish(bTooDeep);
    String refusal = aAfterB.triggerId() + ":refused:" + bTooDeep.runId();
    await().atMost(PATIENCE).until(() -> historyEntry(refusal) != null);
    Document refused = historyEntry(refusal);
    assertThat(refused.getString("kind")).isEqualTo("refused");
    assertThat(refused.getString("workspaceId")).isEqualTo(StoredDocuments.WORKSPACE);
    assertThat(refused.getString("detail")).contains("21", "20", bTooDeep.runId());
    assertThat(requests(aAfterB)).isEmpty();
  }

  @Test
  void aDelayedStartIsStoredAndRequestedWhenDueEvenByAListenerThatRestartedMeanwhile() {
    String upstream = workflowId();
    Dependent delayed = dependent(upstream, "on_success", 5);
    Instant finishedAt = Instant.parse("2030-06-01T12:00:00Z");
    RunCompleted completed = completed(upstream, RunOutcome.COMPLETED, 0, finishedAt);
    publish(completed);

    String eventId = requestId(delayed, completed);
    await().atMost(PATIENCE).until(() -> pending(eventId) != null);
    assertThat(pending(eventId).getDate("dueAt").toInstant()).isEqualTo("2030-06-01T12:05:00Z");
    String historyId = delayed.triggerId() + ":pending:" + completed.runId();
    assertThat(historyEntry(historyId).getString("kind")).isEqualTo("pending");
    assertThat(historyEntry(historyId).getDate("scheduledAt").toInstant())
        .isEqualTo("2030-06-01T12:05:00Z");

    // A restarted listener knows nothing but what is stored.
    PendingStarts restarted = restartedPendingStarts();
    assertThat(restarted.hasWork(Instant.parse("2030-06-01T12:04:00Z"))).isTrue();
    restarted.tick(Instant.parse("2030-06-01T12:04:00Z")).block(PATIENCE);
    assertThat(requests(delayed)).isEmpty();
    assertThat(restarted.tick(Instant.parse("2030-06-01T12:05:00.001Z")).block(PATIENCE))
        .isGreaterThanOrEqualTo(1);

    List<RunRequested> requests = requests(delayed);
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst().eventId()).isEqualTo(eventId);
    assertThat(requests.getFirst().occurredAt()).isEqualTo("2030-06-01T12:05:00.001Z");
    assertThat(pending(eventId)).isNull();
    assertThat(historyEntry(historyId).getString("kind")).isEqualTo("started");
  }

  @Test
  void aDelayedStartWhoseTriggerIsDisabledMeanwhileIsCancelled() {
    String upstream = workflowId();
    Dependent delayed = dependent(upstream, "on_success", 1);
    RunCompleted completed =
        completed(upstream, RunOutcome.COMPLETED, 0, Instant.parse("2030-06-02T12:00:00Z"));
    publish(completed);
    String eventId = requestId(delayed, completed);
    await().atMost(PATIENCE).until(() -> pending(eventId) != null);

    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(delayed.triggerId())),
            new Update().set("enabled", false),
            "triggers")
        .block(PATIENCE);
    await().atMost(Duration.ofSeconds(1)).until(() -> registry.find(delayed.triggerId()).isEmpty());
    pendingStarts.tick(Instant.parse("2030-06-02T12:00:30Z")).block(PATIENCE);

    assertThat(pending(eventId)).isNull();
    Document entry = historyEntry(delayed.triggerId() + ":pending:" + completed.runId());
    assertThat(entry.getString("kind")).isEqualTo("cancelled");
    assertThat(requests(delayed)).isEmpty();
  }

  @Test
  void upstreamOutputsTooLargeForTheDependentsRecordAreStoredAside() throws Exception {
    String upstream = workflowId();
    Dependent dependent = dependent(upstream, "on_success", 0);
    Map<String, Object> outputs = Map.of("last", Map.of("text", "o".repeat(1_040_000)));
    RunCompleted completed =
        completion(upstream, RunOutcome.COMPLETED, 0, Instant.now()).outputs(outputs).build();

    // as large as a completion gets: the runner's own producer would leave a margin
    new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .send(
            Topics.RUN_COMPLETIONS,
            upstream,
            new String(new EventCodec().encode(completed), StandardCharsets.UTF_8));

    awaitRequests(dependent, 1);
    RunRequested request = requests(dependent).getFirst();
    assertThat(request.triggeredBy().payload()).isEmpty();
    StoredPayload stored = payloads.find(request.triggeredBy().payloadRef()).block(PATIENCE);
    assertThat(stored).isInstanceOf(StoredPayload.Found.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> named =
        (Map<String, Object>) ((StoredPayload.Found) stored).payload().get("upstream");
    assertThat(named).containsEntry("outputs", outputs).containsEntry("runId", completed.runId());
  }

  @Test
  void aDelayedStartKeepsOutputKeysMongoDbCannotTakeUntilItIsRequested() {
    String upstream = workflowId();
    Dependent delayed = dependent(upstream, "on_success", 1);
    Map<String, Object> outputs =
        Map.of("last", Map.of("\u0000", 1, "$set", Map.of("a.b", 2), "", List.of(Map.of("$", 3))));
    RunCompleted completed =
        completion(upstream, RunOutcome.COMPLETED, 0, Instant.parse("2030-06-03T12:00:00Z"))
            .outputs(outputs)
            .build();
    publish(completed);
    String eventId = requestId(delayed, completed);
    await().atMost(PATIENCE).until(() -> pending(eventId) != null);

    pendingStarts.tick(Instant.parse("2030-06-03T12:01:00Z")).block(PATIENCE);

    @SuppressWarnings("unchecked")
    Map<String, Object> named =
        (Map<String, Object>) requests(delayed).getFirst().triggeredBy().payload().get("upstream");
    assertThat(named).containsEntry("outputs", outputs);
    assertThat(pending(eventId)).isNull();
  }

  @Test
  void anotherWorkspacesTriggerOnTheSameWorkflowIdStartsNothing() {
    String upstream = workflowId();
    Dependent same = dependent(upstream, "on_success", 0);
    StoredDocuments.WorkflowBuilder other = StoredDocuments.workflow();
    Document otherWorkflow = other.build().append("workspaceId", "ws-other");
    insert("workflows", otherWorkflow);
    StoredDocuments.TriggerBuilder foreign =
        StoredDocuments.trigger(other.id(), "dependency")
            .config("dependsOnWorkflowId", upstream)
            .config("condition", "on_success");
    insert("triggers", foreign.build().append("workspaceId", "ws-other"));
    await().atMost(PATIENCE).until(() -> registry.find(foreign.id()).isPresent());

    RunCompleted completed = completed(upstream, RunOutcome.COMPLETED, 0);
    publish(completed);

    awaitRequests(same, 1);
    assertThat(
            new RawKafka(TestInfra.shared().kafkaBootstrapServers())
                .readAll(Topics.RUN_REQUESTS, other.id()))
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private record Dependent(String workflowId, String triggerId) {}

  private Dependent dependent(String upstream, String condition, int delayMinutes) {
    StoredDocuments.WorkflowBuilder downstream = StoredDocuments.workflow().deployedVersion(3);
    insert("workflows", downstream.build());
    return dependentOf(downstream.id(), upstream, condition, delayMinutes);
  }

  private Dependent dependentOf(String workflowId, String upstream, String condition, int delay) {
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.trigger(workflowId, "dependency")
            .config("dependsOnWorkflowId", upstream)
            .config("condition", condition)
            .config("delayMinutes", delay);
    insert("triggers", trigger.build());
    await().atMost(PATIENCE).until(() -> registry.find(trigger.id()).isPresent());
    return new Dependent(workflowId, trigger.id());
  }

  private static String workflowId() {
    return UUID.randomUUID().toString();
  }

  private static Document workflow(String id) {
    return StoredDocuments.workflow().build().append("_id", id);
  }

  private static RunCompleted completed(String workflowId, RunOutcome outcome, int chainDepth) {
    return completed(workflowId, outcome, chainDepth, Instant.now());
  }

  private static RunCompleted completed(
      String workflowId, RunOutcome outcome, int chainDepth, Instant finishedAt) {
    return completion(workflowId, outcome, chainDepth, finishedAt)
        .outputs(Map.of("last", Map.of("score", 42)))
        .build();
  }

  /** A completion of a new run of {@code workflowId}, its outputs not yet set. */
  private static RunCompleted.Builder completion(
      String workflowId, RunOutcome outcome, int chainDepth, Instant finishedAt) {
    return RunCompleted.builder()
        .occurredAt(finishedAt)
        .workflow(StoredDocuments.WORKSPACE, workflowId, 2)
        .runId(UUID.randomUUID().toString())
        .status(outcome)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(finishedAt.minusMillis(40))
        .finishedAt(finishedAt)
        .durationMs(40)
        .error(outcome == RunOutcome.FAILED ? "boom" : null)
        .chainDepth(chainDepth);
  }

  private static String requestId(Dependent dependent, RunCompleted upstream) {
    return EventIds.of("dependency", dependent.triggerId(), upstream.runId());
  }

  private void publish(RunCompleted completed) {
    publisher.publish(completed).block(PATIENCE);
  }

  private void awaitRequests(Dependent dependent, int count) {
    await().atMost(PATIENCE).until(() -> requests(dependent).size() >= count);
  }

  private List<RunRequested> requests(Dependent dependent) {
    return new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .readAll(Topics.RUN_REQUESTS, dependent.workflowId()).stream()
            .map(record -> json.readValue(record.value(), RunRequested.class))
            .toList();
  }

  @SuppressWarnings("unchecked")
  private List<String> upstreamRunIds(Dependent dependent) {
    return requests(dependent).stream()
        .map(r -> (Map<String, Object>) r.triggeredBy().payload().get("upstream"))
        .map(named -> (String) named.get("runId"))
        .toList();
  }

  private Document pending(String eventId) {
    return mongo
        .findOne(
            Query.query(Criteria.where("_id").is(eventId)),
            Document.class,
            PendingStartStore.COLLECTION)
        .block(PATIENCE);
  }

  private Document historyEntry(String id) {
    return mongo
        .findOne(
            Query.query(Criteria.where("_id").is(id)), Document.class, TriggerEventStore.COLLECTION)
        .block(PATIENCE);
  }

  private void insert(String collection, Document document) {
    mongo.insert(document, collection).block(PATIENCE);
  }

  private PendingStarts restartedPendingStarts() {
    return new PendingStarts(
        pendingStore,
        registry,
        context.getBean(io.outrun.service.claimcheck.RunRequestPublisher.class),
        new DependencyOutcomes(
            context.getBean(TriggerEventStore.class),
            context.getBean(io.outrun.listener.registry.TriggerActivity.class),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
        context.getBean(DependencyProperties.class));
  }

  @Autowired org.springframework.context.ApplicationContext context;
}
