package io.outrun.infra;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store holding more than the heap opens and answers: opening a collection reads none of its
 * documents. It used to read them all into one list (to log the collection's size at debug level),
 * so a developer's long-used local stack failed to start with an OutOfMemoryError.
 */
class LargeStoreIT {

  private static final int DOCUMENTS = 40_000;
  private static final String FILLER = "x".repeat(4_000);

  @TempDir Path dir;

  @Test
  void aStoreLargerThanTheHeapOpensAndAnswers() throws Exception {
    Path data = dir.resolve("mongo");
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      for (int first = 0; first < DOCUMENTS; first += 1_000) {
        List<Document> batch = new ArrayList<>();
        for (int id = first; id < first + 1_000; id++) {
          batch.add(new Document("_id", id).append("filler", FILLER));
        }
        docs(client).insertMany(batch);
      }
    }

    // 160 MB of documents and as much oplog, in a JVM allowed 64 MB
    try (MongoProcess mongo = MongoProcess.start(data, dir.resolve("mongo.log"), 64);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      Document last = docs(client).find(eq("_id", DOCUMENTS - 1)).first();
      assertThat(last).isNotNull();
      assertThat(last.getString("filler")).isEqualTo(FILLER);
    }
  }

  private static MongoCollection<Document> docs(MongoClient client) {
    return client.getDatabase("large").getCollection("docs");
  }
}
