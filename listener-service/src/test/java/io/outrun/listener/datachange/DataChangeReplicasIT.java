package io.outrun.listener.datachange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.outrun.listener.ListenerInstances;
import io.outrun.listener.StoredDocuments;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real listener applications on one database of their own: two replicas share a trigger's stream
 * (one owns it, the other takes over when the owner stops), and changes made while no listener runs
 * are requested when one starts again; every change exactly once on Kafka.
 */
class DataChangeReplicasIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String database = "datachange-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String COLLECTION = "orders";

  @Test
  void oneReplicaOwnsTheStreamTheOtherTakesOverAndARestartMissesAndDoublesNothing() {
    List<String> inserted = new ArrayList<>();
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.trigger(workflow.id(), "data_change").config("collection", COLLECTION);
    try (MongoClient client = MongoClients.create(TestInfra.shared().mongoConnectionString());
        ConfigurableApplicationContext first = listener();
        ConfigurableApplicationContext second = listener()) {
      MongoDatabase db = client.getDatabase(database);
      KafkaRunRequests requests = new KafkaRunRequests(first.getBean(JsonMapper.class));
      db.getCollection("workflows").insertOne(workflow.build());
      db.getCollection("triggers").insertOne(trigger.build());

      // one owner
      await().atMost(PATIENCE).until(() -> watching(first, trigger) || watching(second, trigger));
      await().atMost(PATIENCE).until(() -> position(db, trigger) != null);
      ConfigurableApplicationContext owner = watching(first, trigger) ? first : second;
      ConfigurableApplicationContext other = owner == first ? second : first;
      insert(db, inserted, "owned", 5);
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(300))
          .until(() -> requests.of(workflow.id(), trigger.id()).size() == inserted.size());
      assertThat(watching(other, trigger)).as("the other replica does not watch").isFalse();

      // the owner stops: the other takes over from the stored position
      owner.close();
      await().atMost(PATIENCE).until(() -> watching(other, trigger));
      insert(db, inserted, "taken-over", 5);
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(300))
          .until(() -> requests.of(workflow.id(), trigger.id()).size() == inserted.size());

      // no listener at all while more changes come, then one starts again
      other.close();
      insert(db, inserted, "while-down", 20);
      try (ConfigurableApplicationContext restarted = listener()) {
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(300))
            .until(() -> requests.of(workflow.id(), trigger.id()).size() >= inserted.size());
        assertThat(requests.documentIds(workflow.id(), trigger.id()))
            .as("every change once, in order, none doubled")
            .containsExactlyElementsOf(inserted);
      }
    }
  }

  private static void insert(MongoDatabase db, List<String> inserted, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i;
      db.getCollection(COLLECTION).insertOne(new Document("_id", id));
      inserted.add(id);
    }
  }

  private static boolean watching(
      ConfigurableApplicationContext listener, StoredDocuments.TriggerBuilder trigger) {
    return listener.isActive()
        && listener.getBean(DataChangeWatchers.class).watching().contains(trigger.id());
  }

  private static Document position(MongoDatabase db, StoredDocuments.TriggerBuilder trigger) {
    return db.getCollection(StreamPositionStore.COLLECTION)
        .find(new Document("_id", trigger.id()))
        .first();
  }

  private ConfigurableApplicationContext listener() {
    return ListenerInstances.start(
        database,
        "--outrun.listener.schedule.enabled=false",
        "--outrun.listener.data-change.heartbeat=300ms",
        "--outrun.listener.data-change.lease-duration=1s");
  }
}
