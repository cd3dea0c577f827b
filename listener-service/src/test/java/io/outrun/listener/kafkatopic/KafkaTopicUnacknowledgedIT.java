package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.RunRequested;
import io.outrun.listener.ListenerInstances;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.datachange.KafkaRunRequests;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offsets are committed only once the run request is on Outrun's topic: a listener whose producer
 * reaches no Kafka consumes a trigger's topic on a cluster named in its configuration ({@code
 * outrun.listener.kafka-topic.clusters}), fails to publish and commits nothing; a listener that can
 * publish then requests every record, from the first.
 */
class KafkaTopicUnacknowledgedIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final String database = "kafkatopic-ack-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void recordsWhoseRunRequestsKafkaNeverAcknowledgedAreRequestedAfterARestart() throws Exception {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    try (TopicRecords records = new TopicRecords(1);
        MongoClient client = MongoClients.create(TestInfra.shared().mongoConnectionString())) {
      StoredDocuments.TriggerBuilder trigger =
          StoredDocuments.trigger(workflow.id(), "kafka_topic")
              .config("topic", records.topic())
              .config("cluster", "users");
      MongoDatabase db = client.getDatabase(database);
      db.getCollection("workflows").insertOne(workflow.build());
      db.getCollection("triggers").insertOne(trigger.build());
      for (int i = 0; i < 3; i++) {
        records.send("k" + i, "{\"n\": " + i + "}", Map.of());
      }

      try (ConfigurableApplicationContext cutOff =
          listener(
              // its run requests go nowhere; its consumers read the real Kafka
              "--spring.kafka.producer.bootstrap-servers=127.0.0.1:1",
              "--outrun.kafka.publish-timeout=300ms")) {
        await().atMost(PATIENCE).until(() -> failed(cutOff, trigger) >= 2);
      }

      try (ConfigurableApplicationContext publishing = listener()) {
        KafkaRunRequests requests = new KafkaRunRequests(publishing.getBean(JsonMapper.class));
        List<RunRequested> found =
            await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> requests.of(workflow.id(), trigger.id()), r -> r.size() >= 3);
        assertThat(found)
            .extracting(r -> (Object) r.triggeredBy().payload().get("key"))
            .containsExactly("k0", "k1", "k2");
      }
    }
  }

  private static double failed(
      ConfigurableApplicationContext listener, StoredDocuments.TriggerBuilder trigger) {
    return KafkaTopicFixture.counted(
        listener.getBean(MeterRegistry.class), trigger.id(), KafkaTopicMetrics.FAILED);
  }

  private ConfigurableApplicationContext listener(String... settings) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--outrun.listener.schedule.enabled=false",
                "--outrun.listener.data-change.enabled=false",
                "--outrun.listener.kafka-topic.min-backoff=100ms",
                "--outrun.listener.kafka-topic.max-backoff=500ms",
                "--outrun.listener.kafka-topic.clusters.users.bootstrap.servers="
                    + TestInfra.shared().kafkaBootstrapServers()));
    args.addAll(List.of(settings));
    return ListenerInstances.start(database, args.toArray(String[]::new));
  }
}
