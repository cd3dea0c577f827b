package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written before documents were stored as BSON ({@code mongo.mv}, every document
 * Java-serialized by MVStore's default type) opens with everything in it: documents, unique
 * indexes, and an oplog that change streams resume from.
 */
class JavaSerializedStoreIT {

  @TempDir Path dataDir;

  @Test
  void anOldStoreIsConvertedOnceWithItsDocumentsIndexesAndOplog() {
    BsonDocument resumeToken = writeOldStore();

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = runs(client);
      assertThat(runs.find(Filters.eq("_id", "a")).first()).isEqualTo(run("a", "completed"));
      assertThat(runs.find(Filters.eq("requestEventId", "ev-b")).first())
          .isEqualTo(run("b", "queued"));
      assertThat(runs.countDocuments()).isEqualTo(2);
      assertThatThrownBy(() -> runs.insertOne(run("c", "queued").append("requestEventId", "ev-a")))
          .isInstanceOfSatisfying(
              MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));

      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          runs.watch().resumeAfter(resumeToken).cursor()) {
        ChangeStreamDocument<Document> next = ChangeStreams.next(stream);
        assertThat(next.getDocumentKey().getString("_id").getValue()).isEqualTo("b");
      }
    }

    assertThat(dataDir.resolve(MongoDataFile.JAVA_SERIALIZED)).doesNotExist();
    assertThat(dataDir.resolve(MongoDataFile.MIGRATED)).exists();
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(runs(client).countDocuments()).isEqualTo(2);
    }
  }

  /** What an Outrun from before BSON storage left: its token for the change after run a's. */
  private BsonDocument writeOldStore() {
    H2Backend backend = new H2Backend(dataDir.resolve(MongoDataFile.JAVA_SERIALIZED).toString());
    MongoServer server = new MongoServer(backend);
    server.enableOplog();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    String uri =
        "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?directConnection=true";
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> runs = runs(client);
      runs.createIndex(Indexes.ascending("requestEventId"), new IndexOptions().unique(true));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream = runs.watch().cursor()) {
        runs.insertOne(run("a", "queued"));
        runs.updateOne(Filters.eq("_id", "a"), new Document("$set", new Document("status", "x")));
        runs.replaceOne(Filters.eq("_id", "a"), run("a", "completed"));
        BsonDocument afterA = null;
        for (int i = 0; i < 3; i++) {
          afterA = ChangeStreams.next(stream).getResumeToken();
        }
        runs.insertOne(run("b", "queued"));
        return afterA;
      }
    } finally {
      server.shutdown(); // commits and closes the file
      assertThat(Files.exists(dataDir.resolve(MongoDataFile.JAVA_SERIALIZED))).isTrue();
    }
  }

  private static Document run(String id, String status) {
    return new Document("_id", id).append("requestEventId", "ev-" + id).append("status", status);
  }

  private static MongoCollection<Document> runs(MongoClient client) {
    return client.getDatabase("outrun").getCollection("runs");
  }
}
