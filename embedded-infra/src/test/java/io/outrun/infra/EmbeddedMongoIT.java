package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoIT {

  @TempDir Path dataDir;

  @Test
  void documentsSurviveARestartAndChangeStreamsSeeNewWritesRightAfterIt() {
    int port;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC())) {
      port = mongo.port();
      try (MongoClient client = MongoClients.create(mongo.connectionString())) {
        leads(client).insertOne(new Document("_id", "kept"));
      }
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, port, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(leads(client).find(new Document("_id", "kept")).first()).isNotNull();

      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().cursor()) {
        leads(client).insertOne(new Document("_id", "after-restart"));
        ChangeStreamDocument<Document> change = ChangeStreams.next(stream);
        assertThat(change.getDocumentKey().getString("_id").getValue()).isEqualTo("after-restart");
      }
    }
  }

  @Test
  void trimmingTheOplogDeletesOldEntries() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      leads(client).insertOne(new Document("_id", "a"));

      assertThat(mongo.trimOplog(Duration.ofSeconds(-5))).isPositive();
      assertThat(client.getDatabase("local").getCollection("oplog.rs").countDocuments()).isZero();
    }
  }

  @Test
  void findAndModifyChangesReachChangeStreamsAsOnMongoDb() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().fullDocument(FullDocument.UPDATE_LOOKUP).cursor()) {
      leads(client).insertOne(new Document("_id", "a").append("status", "cold"));
      leads(client)
          .findOneAndUpdate(
              new Document("_id", "a"), new Document("$set", new Document("status", "hot")));

      assertThat(ChangeStreams.next(stream).getOperationType()).isEqualTo(OperationType.INSERT);
      ChangeStreamDocument<Document> update = ChangeStreams.next(stream);
      assertThat(update.getOperationType()).isEqualTo(OperationType.UPDATE);
      assertThat(update.getFullDocument()).containsEntry("status", "hot");
      assertThat(update.getDocumentKey().getString("_id").getValue()).isEqualTo("a");
      assertThat(update.getUpdateDescription().getUpdatedFields().getString("status").getValue())
          .isEqualTo("hot");
      assertThat(update.getNamespace().getCollectionName()).isEqualTo("leads");

      leads(client)
          .findOneAndUpdate(
              new Document("_id", "b"),
              new Document("$set", new Document("status", "new")),
              new FindOneAndUpdateOptions().upsert(true));
      leads(client).findOneAndDelete(new Document("_id", "a"));
      ChangeStreamDocument<Document> upsert = ChangeStreams.next(stream);
      assertThat(upsert.getOperationType()).isEqualTo(OperationType.INSERT);
      assertThat(upsert.getFullDocument()).containsEntry("_id", "b").containsEntry("status", "new");
      ChangeStreamDocument<Document> delete = ChangeStreams.next(stream);
      assertThat(delete.getOperationType()).isEqualTo(OperationType.DELETE);
      assertThat(delete.getDocumentKey().getString("_id").getValue()).isEqualTo("a");
    }
  }

  @Test
  void answersHelloAsMongoDbDoes() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

      assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
      assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
      assertThat(hello.get("maxWireVersion", Number.class).intValue()).isPositive();
    }
  }

  @Test
  void listsDatabaseNamesAloneWhenAskedForNamesOnlyAsMongoDbDoes() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      client.getDatabase("outrun").getCollection("runs").insertOne(new Document("_id", "r1"));
      client.getDatabase("other").getCollection("docs").insertOne(new Document("_id", "d1"));

      // what a driver's listDatabaseNames (and Spring Boot's health check) sends
      Document names =
          client
              .getDatabase("admin")
              .runCommand(new Document("listDatabases", 1).append("nameOnly", true));
      Document full = client.getDatabase("admin").runCommand(new Document("listDatabases", 1));

      assertThat(names.get("ok", Number.class).intValue()).isEqualTo(1);
      assertThat(names.getList("databases", Document.class))
          .contains(new Document("name", "other"), new Document("name", "outrun"))
          .allSatisfy(database -> assertThat(database.keySet()).containsExactly("name"));
      assertThat(client.listDatabaseNames().into(new ArrayList<>())).contains("other", "outrun");
      // as a shell sends it
      assertThat(
              client
                  .getDatabase("admin")
                  .runCommand(new Document("listDatabases", 1).append("nameOnly", 1))
                  .getList("databases", Document.class))
          .allSatisfy(database -> assertThat(database.keySet()).containsExactly("name"));
      // asked for in full, mongo-java-server answers as before (whether each database is empty)
      assertThat(full.getList("databases", Document.class))
          .filteredOn(database -> "outrun".equals(database.getString("name")))
          .singleElement()
          .satisfies(database -> assertThat(database.getBoolean("empty")).isFalse());
    }
  }

  @Test
  void aStreamResumesAfterItsTokenAcrossARestart() {
    int port;
    BsonDocument token;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC())) {
      port = mongo.port();
      try (MongoClient client = MongoClients.create(mongo.connectionString());
          MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
              leads(client).watch().cursor()) {
        leads(client).insertOne(new Document("_id", "seen"));
        token = ChangeStreams.next(stream).getResumeToken();
        leads(client).insertOne(new Document("_id", "missed-before-the-restart"));
        client.getDatabase("outrun").getCollection("other").insertOne(new Document("_id", "x"));
      }
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, port, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().resumeAfter(token).cursor()) {
      leads(client).insertOne(new Document("_id", "after-the-restart"));

      assertThat(ChangeStreams.next(stream).getDocumentKey().getString("_id").getValue())
          .isEqualTo("missed-before-the-restart");
      assertThat(ChangeStreams.next(stream).getDocumentKey().getString("_id").getValue())
          .isEqualTo("after-the-restart");
    }
  }

  @Test
  void aStreamWhoseFilterMatchesNothingStillSeesTheNextMatch() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client)
                .watch(
                    List.of(
                        Aggregates.match(
                            Filters.eq("updateDescription.updatedFields.status", "hot"))))
                .cursor()) {
      leads(client).insertOne(new Document("_id", "a").append("status", "cold"));
      for (int i = 0; i < 50; i++) {
        leads(client)
            .updateOne(new Document("_id", "a"), new Document("$set", new Document("touched", i)));
      }
      leads(client)
          .updateOne(new Document("_id", "a"), new Document("$set", new Document("status", "hot")));

      ChangeStreamDocument<Document> hot = ChangeStreams.next(stream);
      assertThat(hot.getDocumentKey().getString("_id").getValue()).isEqualTo("a");
      assertThat(hot.getFullDocument()).as("no lookup was asked for").isNull();
      assertThat(stream.tryNext()).isNull();
    }
  }

  @Test
  void queriesNamingAUniqueKeyAmongOtherFieldsMatchExactlyAsOnMongoDb() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = client.getDatabase("outrun").getCollection("runs");
      runs.createIndex(new Document("requestEventId", 1), new IndexOptions().unique(true));
      runs.insertOne(
          new Document("_id", "r1").append("requestEventId", "e1").append("status", "queued"));
      runs.insertOne(
          new Document("_id", "r2").append("requestEventId", "e2").append("status", "queued"));

      assertThat(
              runs.updateOne(
                      Filters.and(Filters.eq("_id", "r1"), Filters.eq("status", "running")),
                      Updates.set("status", "failed"))
                  .getMatchedCount())
          .isZero();
      assertThat(
              runs.updateOne(
                      Filters.and(Filters.eq("_id", "r1"), Filters.eq("status", "queued")),
                      Updates.set("status", "running"))
                  .getMatchedCount())
          .isEqualTo(1);
      assertThat(
              runs.find(
                      Filters.and(
                          Filters.eq("requestEventId", "e1"), Filters.eq("status", "running")))
                  .first())
          .containsEntry("_id", "r1");
      assertThat(
              runs.deleteOne(Filters.and(Filters.eq("_id", "r2"), Filters.ne("status", "queued")))
                  .getDeletedCount())
          .isZero();
      assertThat(runs.find(Filters.eq("status", "queued")).first()).containsEntry("_id", "r2");
      assertThat(runs.listIndexes().into(new ArrayList<>()))
          .extracting(index -> index.getString("name"))
          .containsExactlyInAnyOrder("_id_", "requestEventId_1");
    }
  }

  @Test
  void resumingFromATokenTheOplogNoLongerReachesFailsWithHistoryLost() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      BsonDocument token;
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().cursor()) {
        leads(client).insertOne(new Document("_id", "seen"));
        token = ChangeStreams.next(stream).getResumeToken();
      }
      leads(client).insertOne(new Document("_id", "trimmed-away"));
      mongo.trimOplog(Duration.ofSeconds(-5));
      leads(client).insertOne(new Document("_id", "after-the-trim"));

      assertThatThrownBy(() -> leads(client).watch().resumeAfter(token).cursor().tryNext())
          .isInstanceOfSatisfying(
              MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(286));
    }
  }

  @Test
  void droppingTheCollectionEndsItsStreamWithDropThenInvalidateAndStartAfterGoesOn() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> other = client.getDatabase("outrun").getCollection("others");
      BsonDocument invalidateToken;
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().cursor()) {
        leads(client).insertOne(new Document("_id", "before-drop"));
        other.insertOne(new Document("_id", "elsewhere"));
        other.drop(); // another collection's drop is not this stream's business
        leads(client).drop();

        assertThat(ChangeStreams.next(stream).getOperationType()).isEqualTo(OperationType.INSERT);
        ChangeStreamDocument<Document> drop = ChangeStreams.next(stream);
        assertThat(drop.getOperationType()).isEqualTo(OperationType.DROP);
        assertThat(drop.getNamespace().getCollectionName()).isEqualTo("leads");
        ChangeStreamDocument<Document> invalidate = ChangeStreams.next(stream);
        assertThat(invalidate.getOperationType()).isEqualTo(OperationType.INVALIDATE);
        invalidateToken = invalidate.getResumeToken();
      }

      leads(client).insertOne(new Document("_id", "recreated"));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().startAfter(invalidateToken).cursor()) {
        ChangeStreamDocument<Document> next = ChangeStreams.next(stream);
        assertThat(next.getOperationType()).isEqualTo(OperationType.INSERT);
        assertThat(next.getDocumentKey().getString("_id").getValue()).isEqualTo("recreated");
      }
    }
  }

  @Test
  void aReplacementIsAReplaceEventWithTheNewDocumentAsOnMongoDb() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      leads(client).insertOne(new Document("_id", "l1").append("status", "cold"));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          leads(client).watch().cursor()) {
        leads(client).replaceOne(new Document("_id", "l1"), new Document("status", "hot"));
        leads(client).updateOne(new Document("_id", "l1"), Updates.set("status", "warm"));

        ChangeStreamDocument<Document> replace = ChangeStreams.next(stream);
        assertThat(replace.getOperationType()).isEqualTo(OperationType.REPLACE);
        assertThat(replace.getFullDocument())
            .isEqualTo(new Document("_id", "l1").append("status", "hot"));
        assertThat(replace.getDocumentKey().getString("_id").getValue()).isEqualTo("l1");
        assertThat(ChangeStreams.next(stream).getOperationType()).isEqualTo(OperationType.UPDATE);
      }
    }
  }

  @Test
  void startingAtAnOperationTimeTheOplogNoLongerReachesFailsWithHistoryLost() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      leads(client).insertOne(new Document("_id", "trimmed-away"));
      mongo.trimOplog(Duration.ofSeconds(-5));
      leads(client).insertOne(new Document("_id", "after-the-trim"));
      BsonTimestamp longAgo = new BsonTimestamp((int) (System.currentTimeMillis() / 1000) - 60, 0);

      assertThatThrownBy(
              () -> leads(client).watch().startAtOperationTime(longAgo).cursor().tryNext())
          .isInstanceOfSatisfying(
              MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(286));
    }
  }

  @Test
  void anEmptyChangeStreamGetMoreWaitsForDataInsteadOfSpinning() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
            leads(client).watch().maxAwaitTime(300, TimeUnit.MILLISECONDS).cursor()) {
      long start = System.nanoTime();
      ChangeStreamDocument<Document> nothing = stream.tryNext();
      long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

      assertThat(nothing).isNull();
      assertThat(waitedMs).as("the server held the empty getMore open").isGreaterThanOrEqualTo(200);

      leads(client).insertOne(new Document("_id", "arrives"));
      assertThat(ChangeStreams.next(stream)).isNotNull();
    }
  }

  private static MongoCollection<Document> leads(MongoClient client) {
    return client.getDatabase("outrun").getCollection("leads");
  }
}
