package io.outrun.listener.kafkatopic;

import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A topic of the test's own on the test Kafka, and the records a user's producer writes to it. */
final class TopicRecords implements AutoCloseable {

  private final String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
  private final KafkaProducer<byte[], byte[]> producer;

  TopicRecords(int partitions) throws Exception {
    String servers = TestInfra.shared().kafkaBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  String topic() {
    return topic;
  }

  /** Sends a record with a text key and value, and waits for the acknowledgement. */
  RecordMetadata send(String key, String value, Map<String, String> headers) throws Exception {
    return send(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  RecordMetadata send(byte[] key, byte[] value, Map<String, String> headers) throws Exception {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        (name, text) ->
            record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
    return producer.send(record).get(30, TimeUnit.SECONDS);
  }

  /** Whether {@code group} has a member with partitions of this topic assigned. */
  boolean assigned(String group) throws Exception {
    String servers = TestInfra.shared().kafkaBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(group)
          .members()
          .stream()
          .anyMatch(member -> !member.assignment().topicPartitions().isEmpty());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
