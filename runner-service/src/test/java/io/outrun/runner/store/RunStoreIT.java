package io.outrun.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Who may start a running run ({@link RunStore#start}), against a real server (mongo-java-server
 * in-process): any runner, its own too, once its lease has expired, and then it keeps its start.
 */
class RunStoreIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-03-08T07:00:00Z");
  private static final Instant EXPIRY = NOW.plusSeconds(15);

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private MongoClient client;
  private QueuedRuns queued;
  private RunStore store;

  @BeforeEach
  void start() {
    InetSocketAddress address = server.bind();
    client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "outrun");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    queued = new QueuedRuns(mongo, clock);
    store = new RunStore(mongo, clock);
    queued.createIndexes().block(TIMEOUT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void evenItsOwnRunnerWaitsForTheLeaseOfARunningRun() {
    // a failed attempt's step writes may still be in the group commit: the lease fences them off
    String runId = running(lease("runner-1"));

    RunStore.Start again = store.start(runId, lease("runner-1"), NOW.plusSeconds(1)).block(TIMEOUT);

    assertThat(again)
        .isInstanceOfSatisfying(
            RunStore.Start.Held.class, held -> assertThat(held.until()).isEqualTo(EXPIRY));
  }

  @Test
  void anotherRunnerWaitsUntilTheLeaseExpiresThenResumesTheRun() {
    String runId = running(lease("runner-1"));

    RunStore.Start held = store.start(runId, lease("runner-2"), NOW.plusSeconds(1)).block(TIMEOUT);
    RunStore.Start afterExpiry = store.start(runId, lease("runner-2"), EXPIRY).block(TIMEOUT);

    assertThat(held)
        .isInstanceOfSatisfying(
            RunStore.Start.Held.class, h -> assertThat(h.until()).isEqualTo(EXPIRY));
    assertThat(afterExpiry)
        .isInstanceOfSatisfying(
            RunStore.Start.Resumed.class,
            resumed -> {
              assertThat(resumed.run().lease().owner()).isEqualTo("runner-2");
              assertThat(resumed.run().startedAt()).as("it keeps its start").isEqualTo(NOW);
            });
  }

  /** A run created queued, then started by {@code lease}'s runner: its id. */
  private String running(RunDocument.Lease lease) {
    RunRequested request = request();
    queued.recordQueued(List.of(request)).block(TIMEOUT);
    RunStore.Start start = store.start(request.runId(), lease, NOW).block(TIMEOUT);
    assertThat(start).isInstanceOf(RunStore.Start.Started.class);
    return request.runId();
  }

  /** A lease of {@code owner} taken now: it lasts 15 s. */
  private static RunDocument.Lease lease(String owner) {
    return new RunDocument.Lease(owner, EXPIRY);
  }

  private static RunRequested request() {
    return RunRequested.of(
        NOW,
        "ws-1",
        "wf-1",
        1,
        false,
        TriggeredBy.manual("u1", Map.of("name", "Ada")),
        0,
        "manual",
        "wf-1",
        UUID.randomUUID().toString());
  }
}
