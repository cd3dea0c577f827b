package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process MongoDB killed with SIGKILL while clients write: every write it acknowledged is
 * there after a restart, with its index entries and its oplog entry.
 */
class EmbeddedMongoCrashIT {

  private static final String NAMESPACE = "crash.docs";
  private static final int WRITERS = 8;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkillWithItsIndexAndOplogEntries() throws Exception {
    Path data = dir.resolve("mongo");
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>(); // _id -> last acknowledged n
    try (MongoProcess mongo = MongoProcess.start(data, dir.resolve("mongo.log"));
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      docs(client)
          .createIndex(Indexes.ascending("requestEventId"), new IndexOptions().unique(true));
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        String prefix = "w" + w + "-";
        writers.execute(() -> writeUntilKilled(docs(client), prefix, acknowledged));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
      mongo.kill();
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    try (StoreFile store = StoreFile.open(data)) {
      assertThat(store.newestCommitMarked()).as("only commits between commands").isTrue();
      Set<Object> ids = store.documentIds(NAMESPACE);
      assertThat(store.indexedIds(NAMESPACE, "_id_")).isEqualTo(ids);
      assertThat(store.indexEntries(NAMESPACE, "_id_")).isEqualTo(ids.size());
      assertThat(store.indexedIds(NAMESPACE, "requestEventId_1")).isEqualTo(ids);
      assertThat(store.indexEntries(NAMESPACE, "requestEventId_1")).isEqualTo(ids.size());
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> docs = docs(client);
      Map<Object, Document> scanned = new HashMap<>();
      docs.find().forEach(doc -> scanned.put(doc.get("_id"), doc));
      acknowledged.forEach(
          (id, n) -> {
            Document byId = docs.find(Filters.eq("_id", id)).first();
            assertThat(byId).as("%s by _id", id).isNotNull();
            assertThat(byId.getInteger("n"))
                .as("%s's acknowledged n", id)
                .isGreaterThanOrEqualTo(n);
            assertThat(docs.find(Filters.eq("requestEventId", "ev-" + id)).first())
                .as("%s by requestEventId", id)
                .isNotNull();
            assertThat(scanned).as("%s in a full scan", id).containsKey(id);
          });
      for (Object id : scanned.keySet()) {
        assertThat(docs.find(Filters.eq("_id", id)).first()).as("%s by _id", id).isNotNull();
      }
      assertThat(insertsInOplog(client)).containsAll(scanned.keySet());

      docs.insertOne(new Document("_id", "after-restart").append("requestEventId", "ev-new"));
      String existing = acknowledged.keySet().iterator().next();
      assertThatThrownBy(
              () -> docs.insertOne(new Document("_id", existing).append("requestEventId", "ev-x")))
          .isInstanceOfSatisfying(
              MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
    }
  }

  /**
   * Inserts, updates, and findAndModifies documents until the server is gone, recording each write
   * once it is acknowledged; and updates that match nothing in between.
   */
  private static void writeUntilKilled(
      MongoCollection<Document> docs, String prefix, Map<String, Integer> acknowledged) {
    try {
      for (int i = 0; ; i++) {
        String id = prefix + i;
        docs.insertOne(new Document("_id", id).append("requestEventId", "ev-" + id).append("n", 0));
        acknowledged.put(id, 0);
        docs.updateOne(Filters.eq("_id", id), Updates.set("n", 1));
        acknowledged.put(id, 1);
        docs.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("n", 1)), Updates.set("n", 2));
        acknowledged.put(id, 2);
        docs.updateOne( // changes nothing: answered without waiting for a commit
            Filters.and(Filters.eq("_id", id), Filters.eq("n", -1)), Updates.set("n", 99));
      }
    } catch (RuntimeException serverGone) {
      // the kill: what was acknowledged until now is what must survive
    }
  }

  private static Set<Object> insertsInOplog(MongoClient client) {
    return client
        .getDatabase("local")
        .getCollection("oplog.rs")
        .find(Filters.and(Filters.eq("ns", NAMESPACE), Filters.eq("op", "i")))
        .map(entry -> entry.get("o", Document.class).get("_id"))
        .into(new java.util.ArrayList<>())
        .stream()
        .collect(Collectors.toSet());
  }

  private static MongoCollection<Document> docs(MongoClient client) {
    return client.getDatabase("crash").getCollection("docs");
  }
}
