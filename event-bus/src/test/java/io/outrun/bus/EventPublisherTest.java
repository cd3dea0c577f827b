package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.infra.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.test.StepVerifier;

class EventPublisherTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Kafka at a port nothing listens on. */
  private static KafkaProperties unreachableKafka() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of("localhost:" + FreePorts.next()));
    return kafka;
  }

  /** The bus settings with {@code publishTimeout}, one partition, no topics made, 16 KB margin. */
  private static EventBusProperties bus(Duration publishTimeout) {
    return new EventBusProperties(
        publishTimeout,
        1,
        (short) 1,
        false,
        DataSize.ofKilobytes(16),
        Duration.ofSeconds(30),
        Duration.ofMillis(100));
  }

  @Test
  void theProducerIsMadeWhenTheSenderIsNotOnTheThreadOfTheFirstSend() {
    KafkaProperties kafka = unreachableKafka();
    EventBusProperties bus = bus(Duration.ofMillis(500));
    List<String> madeOn = new CopyOnWriteArrayList<>();
    SenderOptions<String, byte[]> options =
        EventBusConfiguration.senderOptions(kafka, bus)
            .producerListener(
                new SenderOptions.ProducerListener() {
                  @Override
                  public void producerAdded(String id, Producer<?, ?> producer) {
                    madeOn.add(Thread.currentThread().getName());
                  }
                });

    KafkaSender<String, byte[]> sender =
        EventBusConfiguration.withProducer(KafkaSender.create(options));
    try {
      assertThat(madeOn)
          .as("made before any send, on the thread making the sender")
          .containsExactly(Thread.currentThread().getName());
    } finally {
      sender.close();
    }
  }

  @Test
  void publishFailsWithinItsTimeoutWhenKafkaIsUnreachableAndCountsTheTimeout() {
    KafkaProperties kafka = unreachableKafka();
    EventBusProperties bus = bus(Duration.ofMillis(500));
    RunRequested request =
        RunRequested.of(
            Instant.EPOCH, "ws", "wf", 1, false, TriggeredBy.manual("u", Map.of()), 0, "x");

    try (EventPublisher publisher =
        new EventPublisher(
            KafkaSender.create(EventBusConfiguration.senderOptions(kafka, bus)),
            new EventCodec(),
            new EventPublisher.Limits(bus.publishTimeout(), 1_000_000),
            new PublishMeters(meters))) {
      StepVerifier.create(publisher.publish(request))
          .expectError(PublishFailedException.class)
          .verify(Duration.ofSeconds(10));
    }
    assertThat(
            meters
                .get(BusMetrics.PUBLISH_FAILURES)
                .tags(BusMetrics.TOPIC, Topics.RUN_REQUESTS, BusMetrics.REASON, "timeout")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void eventOverTheLimitIsNotSentAndSaysByHowMuch() {
    KafkaProperties kafka = unreachableKafka();
    EventBusProperties bus = bus(Duration.ofMillis(500));
    RunRequested request =
        RunRequested.of(
            Instant.EPOCH,
            "ws",
            "wf",
            1,
            false,
            TriggeredBy.manual("u", Map.of("text", "x".repeat(5000))),
            0,
            "x");

    try (EventPublisher publisher =
        new EventPublisher(
            KafkaSender.create(EventBusConfiguration.senderOptions(kafka, bus)),
            new EventCodec(),
            new EventPublisher.Limits(bus.publishTimeout(), 4096),
            new PublishMeters(meters))) {
      StepVerifier.create(publisher.publishIfFits(request))
          .assertNext(
              publication ->
                  assertThat(publication)
                      .isInstanceOfSatisfying(
                          EventPublisher.Publication.TooLarge.class,
                          tooLarge -> {
                            assertThat(tooLarge.limit()).isEqualTo(4096);
                            assertThat(tooLarge.bytes()).isGreaterThan(5000);
                          }))
          .verifyComplete();
      StepVerifier.create(publisher.publish(request))
          .expectError(EventTooLargeException.class)
          .verify(Duration.ofSeconds(1));
    }
  }

  @Test
  void theLimitIsTheProducersMaxRequestSizeLessTheMargin() {
    KafkaProperties kafka = new KafkaProperties();
    EventBusProperties bus = bus(Duration.ofSeconds(5));

    assertThat(
            EventBusConfiguration.maxEventBytes(
                EventBusConfiguration.senderOptions(kafka, bus), bus))
        .isEqualTo(1024 * 1024 - 16 * 1024);
    kafka.getProducer().getProperties().put("max.request.size", "2097152");
    assertThat(
            EventBusConfiguration.maxEventBytes(
                EventBusConfiguration.senderOptions(kafka, bus), bus))
        .isEqualTo(2 * 1024 * 1024 - 16 * 1024);
  }
}
