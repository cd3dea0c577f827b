package io.outrun.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.test.StepVerifier;

/**
 * {@link QueuedRuns#createOrLoad} and {@link QueuedRuns#recordQueued} when a run exists already,
 * against a real server (mongo-java-server in-process, whose indexes this test can reach) that lost
 * an index entry in a crash, as the in-process MongoDB could before it committed consistently
 * (issue 11).
 */
class QueuedRunsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-03-08T07:00:00Z");
  private static final String DATABASE = "outrun";

  private final MemoryBackend backend = new MemoryBackend();
  private final MongoServer server = new MongoServer(backend);
  private MongoClient client;
  private QueuedRuns runs;

  @BeforeEach
  void start() {
    InetSocketAddress address = server.bind();
    client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    runs =
        new QueuedRuns(
            new ReactiveMongoTemplate(client, DATABASE), Clock.fixed(NOW, ZoneOffset.UTC));
    StepVerifier.create(runs.createIndexes()).expectComplete().verify(TIMEOUT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void aRedeliveredRequestLoadsTheRunItsFirstDeliveryCreated() {
    RunRequested request = request();
    StepVerifier.create(runs.createOrLoad(request)).expectNextCount(1).verifyComplete();

    StepVerifier.create(runs.createOrLoad(request))
        .assertNext(run -> assertThat(run.requestEventId()).isEqualTo(request.eventId()))
        .verifyComplete();
  }

  @Test
  void aRunTheRequestIdIndexLostIsLoadedByItsRunId() {
    RunRequested request = request();
    StepVerifier.create(runs.createOrLoad(request)).expectNextCount(1).verifyComplete();
    removeFromIndex("requestEventId_1", request.runId());

    StepVerifier.create(runs.createOrLoad(request))
        .assertNext(run -> assertThat(run).isEqualTo(queued(request)))
        .verifyComplete();
  }

  /** As the reported crash left a run: found by a scan, not by its id. */
  @Test
  void aRunTheIdIndexLostIsLoadedByItsRequestId() {
    RunRequested request = request();
    StepVerifier.create(runs.createOrLoad(request)).expectNextCount(1).verifyComplete();
    removeFromIndex("_id_", request.runId());

    StepVerifier.create(runs.createOrLoad(request))
        .assertNext(run -> assertThat(run).isEqualTo(queued(request)))
        .verifyComplete();
  }

  @Test
  void aRunIdHeldByAnotherRequestIsAnError() {
    RunRequested request = request();
    StepVerifier.create(
            new ReactiveMongoTemplate(client, DATABASE)
                .insert(
                    new org.bson.Document("_id", request.runId())
                        .append("requestEventId", "another-request")
                        .append("workflowVersion", 1)
                        .append("test", false)
                        .append("chainDepth", 0)
                        .append("status", RunDocument.QUEUED),
                    RunDocument.COLLECTION))
        .expectNextCount(1)
        .verifyComplete();

    StepVerifier.create(runs.createOrLoad(request))
        .expectError(RunIdTakenException.class)
        .verify(TIMEOUT);
  }

  @Test
  void recordingRunsOfWhichOneExistsInsertsTheOthersAndLeavesItAsItIs() {
    RunRequested started = request();
    ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, DATABASE);
    StepVerifier.create(
            mongo.insert(
                new org.bson.Document("_id", started.runId())
                    .append("requestEventId", started.eventId())
                    .append("status", RunDocument.RUNNING),
                RunDocument.COLLECTION))
        .expectNextCount(1)
        .verifyComplete();
    List<RunRequested> arrived = List.of(request(), started, request());

    StepVerifier.create(runs.recordQueued(arrived)).expectComplete().verify(TIMEOUT);

    for (RunRequested request : arrived) {
      org.bson.Document run =
          mongo
              .findById(request.runId(), org.bson.Document.class, RunDocument.COLLECTION)
              .block(TIMEOUT);
      assertThat(run.getString("status"))
          .isEqualTo(request == started ? RunDocument.RUNNING : RunDocument.QUEUED);
      assertThat(run.getString("requestEventId")).isEqualTo(request.eventId());
    }
  }

  private static RunDocument queued(RunRequested request) {
    return RunDocument.queued(request, NOW);
  }

  @SuppressWarnings("unchecked") // the memory backend keeps documents at Integer positions
  private void removeFromIndex(String indexName, String runId) {
    MongoCollection<Integer> stored =
        (MongoCollection<Integer>)
            backend.resolveDatabase(DATABASE).resolveCollection(RunDocument.COLLECTION, true);
    Document run =
        stored.queryAllAsStream().filter(doc -> runId.equals(doc.get("_id"))).findFirst().get();
    Index<Integer> index =
        stored.getIndexes().stream()
            .filter(candidate -> candidate.getName().equals(indexName))
            .findFirst()
            .orElseThrow();
    assertThat(index.remove(run)).isNotNull();
  }

  private static RunRequested request() {
    return RunRequested.of(
        NOW,
        "ws-1",
        "wf-1",
        1,
        false,
        TriggeredBy.manual("u1", Map.of()),
        0,
        "manual",
        "wf-1",
        UUID.randomUUID().toString());
  }
}
