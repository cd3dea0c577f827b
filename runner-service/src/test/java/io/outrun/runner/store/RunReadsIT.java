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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Runs read back as stored, many in one command, against a real server (mongo-java-server
 * in-process); the driver's command listener counts the {@code find}s sent.
 */
class RunReadsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-03-08T07:00:00Z");

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final AtomicInteger finds = new AtomicInteger();
  private MongoClient client;
  private ReactiveMongoTemplate mongo;
  private QueuedRuns queued;
  private RunReads reads;

  @BeforeEach
  void start() {
    InetSocketAddress address = server.bind();
    CommandListener counting =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
              finds.incrementAndGet();
            }
          }
        };
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(
                    new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(counting)
                .build());
    mongo = new ReactiveMongoTemplate(client, "outrun");
    queued = new QueuedRuns(mongo, Clock.fixed(NOW, ZoneOffset.UTC));
    reads = new RunReads(mongo);
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void runsReadTogetherCostOneCommandAndCarryTheirPayloads() {
    List<RunRequested> requests =
        IntStream.range(0, 200).mapToObj(i -> request("Ada " + i)).toList();
    StepVerifier.create(queued.recordQueued(requests)).verifyComplete();
    finds.set(0);

    List<RunDocument> found =
        Flux.fromIterable(requests).flatMap(reads::find).collectList().block(TIMEOUT);

    assertThat(found).hasSize(requests.size());
    assertThat(found)
        .extracting(run -> run.triggeredBy().payload().get("name"))
        .containsExactlyInAnyOrderElementsOf(
            requests.stream().map(r -> r.triggeredBy().payload().get("name")).toList());
    assertThat(found).allSatisfy(run -> assertThat(run.status()).isEqualTo("queued"));
    // the first at once, the others in one or two more; a few more where the machine is so loaded
    // that the 200 reads are asked for over more than a few lingers (one command each would be 200)
    assertThat(finds.get())
        .as("find commands for %d runs", requests.size())
        .isLessThanOrEqualTo(10);
  }

  @Test
  void aPayloadStoredEscapedIsReadAsSent() {
    RunRequested request = request(Map.of("$where", "x", "a.b", "y"));
    StepVerifier.create(queued.recordQueued(List.of(request))).verifyComplete();

    StepVerifier.create(reads.find(request))
        .assertNext(
            run ->
                assertThat(run.triggeredBy().payload())
                    .containsEntry("$where", "x")
                    .containsEntry("a.b", "y"))
        .verifyComplete();
  }

  @Test
  void aRunThatDoesNotExistIsEmpty() {
    StepVerifier.create(reads.find(request("Ada"))).verifyComplete();
  }

  @Test
  void anIdHoldingAnotherRequestsDocumentIsEmpty() {
    RunRequested request = request("Ada");
    mongo
        .insert(
            new Document("_id", request.runId())
                .append("requestEventId", "another")
                .append("status", 42),
            "runs")
        .block(TIMEOUT);

    StepVerifier.create(reads.find(request)).verifyComplete();
  }

  private static RunRequested request(String name) {
    return request(Map.of("name", name));
  }

  private static RunRequested request(Map<String, Object> payload) {
    return RunRequested.of(
        NOW,
        "ws-1",
        "wf-1",
        1,
        false,
        TriggeredBy.manual("u1", payload),
        0,
        "manual",
        "wf-1",
        UUID.randomUUID().toString());
  }
}
