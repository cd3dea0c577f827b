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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;
import reactor.kafka.sender.KafkaSender;
import reactor.test.StepVerifier;

class EventPublisherTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void theProducerIsMadeWhenTheSenderIsNotOnTheThreadOfTheFirstSend() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(java.util.List.of("localhost:" + FreePorts.next()));
    EventBusProperties bus =
        new EventBusProperties(
            Duration.ofMillis(500),
            1,
            (short) 1,
            false,
            DataSize.ofKilobytes(16),
            Duration.ofSeconds(30),
            Duration.ofMillis(100));
    java.util.List<String> madeOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    reactor.kafka.sender.SenderOptions<String, byte[]> options =
        EventBusConfiguration.senderOptions(kafka, bus)
            .producerListener(
                new reactor.kafka.sender.SenderOptions.ProducerListener() {
                  @Override
                  public void producerAdded(
                      String id, org.apache.kafka.clients.producer.Producer<?, ?> producer) {
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
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(java.util.List.of("localhost:" + FreePorts.next()));
    EventBusProperties bus =
        new EventBusProperties(
            Duration.ofMillis(500),
            1,
            (short) 1,
            false,
            DataSize.ofKilobytes(16),
            Duration.ofSeconds(30),
            Duration.ofMillis(100));
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
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(java.util.List.of("localhost:" + FreePorts.next()));
    EventBusProperties bus =
        new EventBusProperties(
            Duration.ofMillis(500),
            1,
            (short) 1,
            false,
            DataSize.ofKilobytes(16),
            Duration.ofSeconds(30),
            Duration.ofMillis(100));
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
    EventBusProperties bus =
        new EventBusProperties(
            Duration.ofSeconds(5),
            1,
            (short) 1,
            false,
            DataSize.ofKilobytes(16),
            Duration.ofSeconds(30),
            Duration.ofMillis(100));

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
