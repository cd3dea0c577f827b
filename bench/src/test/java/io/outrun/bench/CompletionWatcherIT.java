package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.outrun.bench.RunLedger.Ended;
import io.outrun.bench.RunLedger.Phase;
import io.outrun.infra.EmbeddedMongo;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's watcher against the in-process MongoDB, written to as the stack writes runs. */
class CompletionWatcherIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private EmbeddedMongo mongo;
  private MongoCollection<Document> runs;
  private MongoClient writer;
  private final RunLedger ledger = new RunLedger();
  private CompletionWatcher watcher;

  @BeforeEach
  void start() {
    mongo = EmbeddedMongo.inMemory();
    writer = MongoClients.create(mongo.connectionString());
    runs = writer.getDatabase("outrun").getCollection("runs");
    watcher = new CompletionWatcher(MongoClients.create(mongo.connectionString()), ledger);
  }

  @AfterEach
  void stop() throws InterruptedException {
    watcher.close();
    writer.close();
    mongo.close();
  }

  @Test
  void aRunIsCountedWhenTheWriteThatEndsItIsSeenWithItsOwnTimestamps() {
    long sent = System.nanoTime();
    queued("r1", 1_000);
    watcher.watch("r1", sent, Phase.LATENCY);
    runs.updateOne(
        Filters.eq("_id", "r1"),
        Updates.combine(Updates.set("status", "running"), Updates.set("startedAt", at(1_010))));
    runs.updateOne(
        Filters.eq("_id", "r1"),
        Updates.combine(Updates.set("status", "completed"), Updates.set("finishedAt", at(1_050))));

    Ended ended = awaitEnded(1).getFirst();

    assertThat(ended.phase()).isEqualTo(Phase.LATENCY);
    assertThat(ended.completed()).isTrue();
    assertThat(ended.queuedToFinishedMs()).isEqualTo(50);
    assertThat(ended.startedToFinishedMs()).isEqualTo(40);
    assertThat(ended.requestToEndNanos()).isPositive().isLessThan(System.nanoTime() - sent + 1);
  }

  @Test
  void anEndingSeenBeforeTheRunsAcceptanceWaitsForIt() {
    queued("r2", 2_000);
    runs.updateOne(
        Filters.eq("_id", "r2"),
        Updates.combine(Updates.set("status", "failed"), Updates.set("finishedAt", at(2_020))));
    // a run ended after r2 and counted: the stream, which reads in order, has seen r2 end too
    queued("marker", 2_000);
    watcher.watch("marker", System.nanoTime(), Phase.WARMUP);
    runs.updateOne(Filters.eq("_id", "marker"), Updates.set("status", "completed"));
    awaitEnded(1);

    watcher.watch("r2", System.nanoTime(), Phase.THROUGHPUT);

    Ended ended = awaitEnded(2).getLast();
    assertThat(ended.phase()).isEqualTo(Phase.THROUGHPUT);
    assertThat(ended.completed()).isFalse();
    assertThat(ended.queuedToFinishedMs()).isEqualTo(20);
  }

  @Test
  void writesThatDoNotEndARunAndRunsNotRequestedAreNotCounted() {
    queued("r3", 3_000);
    queued("other", 3_000);
    watcher.watch("r3", System.nanoTime(), Phase.THROUGHPUT);
    runs.updateOne(Filters.eq("_id", "r3"), Updates.set("status", "running"));
    runs.updateOne(Filters.eq("_id", "other"), Updates.set("status", "completed"));
    runs.insertOne(
        new Document("_id", "r4").append("status", "cancelled").append("queuedAt", at(3_000)));
    watcher.watch("r4", System.nanoTime(), Phase.THROUGHPUT);
    runs.updateOne(Filters.eq("_id", "r3"), Updates.set("status", "completed"));

    List<Ended> ended = awaitEnded(2);

    assertThat(ended).extracting(Ended::completed).containsExactlyInAnyOrder(true, false);
    assertThat(ledger.counts().completed()).isEqualTo(1);
  }

  private List<Ended> awaitEnded(int count) {
    await().atMost(WAIT).until(() -> ledger.endedCount() >= count);
    assertThat(ledger.endedCount()).isEqualTo(count);
    return ledger.endedSince(0);
  }

  private void queued(String id, long queuedAtMillis) {
    runs.insertOne(
        new Document("_id", id).append("status", "queued").append("queuedAt", at(queuedAtMillis)));
  }

  private static Date at(long millis) {
    return new Date(millis);
  }
}
