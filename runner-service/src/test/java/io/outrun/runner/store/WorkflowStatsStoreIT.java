package io.outrun.runner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** {@link WorkflowStatsStore} against the real server: atomic, idempotent per run. */
class WorkflowStatsStoreIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  private static MongoClient client;
  private static ReactiveMongoTemplate mongo;
  private static WorkflowStatsStore stats;

  private final String workflowId = "wf-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    client = MongoClients.create(TestInfra.shared().mongoConnectionString());
    mongo = new ReactiveMongoTemplate(client, "outrun-stats-" + UUID.randomUUID());
    stats = new WorkflowStatsStore(mongo);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void endedRunCreatesItsWorkflowsStats() {
    RunDocument run =
        Runs.ended(workflowId, RunDocument.COMPLETED, T0, 120L)
            .usage(new RunDocument.Usage(150, 0.25, 2, 1))
            .build();

    StepVerifier.create(stats.record(run)).expectNext(true).expectComplete().verify(TIMEOUT);

    Document stored = stored();
    assertThat(stored)
        .containsEntry("workspaceId", "ws-1")
        .containsEntry("totalRuns", 1L)
        .containsEntry("completedRuns", 1L)
        .containsEntry("failedRuns", 0L)
        .containsEntry("cancelledRuns", 0L)
        .containsEntry("timedRuns", 1L)
        .containsEntry("totalDurationMs", 120L)
        .containsEntry("lastRunAt", Date.from(T0))
        .containsEntry("lastFinishedAt", Date.from(T0.plusMillis(120)));
    assertThat(stored.get("usage", Document.class))
        .containsEntry("aiTokensUsed", 150L)
        .containsEntry("estimatedCost", 0.25)
        .containsEntry("webhooksCalled", 2L)
        .containsEntry("httpRequests", 1L);
    assertThat(stored.getList(WorkflowStatsStore.RECENT_RUN_IDS, String.class))
        .containsExactly(run.id());
  }

  @Test
  void onlyWhatARunUsedIsAddedToTheUsageOfItsStats() {
    record(Runs.ended(workflowId, RunDocument.COMPLETED, T0, 100L).build());
    assertThat(stored())
        .as("a run that used nothing adds no usage field")
        .doesNotContainKey("usage");

    record(
        Runs.ended(workflowId, RunDocument.COMPLETED, T0.plusSeconds(1), 100L)
            .usage(new RunDocument.Usage(0, 0, 0, 3))
            .build());
    record(
        Runs.ended(workflowId, RunDocument.COMPLETED, T0.plusSeconds(2), 100L)
            .usage(new RunDocument.Usage(40, 0.5, 0, 0))
            .build());

    assertThat(stored().get("usage", Document.class))
        .containsOnly(
            Map.entry("httpRequests", 3L),
            Map.entry("aiTokensUsed", 40L),
            Map.entry("estimatedCost", 0.5));
  }

  @Test
  void runsAddUpAndTheLatestRunWins() {
    record(Runs.ended(workflowId, RunDocument.COMPLETED, T0.plusSeconds(5), 100L).build());
    record(Runs.ended(workflowId, RunDocument.FAILED, T0, 300L).build());
    record(Runs.ended(workflowId, RunDocument.CANCELLED, T0.plusSeconds(2), 50L).build());

    assertThat(stored())
        .containsEntry("totalRuns", 3L)
        .containsEntry("completedRuns", 1L)
        .containsEntry("failedRuns", 1L)
        .containsEntry("cancelledRuns", 1L)
        .containsEntry("totalDurationMs", 450L)
        .containsEntry("lastRunAt", Date.from(T0.plusSeconds(5)))
        .containsEntry("lastFinishedAt", Date.from(T0.plusSeconds(5).plusMillis(100)));
  }

  @Test
  void sameRunRecordedAgainCountsOnce() {
    RunDocument run = Runs.ended(workflowId, RunDocument.FAILED, T0, 200L).build();
    record(Runs.ended(workflowId, RunDocument.COMPLETED, T0, 100L).build());
    record(run);

    StepVerifier.create(stats.record(run)).expectNext(false).expectComplete().verify(TIMEOUT);
    StepVerifier.create(stats.record(run)).expectNext(false).expectComplete().verify(TIMEOUT);

    assertThat(stored())
        .containsEntry("totalRuns", 2L)
        .containsEntry("failedRuns", 1L)
        .containsEntry("totalDurationMs", 300L);
  }

  @Test
  void firstRunRecordedTwiceCountsOnce() {
    RunDocument run = Runs.ended(workflowId, RunDocument.COMPLETED, T0, 100L).build();
    record(run);

    StepVerifier.create(stats.record(run)).expectNext(false).expectComplete().verify(TIMEOUT);

    assertThat(stored()).containsEntry("totalRuns", 1L).containsEntry("totalDurationMs", 100L);
  }

  @Test
  void concurrentRunsOfOneWorkflowAreAllCounted() {
    List<RunDocument> runs =
        IntStream.range(0, 40)
            .mapToObj(
                i -> Runs.ended(workflowId, RunDocument.COMPLETED, T0.plusSeconds(i), 10L).build())
            .toList();

    // every run twice, all at once: the first recordings race on creating the document
    StepVerifier.create(
            Flux.fromIterable(runs)
                .concatWithValues(runs.toArray(RunDocument[]::new))
                .flatMap(stats::record, 16)
                .filter(Boolean::booleanValue)
                .count())
        .expectNext(40L)
        .expectComplete()
        .verify(TIMEOUT);

    Document stored = stored();
    assertThat(stored)
        .containsEntry("totalRuns", 40L)
        .containsEntry("completedRuns", 40L)
        .containsEntry("totalDurationMs", 400L)
        .containsEntry("lastRunAt", Date.from(T0.plusSeconds(39)));
    assertThat(stored.getList(WorkflowStatsStore.RECENT_RUN_IDS, String.class))
        .containsExactlyInAnyOrderElementsOf(runs.stream().map(RunDocument::id).toList());
  }

  @Test
  void testRunsAndUnendedRunsAreNotCounted() {
    StepVerifier.create(
            stats.record(Runs.ended(workflowId, RunDocument.COMPLETED, T0, 100L).test().build()))
        .expectNext(false)
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(stats.record(Runs.ended(workflowId, RunDocument.RUNNING, T0, 1L).build()))
        .expectNext(false)
        .expectComplete()
        .verify(TIMEOUT);

    assertThat(stored()).isNull();
  }

  @Test
  void runCancelledBeforeItStartedIsCountedButNotInTheMeanDuration() {
    record(Runs.ended(workflowId, RunDocument.COMPLETED, T0, 100L).build());
    record(Runs.ended(workflowId, RunDocument.CANCELLED, T0.plusSeconds(1), null).build());

    assertThat(stored())
        .containsEntry("totalRuns", 2L)
        .containsEntry("cancelledRuns", 1L)
        .containsEntry("timedRuns", 1L)
        .containsEntry("totalDurationMs", 100L);
  }

  /**
   * The documented bound: only the last RECENT_RUNS run ids are remembered. The document starts
   * full (as RECENT_RUNS recorded runs leave it; recording them one by one is a thousand writes of
   * a growing document, half a minute on a loaded machine), then two more runs are recorded.
   */
  @Test
  void onlyTheMostRecentRunIdsAreRemembered() {
    List<String> earlier =
        IntStream.range(0, WorkflowStatsStore.RECENT_RUNS).mapToObj(i -> "earlier-" + i).toList();
    mongo
        .insert(
            new Document("_id", workflowId)
                .append(WorkflowStatsStore.RECENT_RUN_IDS, earlier)
                .append("totalRuns", (long) WorkflowStatsStore.RECENT_RUNS),
            WorkflowStatsStore.COLLECTION)
        .block(TIMEOUT);
    List<RunDocument> runs =
        IntStream.range(0, 2)
            .mapToObj(i -> Runs.ended(workflowId, RunDocument.COMPLETED, T0, 1L).build())
            .toList();
    StepVerifier.create(Flux.fromIterable(runs).concatMap(stats::record).then())
        .expectComplete()
        .verify(TIMEOUT);

    List<String> remembered = stored().getList(WorkflowStatsStore.RECENT_RUN_IDS, String.class);
    assertThat(remembered)
        .hasSize(WorkflowStatsStore.RECENT_RUNS)
        .doesNotContain(earlier.get(0), earlier.get(1))
        .contains(earlier.get(2))
        .endsWith(runs.get(0).id(), runs.get(1).id());
    assertThat(stored()).containsEntry("totalRuns", WorkflowStatsStore.RECENT_RUNS + 2L);
  }

  /**
   * What the store relies on, on MongoDB and on mongo-java-server alike: an upsert whose filter
   * finds the {@code _id} but not the {@code $ne} condition tries an insert and fails on the key.
   */
  @Test
  void upsertThatMissesAnExistingIdIsADuplicateKey() {
    Query holdsRun = query(where("_id").is(workflowId).and("recentRunIds").ne("run-1"));
    Update push = new Update().inc("n", 1).push("recentRunIds").slice(-2).each("run-1");
    mongo.upsert(holdsRun, push, WorkflowStatsStore.COLLECTION).block(TIMEOUT);

    StepVerifier.create(mongo.upsert(holdsRun, push, WorkflowStatsStore.COLLECTION))
        .expectError(DuplicateKeyException.class)
        .verify(TIMEOUT);
    assertThat(stored()).containsEntry("n", 1).containsEntry("recentRunIds", List.of("run-1"));
  }

  private void record(RunDocument run) {
    StepVerifier.create(stats.record(run)).expectNext(true).expectComplete().verify(TIMEOUT);
  }

  private Document stored() {
    return mongo.findById(workflowId, Document.class, WorkflowStatsStore.COLLECTION).block(TIMEOUT);
  }
}
