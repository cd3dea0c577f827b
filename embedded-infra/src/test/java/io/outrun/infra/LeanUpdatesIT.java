package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process MongoDB's own paths for operator updates and for queries naming one {@code _id}
 * ({@link UnsharedH2Collection}) answer as mongo-java-server's unchanged code does: each runs
 * against both, the embedded store and a plain in-memory mongo-java-server, and the answers
 * (matched, modified, upserted id, or the error's code) and the documents left are compared after
 * each.
 */
class LeanUpdatesIT {

  private static final Date EARLIER = new Date(1_700_000_000_000L);
  private static final Date LATER = new Date(1_700_000_100_000L);

  @TempDir Path dataDir;

  private ComparedServers servers;
  private MongoCollection<Document> runs;
  private MongoCollection<Document> expectedRuns;

  @BeforeEach
  void start() {
    servers = new ComparedServers(dataDir);
    runs = servers.embedded().getDatabase("outrun").getCollection("runs");
    expectedRuns = servers.reference().getDatabase("outrun").getCollection("runs");
    for (MongoCollection<Document> collection : List.of(runs, expectedRuns)) {
      collection.createIndex(Indexes.ascending("requestEventId"), new IndexOptions().unique(true));
      collection.insertMany(
          List.of(
              run("run-1", "queued", "event-1"),
              run("run-2", "running", "event-2"),
              run("run-3", "completed", "event-3")));
    }
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void operatorUpdatesAnswerAndStoreAsTheServersOwnCode() {
    both(
        c ->
            c.updateOne(
                and(id("run-1"), new Document("status", "queued")),
                new Document(
                    "$set",
                    new Document("status", "running")
                        .append("startedAt", EARLIER)
                        .append("lease.owner", "runner-a"))));
    both(
        c ->
            c.updateOne(
                and(id("run-1"), new Document("status", "queued")),
                new Document("$set", new Document("status", "running"))));
    both(
        c ->
            c.updateOne(
                id("run-1"),
                new Document(
                        "$push",
                        new Document(
                            "steps",
                            new Document(
                                    "$each",
                                    List.of(
                                        new Document("nodeId", "log").append("output", "a"),
                                        new Document("nodeId", "transform")))
                                .append("$slice", -10)))
                    .append(
                        "$inc",
                        new Document("usage.aiTokensUsed", 5L)
                            .append("usage.estimatedCost", 0.25)
                            .append("usage.webhooksCalled", 1)
                            .append("usage.httpRequests", 0L)
                            .append("counts.new", 1))));
    both(
        c ->
            c.updateOne(
                id("run-1"),
                new Document("$inc", new Document("usage.webhooksCalled", Long.MAX_VALUE / 2))));
    both(
        c ->
            c.updateOne(
                and(id("run-1"), new Document("status", new Document("$in", List.of("running")))),
                new Document(
                        "$set",
                        new Document("status", "completed")
                            .append("finishedAt", LATER)
                            .append("error", null))
                    .append("$unset", new Document("lease", ""))
                    .append("$max", new Document("lastAt", LATER))
                    .append("$min", new Document("firstAt", EARLIER))));
    both(c -> c.updateOne(id("run-1"), new Document("$max", new Document("lastAt", EARLIER))));
    both(c -> c.updateOne(id("run-1"), new Document("$set", new Document("status", "completed"))));
    both(c -> c.updateOne(id("absent"), new Document("$set", new Document("status", "x"))));
    both(
        c ->
            c.updateOne(
                id("run-4"),
                new Document("$setOnInsert", new Document("requestEventId", "event-4"))
                    .append("$set", new Document("status", "queued")),
                new UpdateOptions().upsert(true)));
    both(
        c ->
            c.updateOne(
                id("run-4"),
                new Document("$setOnInsert", new Document("requestEventId", "other"))
                    .append("$inc", new Document("attempts", 1)),
                new UpdateOptions().upsert(true)));
    both(
        c ->
            c.updateMany(
                new Document("status", "completed"),
                new Document("$addToSet", new Document("tags", "done"))
                    .append("$rename", new Document("durationMs", "tookMs"))));
    both(c -> c.updateOne(id("run-2"), new Document("$pull", new Document("tags", "done"))));
  }

  @Test
  void refusedUpdatesAreRefusedWithTheSameErrorAndChangeNothing() {
    both(
        c ->
            c.updateOne(
                id("run-2"), new Document("$set", new Document("requestEventId", "event-1"))));
    both(c -> c.updateOne(id("run-2"), new Document("$set", new Document("_id", "moved"))));
    both(c -> c.updateOne(id("run-2"), new Document("$inc", new Document("status", 1))));
    both(
        c ->
            c.updateOne(
                id("run-2"),
                new Document("$set", new Document("a", 1)).append("$inc", new Document("a", 1))));
    both(c -> c.updateOne(id("run-2"), new Document("$set", new Document("status.x", 1))));
    // and a unique key that moves to a free value moves in the index too
    both(
        c ->
            c.updateOne(
                id("run-2"), new Document("$set", new Document("requestEventId", "event-9"))));
    both(
        c ->
            c.updateOne(
                id("run-3"), new Document("$set", new Document("requestEventId", "event-2"))));
  }

  @Test
  void anIndexedFieldChangedThroughItsParentOrARenameMovesInTheIndex() {
    for (MongoCollection<Document> collection : List.of(runs, expectedRuns)) {
      collection.createIndex(
          Indexes.ascending("lease.token"), new IndexOptions().unique(true).sparse(true));
    }
    both(
        c ->
            c.updateOne(
                id("run-1"), new Document("$set", new Document("lease", lease("t1", "runner-a")))));
    both(c -> c.updateOne(id("run-2"), new Document("$set", new Document("lease.token", "t1"))));
    both(
        c ->
            c.updateOne(
                id("run-2"), new Document("$set", new Document("spare", lease("t1", "runner-b")))));
    both(c -> c.updateOne(id("run-2"), new Document("$rename", new Document("spare", "lease"))));
    // an update naming no indexed field leaves run-1's entry where it was
    both(c -> c.updateOne(id("run-1"), new Document("$set", new Document("status", "running"))));
    both(c -> c.updateOne(id("run-3"), new Document("$set", new Document("lease.token", "t1"))));
    both(c -> c.updateOne(id("run-1"), new Document("$unset", new Document("lease", ""))));
    both(c -> c.updateOne(id("run-2"), new Document("$rename", new Document("spare", "lease"))));
    both(c -> c.updateOne(id("run-1"), new Document("$set", new Document("lease.token", "t1"))));
    both(c -> c.updateOne(id("run-3"), new Document("$set", new Document("lease.token", "t1"))));
  }

  @Test
  void theFieldsAnUpdateChangesAreTheFirstNamesOfItsPathsAndOfItsNewNames() {
    assertThat(
            UnsharedH2Collection.changedFields(
                new de.bwaldvogel.mongo.bson.Document(
                        "$set",
                        new de.bwaldvogel.mongo.bson.Document("lease.owner", "a")
                            .append("status", "running"))
                    .append("$unset", new de.bwaldvogel.mongo.bson.Document("error", ""))
                    .append("$inc", new de.bwaldvogel.mongo.bson.Document("usage.tokens", 1))
                    .append(
                        "$rename", new de.bwaldvogel.mongo.bson.Document("spare", "lease.old"))))
        .containsExactlyInAnyOrder("lease", "status", "error", "usage", "spare");
  }

  @Test
  void positionalUpdatesStillUseTheServersPath() {
    both(
        c ->
            c.updateOne(
                and(id("run-3"), new Document("steps.nodeId", "log")),
                new Document("$set", new Document("steps.$.output", "changed"))));
    both(c -> c.updateOne(id("run-3"), new Document("$set", new Document("steps.$[].seen", true))));
  }

  @Test
  void queriesNamingOneIdFindWhatTheServersOwnCodeFinds() {
    ObjectId objectId = new ObjectId();
    for (MongoCollection<Document> collection : List.of(runs, expectedRuns)) {
      collection.insertMany(
          List.of(
              new Document("_id", 7).append("requestEventId", "event-7"),
              new Document("_id", 8L).append("requestEventId", "event-8"),
              new Document("_id", objectId).append("requestEventId", "event-o")));
    }
    List<Bson> queries =
        List.of(
            id("run-1"),
            and(id("run-1"), new Document("status", "queued")),
            and(id("run-1"), new Document("status", "running")),
            and(id("run-2"), new Document("steps.nodeId", new Document("$nin", List.of("x")))),
            and(id("run-2"), new Document("steps.nodeId", new Document("$nin", List.of("log")))),
            id("absent"),
            new Document("_id", objectId),
            new Document("_id", 7L),
            new Document("_id", 8),
            new Document("_id", new Document("$in", List.of("run-1", "run-3"))));
    for (Bson query : queries) {
      assertThat(runs.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>()))
          .as("%s", query)
          .isEqualTo(expectedRuns.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }
    both(c -> c.deleteOne(and(id("run-3"), new Document("status", "running"))));
    both(c -> c.deleteOne(and(id("run-3"), new Document("status", "completed"))));
  }

  /** Runs {@code statement} on both servers and compares the answers and the documents left. */
  private void both(Function<MongoCollection<Document>, ?> statement) {
    assertThat(answer(statement, runs)).isEqualTo(answer(statement, expectedRuns));
    assertThat(all(runs)).isEqualTo(all(expectedRuns));
  }

  private static String answer(
      Function<MongoCollection<Document>, ?> statement, MongoCollection<Document> collection) {
    try {
      return switch (statement.apply(collection)) {
        case UpdateResult result ->
            "matched "
                + result.getMatchedCount()
                + ", modified "
                + result.getModifiedCount()
                + ", upserted "
                + result.getUpsertedId();
        case DeleteResult result -> "deleted " + result.getDeletedCount();
        case Object other -> throw new IllegalArgumentException("not a write: " + other);
      };
    } catch (MongoWriteException e) {
      return "refused with " + e.getError().getCode();
    }
  }

  private static List<Document> all(MongoCollection<Document> collection) {
    return collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  private static Document run(String id, String status, String event) {
    return new Document("_id", id)
        .append("requestEventId", event)
        .append("status", status)
        .append("steps", List.of(new Document("nodeId", "log").append("output", "x")))
        .append(
            "usage",
            new Document("aiTokensUsed", 0L)
                .append("estimatedCost", 0.0)
                .append("webhooksCalled", 0L)
                .append("httpRequests", 0L))
        .append("durationMs", 12);
  }

  private static Document lease(String token, String owner) {
    return new Document("token", token).append("owner", owner);
  }

  private static Document id(String id) {
    return new Document("_id", id);
  }

  private static Bson and(Document first, Document second) {
    Document both = new Document(first);
    both.putAll(second);
    return both;
  }
}
