package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * A find that is still sending a document while an update changes it gets the document as it was.
 * mongo-java-server changes stored documents in place, and encoding one mid-change failed with a
 * ConcurrentModificationException that closed the reader's connection.
 */
class ConcurrentReadsIT {

  private static final int FIELDS = 400;
  private static final int UPDATES = 1_500;

  @Test
  void readersNeverSeeADocumentChangeUnderThem() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient writer = MongoClients.create(mongo.connectionString());
        MongoClient reader = MongoClients.create(mongo.connectionString())) {
      Document wide = new Document("_id", "wide");
      for (int i = 0; i < FIELDS; i++) {
        wide.append("f" + i, "value " + i);
      }
      runs(writer).insertOne(wide);

      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<List<Integer>> reads =
          CompletableFuture.supplyAsync(
              () -> {
                List<Integer> sizes = new ArrayList<>();
                while (writing.get()) {
                  Document read = runs(reader).find(Filters.eq("_id", "wide")).first();
                  sizes.add(read.size());
                }
                return sizes;
              });

      for (int i = 0; i < UPDATES; i++) {
        // Alternately drop and add back fields, so the update changes the document's key set.
        Bson update =
            i % 2 == 0
                ? Updates.combine(Updates.unset("f" + (i % FIELDS)), Updates.set("n", i))
                : Updates.combine(
                    Updates.set("f" + ((i - 1) % FIELDS), "back"), Updates.set("n", i));
        runs(writer).updateOne(Filters.eq("_id", "wide"), update);
      }
      writing.set(false);

      List<Integer> sizes = reads.join();
      assertThat(sizes).isNotEmpty().allMatch(size -> size == FIELDS + 1 || size == FIELDS + 2);
      assertThat(runs(reader).find(Filters.eq("_id", "wide")).first().getInteger("n"))
          .isEqualTo(UPDATES - 1);
    }
  }

  private static MongoCollection<Document> runs(MongoClient client) {
    return client.getDatabase("outrun").getCollection("runs");
  }
}
