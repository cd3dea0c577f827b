package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.listener.ListenerInstances;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.datachange.KafkaRunRequests;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real listener applications on one database of their own, as the data-change triggers are tested:
 * two replicas share a trigger's partitions (both request runs), one stopping mid-stream hands its
 * partitions to the other, and records written while no listener runs are requested when one starts
 * again; every record's run exactly once (one run id per record, none missing).
 */
class KafkaTopicReplicasIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /**
   * How long a rebalance may take to hand a replica its partitions (the second joining, the first
   * stopping): well under reactor-kafka's {@code maxDelayRebalance} (60 s), which a rebalance
   * waited out in full while a handler held records behind a commit that the delay itself kept from
   * completing.
   */
  private static final Duration TAKEOVER = Duration.ofSeconds(30);

  private static final int PARTITIONS = 4;

  private final String database = "kafkatopic-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void twoReplicasSharePartitionsAndAStopOrRestartMidStreamLosesAndDoublesNoRun() throws Exception {
    Set<String> expectedRunIds = new HashSet<>();
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    try (TopicRecords records = new TopicRecords(PARTITIONS);
        MongoClient client = MongoClients.create(TestInfra.shared().mongoConnectionString());
        ConfigurableApplicationContext first = listener();
        ConfigurableApplicationContext second = listener()) {
      StoredDocuments.TriggerBuilder trigger =
          StoredDocuments.trigger(workflow.id(), "kafka_topic").config("topic", records.topic());
      MongoDatabase db = client.getDatabase(database);
      KafkaRunRequests requests = new KafkaRunRequests(first.getBean(JsonMapper.class));
      db.getCollection("workflows").insertOne(workflow.build());
      db.getCollection("triggers").insertOne(trigger.build());
      await().atMost(PATIENCE).until(() -> consuming(first, trigger) && consuming(second, trigger));

      // both replicas in the trigger's group: each requests the runs of the partitions the group
      // gives it. Both consuming does not mean the group has split the partitions yet (that takes
      // a rebalance, which revokes the first's partitions with its records under way), so records
      // go out in rounds until both have requested runs.
      await()
          .atMost(TAKEOVER)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                send(records, trigger, expectedRunIds, "shared-" + expectedRunIds.size(), 10);
                return requested(first, trigger) > 0 && requested(second, trigger) > 0;
              });
      awaitRuns(requests, workflow, trigger, expectedRunIds, PATIENCE);
      assertThat(requested(first, trigger)).as("first replica's runs").isPositive();
      assertThat(requested(second, trigger)).as("second replica's runs").isPositive();

      // one stops mid-stream: the other takes its partitions from the committed offsets, and soon
      send(records, trigger, expectedRunIds, "during-stop", 20);
      first.close();
      send(records, trigger, expectedRunIds, "after-stop", 20);
      awaitRuns(requests, workflow, trigger, expectedRunIds, TAKEOVER);

      // no listener at all while records come, then one starts again
      second.close();
      send(records, trigger, expectedRunIds, "while-down", 30);
      try (ConfigurableApplicationContext restarted = listener()) {
        awaitRuns(requests, workflow, trigger, expectedRunIds, PATIENCE);
        List<RunRequested> all = requests.of(workflow.id(), trigger.id());
        assertThat(all.stream().map(RunRequested::runId).distinct())
            .as("one run per record, none missing, none extra")
            .containsExactlyInAnyOrderElementsOf(expectedRunIds);
      }
    }
  }

  private static void send(
      TopicRecords records,
      StoredDocuments.TriggerBuilder trigger,
      Set<String> expectedRunIds,
      String prefix,
      int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      RecordMetadata sent = records.send(prefix + "-" + i, "{\"n\": " + i + "}", Map.of());
      String eventId =
          EventIds.of(
              "kafka_topic",
              trigger.id(),
              records.topic(),
              String.valueOf(sent.partition()),
              String.valueOf(sent.offset()));
      expectedRunIds.add(EventIds.runIdFor(eventId));
    }
  }

  private static void awaitRuns(
      KafkaRunRequests requests,
      StoredDocuments.WorkflowBuilder workflow,
      StoredDocuments.TriggerBuilder trigger,
      Set<String> expectedRunIds,
      Duration patience) {
    await()
        .atMost(patience)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                requests.of(workflow.id(), trigger.id()).stream()
                    .map(RunRequested::runId)
                    .toList()
                    .containsAll(expectedRunIds));
  }

  private static boolean consuming(
      ConfigurableApplicationContext listener, StoredDocuments.TriggerBuilder trigger) {
    return listener.getBean(KafkaTopicConsumers.class).consuming().contains(trigger.id());
  }

  private static double requested(
      ConfigurableApplicationContext listener, StoredDocuments.TriggerBuilder trigger) {
    return KafkaTopicFixture.counted(
        listener.getBean(MeterRegistry.class), trigger.id(), KafkaTopicMetrics.RUN_REQUESTED);
  }

  private ConfigurableApplicationContext listener() {
    return ListenerInstances.start(
        database,
        "--outrun.listener.schedule.enabled=false",
        "--outrun.listener.data-change.enabled=false",
        "--outrun.listener.kafka-topic.min-backoff=200ms");
  }
}
