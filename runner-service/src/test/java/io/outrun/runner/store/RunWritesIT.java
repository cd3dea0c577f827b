package io.outrun.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The group commit of run state against a real server (mongo-java-server in-process). Writes made
 * while a flush is under way share the next one: each test first starts a flush with a write of
 * another run, then makes the writes it looks at together. Also who may start a running run ({@link
 * RunStore#start}): any runner, its own too, once its lease has expired.
 */
class RunWritesIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-03-08T07:00:00Z");
  private static final RunDocument.Lease LEASE =
      new RunDocument.Lease("runner-1", NOW.plusSeconds(15));

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private MongoClient client;
  private ReactiveMongoTemplate mongo;
  private QueuedRuns queued;
  private RunStore store;
  private RunWrites writes;
  private final AtomicLong updates = new AtomicLong();

  @BeforeEach
  void start() {
    InetSocketAddress address = server.bind();
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(
                    new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(
                    new CommandListener() {
                      @Override
                      public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("update")) {
                          updates.incrementAndGet();
                        }
                      }
                    })
                .build());
    mongo = new ReactiveMongoTemplate(client, "outrun");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    queued = new QueuedRuns(mongo, clock);
    store = new RunStore(mongo, clock);
    writes =
        new RunWrites(
            mongo,
            store,
            new WorkflowStatsStore(mongo),
            clock,
            new WriteProperties(500, Duration.ofMillis(300)));
    StepVerifier.create(queued.createIndexes()).expectComplete().verify(TIMEOUT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void aFreshRunIsCreatedRunningInOneWrite() {
    RunRequested request = request("wf-1");

    StepVerifier.create(writes.begin(queued.fresh(request), LEASE))
        .assertNext(run -> assertThat(run.status()).isEqualTo("running"))
        .verifyComplete();

    Document stored = stored(request.runId());
    assertThat(stored.getString("status")).isEqualTo("running");
    assertThat(stored.getString("requestEventId")).isEqualTo(request.eventId());
    assertThat(stored.get("lease", Document.class).getString("owner")).isEqualTo("runner-1");
    assertThat(stored.get("triggeredBy", Document.class).get("payload", Document.class))
        .containsEntry("name", "Ada");
  }

  @Test
  void aRunRecordedQueuedIsStarted() {
    RunRequested request = request("wf-1");
    StepVerifier.create(queued.recordQueued(List.of(request))).verifyComplete();

    StepVerifier.create(writes.begin(queued.fresh(request), LEASE))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(stored(request.runId()).getString("status")).isEqualTo("running");
  }

  @Test
  void aRedeliveryInTheSameFlushStartsTheRunOnce() {
    RunRequested request = request("wf-1");
    RunDocument fresh = queued.fresh(request);

    List<RunDocument> started =
        whileAFlushIsUnderWay(
            Flux.merge(writes.begin(fresh, LEASE), writes.begin(fresh, LEASE)).collectList());

    assertThat(started).hasSize(1);
    assertThat(
            mongo
                .count(new org.springframework.data.mongodb.core.query.Query(), "runs")
                .block(TIMEOUT))
        .isEqualTo(2); // this run and the one of the flush under way
  }

  @Test
  void aRunEndedElsewhereIsNotStartedAgain() {
    RunRequested request = request("wf-1");
    RunDocument run = begun(request);
    StepVerifier.create(writes.finish(run, List.of(), "completed", null))
        .expectNextCount(1)
        .verifyComplete();

    StepVerifier.create(writes.begin(queued.fresh(request), LEASE)).verifyComplete();

    assertThat(stored(request.runId()).getString("status")).isEqualTo("completed");
  }

  @Test
  void stepsAndTheEndingOfARunInOneFlushAreStoredAndCountedOnce() {
    RunRequested request = request("wf-2");
    RunDocument run = begun(request);
    StepDocument greet = step("greet");
    StepDocument shout = step("shout");

    RunStore.Ended ended =
        whileAFlushIsUnderWay(
            writes
                .appendStep(run.id(), greet)
                .and(writes.appendStep(run.id(), shout))
                .and(writes.finish(run, List.of(greet, shout), "completed", null))
                .then(writes.finish(run, List.of(greet, shout), "completed", null)));

    assertThat(ended.endedNow()).isFalse();
    Document stored = stored(run.id());
    assertThat(stored.getString("status")).isEqualTo("completed");
    assertThat(stored.getList("steps", Document.class)).hasSize(2);
    assertThat(stored.get("usage", Document.class).get("httpRequests", Number.class).longValue())
        .isEqualTo(2);
    Document stats = mongo.findById("wf-2", Document.class, "workflow_stats").block(TIMEOUT);
    assertThat(stats.get("totalRuns", Number.class).longValue()).isEqualTo(1);
    assertThat(stats.get("completedRuns", Number.class).longValue()).isEqualTo(1);
  }

  @Test
  void anEndingStoresTheLastStepItCarriesInItsOwnStatement() {
    RunRequested request = request("wf-3");
    RunDocument run = begun(request);
    StepDocument greet = step("greet");
    StepDocument shout = step("shout");
    StepVerifier.create(writes.appendStep(run.id(), greet)).verifyComplete();
    long updatesBefore = updates();

    StepVerifier.create(
            writes.finish(run, List.of(greet, shout), List.of(shout), "completed", null))
        .assertNext(
            ended -> {
              assertThat(ended.endedNow()).isTrue();
              assertThat(ended.run().steps())
                  .extracting(StepDocument::nodeId)
                  .containsExactly("greet", "shout");
            })
        .verifyComplete();

    assertThat(updates() - updatesBefore).isEqualTo(2); // the run's statement, then its stats'
    Document stored = stored(run.id());
    assertThat(stored.getString("status")).isEqualTo("completed");
    assertThat(stored.getList("steps", Document.class))
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet", "shout");
    assertThat(stored.get("usage", Document.class).get("httpRequests", Number.class).longValue())
        .isEqualTo(2);
  }

  @Test
  void anEndingOfARunEndedElsewhereStillStoresTheLastStepItCarries() {
    RunRequested request = request("wf-4");
    RunDocument run = begun(request);
    StepVerifier.create(writes.finish(run, List.of(), "failed", "lease lost"))
        .expectNextCount(1)
        .verifyComplete();
    StepDocument greet = step("greet");

    StepVerifier.create(writes.finish(run, List.of(greet), List.of(greet), "completed", null))
        .assertNext(ended -> assertThat(ended.endedNow()).isFalse())
        .verifyComplete();

    Document stored = stored(run.id());
    assertThat(stored.getString("status")).isEqualTo("failed");
    assertThat(stored.getList("steps", Document.class))
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet");
  }

  @Test
  void aStepAlreadyRecordedIsNotRecordedAgainAndTheOthersAre() {
    RunDocument run = begun(request("wf-1"));
    StepVerifier.create(writes.appendStep(run.id(), step("greet"))).verifyComplete();

    whileAFlushIsUnderWay(
        writes
            .appendStep(run.id(), step("greet"))
            .then(writes.appendStep(run.id(), step("shout")))
            .thenReturn(true));

    assertThat(stored(run.id()).getList("steps", Document.class))
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("greet", "shout");
  }

  @Test
  void aStatementMongoRefusesFailsOnlyItsRun() {
    RunDocument broken = begun(request("wf-1"));
    RunDocument sound = begun(request("wf-1"));
    mongo
        .getCollection("runs")
        .flatMap(
            runs ->
                Mono.from(
                    runs.updateOne(
                        new Document("_id", broken.id()),
                        new Document("$set", new Document("steps", "not an array")))))
        .block(TIMEOUT);

    Throwable brokenFailure =
        whileAFlushIsUnderWay(
            writes
                .appendStep(broken.id(), step("greet"))
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .zipWith(writes.appendStep(sound.id(), step("greet")).thenReturn(true))
                .map(both -> both.getT1()));

    assertThat(brokenFailure).isNotNull();
    assertThat(stored(sound.id()).getList("steps", Document.class)).hasSize(1);
  }

  @Test
  void aFlushThatCannotReachMongoDbFailsItsWrites() {
    MongoClient unreachable =
        MongoClients.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300");
    ReactiveMongoTemplate nowhere = new ReactiveMongoTemplate(unreachable, "outrun");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RunWrites lost =
        new RunWrites(
            nowhere,
            new RunStore(nowhere, clock),
            new WorkflowStatsStore(nowhere),
            clock,
            new WriteProperties(500, Duration.ofMillis(5)));
    try {
      StepVerifier.create(lost.appendStep("run-1", step("greet"))).expectError().verify(TIMEOUT);
    } finally {
      unreachable.close();
    }
  }

  /** Starts a flush with another run's write, then makes {@code writes}: they share the next. */
  private <T> T whileAFlushIsUnderWay(Mono<T> writes) {
    Mono<RunDocument> other = this.writes.begin(queued.fresh(request("wf-other")), LEASE);
    return Mono.zip(other, Mono.delay(Duration.ofMillis(1)).then(writes))
        .map(both -> both.getT2())
        .block(TIMEOUT);
  }

  /** The update commands sent so far. */
  private long updates() {
    return updates.get();
  }

  @Test
  void evenItsOwnRunnerWaitsForTheLeaseOfARunningRun() {
    // a failed attempt's step writes may still be in the group commit: the lease fences them off
    String runId = running(LEASE);

    RunStore.Start again = store.start(runId, LEASE, NOW.plusSeconds(1)).block(TIMEOUT);

    assertThat(again)
        .isInstanceOfSatisfying(
            RunStore.Start.Held.class,
            held -> assertThat(held.until()).isEqualTo(LEASE.expiresAt()));
  }

  @Test
  void anotherRunnerWaitsUntilTheLeaseExpiresThenResumesTheRun() {
    String runId = running(LEASE);
    RunDocument.Lease another = new RunDocument.Lease("runner-2", LEASE.expiresAt());

    RunStore.Start held = store.start(runId, another, NOW.plusSeconds(1)).block(TIMEOUT);
    RunStore.Start afterExpiry = store.start(runId, another, LEASE.expiresAt()).block(TIMEOUT);

    assertThat(held)
        .isInstanceOfSatisfying(
            RunStore.Start.Held.class, h -> assertThat(h.until()).isEqualTo(LEASE.expiresAt()));
    assertThat(afterExpiry)
        .isInstanceOfSatisfying(
            RunStore.Start.Resumed.class,
            resumed -> {
              assertThat(resumed.run().lease().owner()).isEqualTo("runner-2");
              assertThat(resumed.run().startedAt()).as("it keeps its start").isEqualTo(NOW);
            });
  }

  /** A run recorded queued, then started by {@code lease}'s runner at {@link #NOW}: its id. */
  private String running(RunDocument.Lease lease) {
    RunRequested request = request("wf-1");
    queued.recordQueued(List.of(request)).block(TIMEOUT);
    RunStore.Start start = store.start(request.runId(), lease, NOW).block(TIMEOUT);
    assertThat(start).isInstanceOf(RunStore.Start.Started.class);
    return request.runId();
  }

  private RunDocument begun(RunRequested request) {
    return writes.begin(queued.fresh(request), LEASE).block(TIMEOUT);
  }

  private Document stored(String runId) {
    return mongo.findById(runId, Document.class, "runs").block(TIMEOUT);
  }

  private static StepDocument step(String nodeId) {
    return new StepDocument(
        nodeId,
        "log",
        StepDocument.COMPLETED,
        1,
        NOW,
        1,
        Map.of("message", "hi"),
        Map.of("message", "hi"),
        null,
        new RunDocument.Usage(0, 0, 0, 1));
  }

  private static RunRequested request(String workflowId) {
    return RunRequested.of(
        NOW,
        "ws-1",
        workflowId,
        1,
        false,
        TriggeredBy.manual("u1", Map.of("name", "Ada")),
        0,
        "manual",
        workflowId,
        UUID.randomUUID().toString());
  }
}
