package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.testing.TestInfra;
import io.outrun.testing.TestInfraInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import reactor.core.Disposable;

/**
 * {@link EventConsumers#createRecordsSince} against the real Kafka: a new group starts each
 * partition at the first record since the instant, or at its end; a committed offset the topic no
 * longer keeps moves to the oldest record kept.
 */
@SpringBootTest(classes = BusTestApp.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class RecordConsumerStartIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired EventConsumers consumers;

  private final String topic = "user-topic-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "group-" + UUID.randomUUID();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private Admin admin;
  private KafkaProducer<String, String> producer;
  private Disposable consuming;

  @BeforeEach
  void createTopic() throws Exception {
    String servers = TestInfra.shared().kafkaBootstrapServers();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterEach
  void close() {
    if (consuming != null) {
      consuming.dispose();
    }
    producer.close();
    admin.close();
  }

  @Test
  void aNewGroupReadsEachPartitionFromTheInstantOnWhetherRecordsCameBeforeOrAfterItJoined()
      throws Exception {
    send(0, "old-0");
    send(1, "old-1");
    RecordMetadata last = send(2, "old-2");
    Instant since = Instant.ofEpochMilli(last.timestamp() + 1);
    send(0, "new-0");

    consume(since);
    await().atMost(PATIENCE).until(() -> received.contains("new-0"));
    send(1, "new-1");
    send(2, "new-2");

    await().atMost(PATIENCE).until(() -> received.size() >= 3);
    await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> received.size() == 3);
    assertThat(received).containsExactlyInAnyOrder("new-0", "new-1", "new-2");
  }

  @Test
  void aCommittedOffsetIsWhereTheGroupResumesAndOneNoLongerKeptMovesToTheOldestKept()
      throws Exception {
    for (int i = 0; i < 4; i++) {
      send(0, "p0-" + i);
      send(1, "p1-" + i);
    }
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    admin
        .deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(2)))
        .all()
        .get(30, TimeUnit.SECONDS);
    admin
        .alterConsumerGroupOffsets(
            group, Map.of(p0, new OffsetAndMetadata(1), p1, new OffsetAndMetadata(3)))
        .all()
        .get(30, TimeUnit.SECONDS);

    // an instant far ahead: a partition taken for new would read nothing
    consume(Instant.now().plus(Duration.ofDays(1)));

    await().atMost(PATIENCE).until(() -> received.size() >= 3);
    await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> received.size() == 3);
    assertThat(received).containsExactlyInAnyOrder("p0-2", "p0-3", "p1-3");
  }

  private void consume(Instant since) {
    consuming =
        consumers
            .createRecordsSince(group, topic, Map.of(), since)
            .receive()
            .concatMap(
                record -> {
                  received.add(new String(record.value(), StandardCharsets.UTF_8));
                  return record.commit();
                })
            .subscribe();
  }

  private RecordMetadata send(int partition, String value) throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, partition, null, value))
        .get(30, TimeUnit.SECONDS);
  }
}
