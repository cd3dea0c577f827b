package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Clock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics the server no longer keeps up to date at every write are still right when asked for.
 */
class CollectionStatsIT {

  @TempDir Path dataDir;

  @Test
  void collStatsReportsTheSizeOfTheDocumentsAsTheyAreNow() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("stats");
      db.getCollection("docs").insertOne(new Document("_id", "a").append("text", "x"));
      long small = size(db);

      db.getCollection("docs")
          .updateOne(Filters.eq("_id", "a"), Updates.set("text", "x".repeat(1000)));
      db.getCollection("docs").insertOne(new Document("_id", "b"));

      assertThat(small).isEqualTo(bsonSize(new Document("_id", "a").append("text", "x")));
      assertThat(size(db))
          .isEqualTo(
              bsonSize(new Document("_id", "a").append("text", "x".repeat(1000)))
                  + bsonSize(new Document("_id", "b")));
    }
  }

  @Test
  void getLastErrorStillAnswers() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("stats");
      db.getCollection("docs").insertOne(new Document("_id", "a"));

      Document answer = db.runCommand(new Document("getLastError", 1));

      assertThat(answer.get("ok")).isEqualTo(1.0);
      assertThat(answer.get("err")).isNull();
    }
  }

  private static long size(MongoDatabase db) {
    return ((Number) db.runCommand(new Document("collStats", "docs")).get("size")).longValue();
  }

  private static long bsonSize(Document document) {
    return org.bson.RawBsonDocument.parse(document.toJson()).getByteBuffer().remaining();
  }
}
