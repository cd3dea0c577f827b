package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change streams read the stored oplog by timestamp, after a restart too. */
class OplogHistoryIT {

  private static final int CHANGES = 1_000;

  @TempDir Path dataDir;

  @Test
  void aStreamResumedFarBehindAfterARestartReadsEveryLaterChangeInOrder() {
    BsonDocument afterTenth;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().cursor()) {
      for (int i = 0; i < CHANGES; i++) {
        leads(client).insertOne(new Document("_id", i));
      }
      for (int i = 0; i < 9; i++) {
        ChangeStreams.next(stream);
      }
      afterTenth = ChangeStreams.next(stream).getResumeToken();
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().resumeAfter(afterTenth).cursor()) {
      List<Integer> ids = new ArrayList<>();
      for (int i = 10; i < CHANGES; i++) {
        ids.add(ChangeStreams.next(stream).getDocumentKey().getInt32("_id").getValue());
      }

      assertThat(ids).isSorted().hasSize(CHANGES - 10).startsWith(10).endsWith(CHANGES - 1);
    }
  }

  @Test
  void aStreamOnAQuietCollectionGoesPastOtherWritesAndStillSeesItsOwnAndItsDrop() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().cursor()) {
      MongoCollection<Document> others = client.getDatabase("oplog").getCollection("others");
      leads(client).insertOne(new Document("_id", "first"));
      for (int i = 0; i < 300; i++) {
        others.insertOne(new Document("_id", i));
      }
      assertThat(ChangeStreams.next(stream).getDocumentKey().getString("_id").getValue())
          .isEqualTo("first");
      assertThat(stream.tryNext()).as("only other collections' writes since").isNull();
      others.insertOne(new Document("_id", "later"));
      leads(client).insertOne(new Document("_id", "second"));
      assertThat(ChangeStreams.next(stream).getDocumentKey().getString("_id").getValue())
          .isEqualTo("second");
      others.insertOne(new Document("_id", "last"));
      assertThat(stream.tryNext()).isNull();
      leads(client).drop(); // recorded under the database's commands, not the collection

      assertThat(ChangeStreams.next(stream).getOperationTypeString()).isEqualTo("drop");
      assertThat(ChangeStreams.next(stream).getOperationTypeString()).isEqualTo("invalidate");
    }
  }

  @Test
  void aFilteredStreamReadInSmallBatchesMissesNoMatchingChange() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client)
                .watch(List.of(Aggregates.match(Filters.eq("fullDocument.keep", true))))
                .batchSize(3)
                .cursor()) {
      for (int i = 0; i < 60; i++) {
        leads(client).insertOne(new Document("_id", i).append("keep", i % 3 == 0));
      }
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(ChangeStreams.next(stream).getDocumentKey().getInt32("_id").getValue());
      }

      assertThat(ids).isEqualTo(IntStream.range(0, 20).map(i -> i * 3).boxed().toList());
      assertThat(stream.tryNext()).isNull();
    }
  }

  @Test
  void eachStoredEntryHasItsTimestampAsItsId() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      leads(client).insertOne(new Document("_id", "a"));
      leads(client).updateOne(Filters.eq("_id", "a"), new Document("$set", new Document("x", 1)));

      List<Document> entries =
          client
              .getDatabase("local")
              .getCollection("oplog.rs")
              .find(Filters.eq("ns", "oplog.leads"))
              .sort(Sorts.ascending("ts"))
              .into(new ArrayList<>());

      assertThat(entries).hasSize(2);
      entries.forEach(entry -> assertThat(entry.get("_id")).isEqualTo(entry.get("ts")));
    }
  }

  private static MongoCollection<Document> leads(MongoClient client) {
    return client.getDatabase("oplog").getCollection("leads");
  }
}
