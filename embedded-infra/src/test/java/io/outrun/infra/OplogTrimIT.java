package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/** {@link EmbeddedMongo#trimOplog}: what it deletes, and that the services' writes go on. */
class OplogTrimIT {

  private static final String OPLOG = OplogH2Backend.OPLOG;

  @TempDir Path dataDir;

  @Test
  void itDeletesTheEntriesOlderThanKeptFromTheOplogAndItsIndexAndStreamsResumeFromTheRest() {
    MutableClock clock = MutableClock.of(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    BsonDocument afterFirstNew;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, clock);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      leads(client).insertMany(List.of(lead("old-1"), lead("old-2"), lead("old-3")));
      clock.add(Duration.ofHours(2));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().cursor()) {
        leads(client).insertOne(lead("new-1"));
        leads(client).insertOne(lead("new-2"));
        afterFirstNew = ChangeStreams.next(stream).getResumeToken();
      }

      assertThat(mongo.trimOplog(Duration.ofHours(1))).isEqualTo(3);
      assertThat(mongo.trimOplog(Duration.ofHours(1))).as("nothing older left").isZero();
      assertThat(client.getDatabase("local").getCollection("oplog.rs").countDocuments())
          .isEqualTo(2);
    }

    try (StoreFile store = StoreFile.open(dataDir)) {
      assertThat(store.documentIds(OPLOG)).hasSize(2);
      assertThat(store.indexedIds(OPLOG, "_id_"))
          .as("the _id index holds the entries kept, and only those")
          .isEqualTo(store.documentIds(OPLOG));
    }
    clock.add(Duration.ofMinutes(1)); // past the newest entry: no wait on open
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, clock);
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().resumeAfter(afterFirstNew).cursor()) {
      assertThat(ChangeStreams.next(stream).getDocumentKey().getString("_id").getValue())
          .isEqualTo("new-2");
    }
  }

  /**
   * The trim deletes a batch per write, so a service's write waits at most for a batch, not for the
   * whole trim: when a write made while it runs is answered, entries are still left to trim. (One
   * {@code delete} command answered every write only after its last entry.)
   */
  @Test
  void theServicesWritesAreAnsweredWhileALongTrimRuns() throws Exception {
    int entries = 50_000;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> oplog = client.getDatabase("local").getCollection("oplog.rs");
      for (int from = 0; from < entries; from += 1_000) {
        leads(client)
            .insertMany(IntStream.range(from, from + 1_000).mapToObj(i -> lead("l" + i)).toList());
      }
      long before = oplog.countDocuments();

      CompletableFuture<Long> trim =
          CompletableFuture.supplyAsync(() -> mongo.trimOplog(Duration.ofSeconds(-5)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (oplog.countDocuments() == before && !trim.isDone() && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // until the trim has deleted its first entries
      }
      assertThat(trim).as("still trimming").isNotDone();
      leads(client).insertOne(lead("during-the-trim"));
      long left = oplog.countDocuments();

      // one delete command answered the write with its own entry at most left
      assertThat(left).as("entries still to trim when the write was answered").isGreaterThan(1);
      assertThat(trim.get()).isGreaterThanOrEqualTo(before);
      assertThat(oplog.countDocuments()).isZero();
      assertThat(leads(client).countDocuments()).isEqualTo(entries + 1);
    }
  }

  private static Document lead(String id) {
    return new Document("_id", id).append("status", "cold");
  }

  private static MongoCollection<Document> leads(MongoClient client) {
    return client.getDatabase("crm").getCollection("leads");
  }
}
