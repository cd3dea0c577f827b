package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file whose newest commit was not made between commands (by an Outrun from before
 * consistent commits) has its unique indexes rebuilt on start.
 */
class UniqueIndexRebuildIT {

  private static final String NAMESPACE = "outrun.runs";

  @TempDir Path dataDir;

  @Test
  void aStoreClosedCleanlyOrKilledEndsWithAMarkedCommitSoItsIndexesAreTrusted() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      runs(client).insertOne(run("a"));
    }

    try (StoreFile store = StoreFile.open(dataDir)) {
      assertThat(store.newestCommitMarked()).isTrue();
    }
  }

  @Test
  void indexesACrashLeftIncompleteAreRebuiltOnStart() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      runs(client)
          .createIndex(Indexes.ascending("requestEventId"), new IndexOptions().unique(true));
      for (String id : List.of("a", "b", "c")) {
        runs(client).insertOne(run(id));
      }
    }
    // as the reported crash left it: a run stored, but not in its indexes; and an entry whose
    // document was never stored; saved by MVStore itself, as an older version did
    try (StoreFile store = StoreFile.openForWriting(dataDir)) {
      store.removeIndexEntries(NAMESPACE, "_id_", "b");
      store.removeIndexEntries(NAMESPACE, "requestEventId_1", "b");
      store.addIndexEntry(NAMESPACE, "requestEventId_1", "ev-ghost", "ghost");
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = runs(client);
      assertThat(runs.find(Filters.eq("_id", "b")).first()).isEqualTo(run("b"));
      assertThat(runs.find(Filters.eq("requestEventId", "ev-b")).first()).isEqualTo(run("b"));
      assertThatThrownBy(() -> runs.insertOne(run("b")))
          .isInstanceOfSatisfying(
              MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));

      runs.insertOne(run("ghost"));
      assertThat(runs.find(Filters.eq("requestEventId", "ev-ghost")).first())
          .isEqualTo(run("ghost"));
      assertThat(runs.countDocuments()).isEqualTo(4);
    }
  }

  private static Document run(String id) {
    return new Document("_id", id).append("requestEventId", "ev-" + id).append("status", "queued");
  }

  private static MongoCollection<Document> runs(MongoClient client) {
    return client.getDatabase("outrun").getCollection("runs");
  }
}
