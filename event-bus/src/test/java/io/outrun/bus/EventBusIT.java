package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.testing.TestInfra;
import io.outrun.testing.TestInfraInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import reactor.test.StepVerifier;

@SpringBootTest(classes = EventBusIT.App.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class EventBusIT {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;

  @Test
  void publishedRequestIsReceivedAndUncommittedOnesComeBack() {
    RunRequested request = request();
    StepVerifier.create(publisher.publish(request)).verifyComplete();
    String group = "bus-test-" + UUID.randomUUID();

    StepVerifier.create(
            consumers
                .create(group, Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .next())
        .assertNext(delivery -> assertThat(delivery.event().runId()).isEqualTo(request.runId()))
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    StepVerifier.create(
            consumers
                .create(group, Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .next()
                .flatMap(delivery -> delivery.commit().thenReturn(delivery)))
        .as("never committed, so delivered again to the same group")
        .expectNextCount(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void unreadableRecordGoesToTheDeadLetterTopicWithItsReasonAndDoesNotBlock() throws Exception {
    String key = "wf-" + UUID.randomUUID();
    sendRaw(key, "{definitely not json");
    RunRequested after = request(key);
    StepVerifier.create(publisher.publish(after)).verifyComplete();

    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(after))
                .next())
        .expectNextCount(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    ConsumerRecord<String, byte[]> dead = findDeadLetter(key);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{definitely not json");
    assertThat(
            new String(
                dead.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isNotBlank();
  }

  private static RunRequested request() {
    return request("wf-" + UUID.randomUUID());
  }

  /** Same workflow id, same key, same partition: records after a bad one must still arrive. */
  private static RunRequested request(String workflowId) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        workflowId,
        1,
        false,
        TriggeredBy.manual("u1", Map.of("n", 1)),
        0,
        UUID.randomUUID().toString());
  }

  private static void sendRaw(String key, String value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.RUN_REQUESTS, key, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private static ConsumerRecord<String, byte[]> findDeadLetter(String key) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.RUN_REQUESTS_DEAD_LETTER));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            return record;
          }
        }
      }
      throw new AssertionError("no dead letter with key " + key);
    }
  }
}
