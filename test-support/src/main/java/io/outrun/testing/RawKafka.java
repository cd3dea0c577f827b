package io.outrun.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka below Outrun's event types, for tests that need records no Outrun producer would write (bad
 * JSON) or that read what is not an event (dead letters with their reason header).
 */
public final class RawKafka {

  private final String bootstrapServers;

  public RawKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends {@code value} as UTF-8 bytes and waits for the broker's acknowledgement. */
  public void send(String topic, String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The first {@code count} records with {@code key} on {@code topic}, read from the start by a
   * consumer group of its own; fails if they are not there within {@code patience}.
   */
  public List<ConsumerRecord<String, byte[]>> read(
      String topic, String key, int count, Duration patience) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "raw-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + patience.toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key()) && found.size() < count) {
            found.add(record);
          }
        }
      }
    }
    if (found.size() < count) {
      throw new AssertionError(
          "found " + found.size() + " of " + count + " records with key " + key + " on " + topic);
    }
    return found;
  }

  /**
   * Every record with {@code key} on {@code topic} up to the end of each partition as the call
   * begins: after a publish was acknowledged, exactly what is on Kafka, duplicates included.
   */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
    return readAll(topic, key::equals);
  }

  /** Like {@link #readAll(String, String)}, for the records whose key {@code keys} accepts. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<String> keys) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end in 30 s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (keys.test(record.key())
              && record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /** A header's value as text, or null. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
